/**
 * subscriptions/listen (2026-07-28) on both transports: a change to my open incidents reaches an open stream as
 * notifications/resources/list_changed, polled with that stream's own token; over HTTP a token gets at most two
 * streams (a third is refused, saying why) while another token still gets its own.
 */
import { Client, StreamableHTTPClientTransport, type McpSubscription } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { LISTEN_LIMITS } from '../../src/mcp/httpListen';
import { startSimulator, type Simulator } from '../simulator/index';
import { startHttpServer, type HttpServerProcess } from '../support/httpHarness';
import { SERVER_JS } from '../support/mcpHarness';
import { BOTH_FAMILIES, MODERN_VERSION } from '../support/protocolFamily';
import { serverNode } from '../support/serverNode';

const POLL_MS = 1000;
const ENV = { PAGERDUTY_RESOURCE_POLL_MS: String(POLL_MS), PAGERDUTY_TOOLSETS: 'all' };

function modernClient(): Client {
  return new Client({ name: 'listen-tests', version: '1.0.0' }, { versionNegotiation: { mode: { pin: MODERN_VERSION } } });
}

/** Resolves once `done()` holds, checking as the event loop turns (the test's timeout bounds it). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Resolves at the next list_changed the client receives. */
function nextChange(client: Client): Promise<void> {
  return new Promise((resolve) => client.setNotificationHandler('notifications/resources/list_changed', () => resolve()));
}

describe('subscriptions/listen over HTTP and stdio', { skip: BOTH_FAMILIES }, () => {
  let sim: Simulator;
  let http: HttpServerProcess;
  const clients: Client[] = [];
  before(async () => {
    sim = await startSimulator();
    http = await startHttpServer(['--enable-write-tools'], { PAGERDUTY_API_HOST: sim.url, ...ENV });
  });
  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await http?.close();
    await sim?.close();
  });

  const overHttp = async (token: string) => {
    const c = modernClient();
    clients.push(c);
    await c.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { Authorization: `Token ${token}` } } }));
    return c;
  };
  const mineOpen = () => [...sim.state.incidents.values()].find((i) => i.status !== 'resolved' && i.assignments.some((a) => a.userId === sim.me.id))!;

  it('HTTP: a change to my open incidents reaches my stream', async () => {
    const c = await overHttp(sim.tokens.user);
    const sub: McpSubscription = await c.listen({ resourcesListChanged: true });
    assert.equal(sub.honoredFilter.resourcesListChanged, true);
    const changed = nextChange(c);
    // The stream notifies changes after its first view: wait for that poll (a GET /incidents after listen).
    const seen = sim.requests.length;
    await until(() => sim.requests.slice(seen).some((r) => r.method === 'GET' && r.path === '/incidents'));
    await c.callTool({ name: 'manage_incidents', arguments: { incident_ids: [mineOpen().id], status: 'resolved' } });
    await changed;
    await sub.close();
  });

  it(`HTTP: at most ${LISTEN_LIMITS.perToken} streams per token, refused past that with the reason; another token is not affected`, async () => {
    const c = await overHttp(sim.tokens.user);
    const open: McpSubscription[] = [];
    for (let i = 0; i < LISTEN_LIMITS.perToken; i++) open.push(await c.listen({ resourcesListChanged: true }));
    await assert.rejects(c.listen({ resourcesListChanged: true }), /already has 2 change streams open .* close one first/);
    const other = await overHttp(sim.tokens.observer);
    const theirs = await other.listen({ resourcesListChanged: true });
    await theirs.close();
    for (const s of open) await s.close();
  });

  it('stdio: a change reaches the stream', async () => {
    const c = modernClient();
    clients.push(c);
    await c.connect(
      new StdioClientTransport({
        command: serverNode(),
        args: [...SERVER_NODE_FLAGS, SERVER_JS, '--enable-write-tools'],
        env: { PATH: process.env.PATH ?? '', PAGERDUTY_USER_API_KEY: sim.tokens.user, PAGERDUTY_API_HOST: sim.url, ...ENV },
      }),
    );
    const sub = await c.listen({ resourcesListChanged: true });
    await c.listResources();
    const changed = nextChange(c);
    await c.callTool({ name: 'manage_incidents', arguments: { incident_ids: [mineOpen().id], status: 'resolved' } });
    await changed;
    await sub.close();
  });
});
