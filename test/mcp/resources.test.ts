/**
 * MCP resources over stdio: my open incidents listed for Add Context, templates whose text is the read tool's own
 * answer, and list_changed only while the client keeps listing.
 */
import { McpError, ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { type McpSession, SERVER_JS, startMcp } from '../support/mcpHarness';
import { APP_MIME } from '../../src/mcp/apps/incidentCard';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serverNode } from '../support/serverNode';
import { APPS, appsAndModel } from '../support/appSessions';
import { ONLY_2025 } from '../support/protocolFamily';

const POLL_MS = 1000;

describe('MCP resources', () => {
  let s: McpSession;
  let changes = 0;
  before(async () => {
    s = await startMcp({ writes: true, structuredOutput: false, env: { PAGERDUTY_RESOURCE_POLL_MS: String(POLL_MS) } });
    if (!ONLY_2025) s.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => void changes++);
  });
  after(() => s.close());

  const mineOpen = () =>
    [...s.sim.state.incidents.values()]
      .filter((i) => i.status !== 'resolved' && i.assignments.some((a) => a.userId === s.sim.me.id))
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const text = async (uri: string) => {
    const r = await s.client.readResource({ uri });
    assert.equal(r.contents.length, 1);
    return (r.contents[0] as { text: string }).text;
  };

  it('lists the templates and, as resources, my open incidents newest first (bounded) and my on-call status', async () => {
    const { resourceTemplates } = await s.client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate).sort(), [
      'pagerduty://incidents/{id}',
      'pagerduty://schedules/{id}',
      'pagerduty://services/{id}',
      'pagerduty://users/{id}',
    ]);
    const { resources } = await s.client.listResources();
    const incidents = resources.filter((r) => r.uri.startsWith('pagerduty://incidents/'));
    const expected = mineOpen().slice(0, 25);
    assert.ok(expected.length > 1, 'the simulator assigns me open incidents');
    assert.deepEqual(incidents.map((r) => r.uri), expected.map((i) => `pagerduty://incidents/${i.id}`));
    assert.equal(incidents[0]!.title, `#${expected[0]!.number} ${expected[0]!.title}`);
    assert.match(incidents[0]!.description!, /^(triggered|acknowledged), (high|low) urgency$/);
    assert.ok(resources.some((r) => r.uri === 'pagerduty://oncall/me' && r.title === 'My on-call status'));
  });

  it("a resource's text is exactly the read tool's answer (fenced)", async () => {
    const incident = mineOpen()[0]!;
    const service = [...s.sim.state.services.values()][0]!;
    const schedule = [...s.sim.state.schedules.values()][0]!;
    const pairs: [string, string, Record<string, unknown>][] = [
      [`pagerduty://incidents/${incident.id}`, 'get_incident', { incident_id: incident.id }],
      [`pagerduty://services/${service.id}`, 'get_service', { service_id: service.id }],
      [`pagerduty://schedules/${schedule.id}`, 'get_schedule', { schedule_id: schedule.id }],
      [`pagerduty://users/${s.sim.me.id}`, 'get_user_data', { user_id: s.sim.me.id }],
      ['pagerduty://oncall/me', 'list_oncalls', { user_ids: [s.sim.me.id] }],
    ];
    for (const [uri, tool, args] of pairs) {
      const fromResource = await text(uri);
      assert.match(fromResource, /<<<PAGERDUTY_DATA/, uri);
      // The schedule's default window starts "now": two reads a moment apart may differ in its time of day (a second
      // boundary between them), so times of "now" compare as equal; dates and every other field must match.
      const noClock = (t: string) => t.replace(/T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g, 'T<time>Z');
      assert.equal(noClock(fromResource), noClock((await s.ok(tool, args)).text), uri);
    }
    assert.match(await text(`pagerduty://incidents/${incident.id}`), new RegExp(incident.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('an unknown id is a read error with the tool’s own explanation', async () => {
    await assert.rejects(s.client.readResource({ uri: 'pagerduty://incidents/QNOPE00000' }), /not found|404/i);
  });

  it('notifies list_changed when my open incidents change while the client lists them, then stays quiet', { skip: ONLY_2025 }, async () => {
    await s.client.listResources();
    changes = 0;
    await sleep(POLL_MS * 2.5);
    assert.equal(changes, 0, 'no change, no notification');

    await s.ok('manage_incidents', { incident_ids: [mineOpen()[0]!.id], status: 'resolved' });
    await sleep(POLL_MS * 2.5);
    assert.equal(changes, 1, 'one notification for the change');

    // Until the client lists again nothing more is sent, however much changes.
    await s.ok('manage_incidents', { incident_ids: [mineOpen()[0]!.id], status: 'resolved' });
    await sleep(POLL_MS * 2.5);
    assert.equal(changes, 1);
  });

  it('a client that never lists resources causes no polling', { skip: ONLY_2025 }, async () => {
    const quiet = await startMcp({ sim: s.sim, env: { PAGERDUTY_RESOURCE_POLL_MS: String(POLL_MS) } });
    try {
      await quiet.client.listResourceTemplates();
      const before = s.sim.requests.length;
      await sleep(POLL_MS * 2.5);
      assert.equal(s.sim.requests.length, before, 'no requests while idle');
    } finally {
      await quiet.close();
    }
  });
});

describe('resources: real causes, invalid ids, no early list_changed', () => {
  const sessions = appsAndModel();
  let apps: McpSession;
  before(() => ({ apps } = sessions));

  it('pagerduty://oncall/me reports the real cause of a failed /users/me (401, 403, 429, 5xx), as the tools do', async () => {
    const read = () => apps.client.readResource({ uri: 'pagerduty://oncall/me' }).then(() => 'read', (error: Error) => error.message);
    const me = { method: 'GET', path: /^\/users\/me$/ };
    const cases: [string, () => void, RegExp][] = [
      ['401', () => apps.sim.faults.add({ kind: 'body', status: 401, body: JSON.stringify({ error: { message: 'Unauthorized', code: 2006 } }), match: me }), /rejected the API token \(401\).*revoked/],
      ['403', () => apps.sim.faults.add({ kind: 'body', status: 403, body: JSON.stringify({ error: { message: 'Forbidden', code: 2010 } }), match: me }), /refused GET \/users\/me \(403\)/],
      ['429', () => apps.sim.faults.add({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, match: me, times: 10 }), /rate limit .*\(429\)/],
      ['500', () => apps.sim.faults.add({ kind: 'status', status: 500, match: me, times: 10 }), /server error \(500\)/],
      ['503', () => apps.sim.faults.add({ kind: 'status', status: 503, match: me, times: 10 }), /server error \(503\)/],
    ];
    for (const [status, fault, expected] of cases) {
      apps.sim.faults.clear();
      fault();
      const message = await read();
      assert.match(message, expected, status);
      assert.match(message, /My on-call status failed/, status);
      assert.doesNotMatch(message, /account-level/, `${status} is not blamed on the token type`);
    }
    apps.sim.faults.clear();
    assert.equal(await read(), 'read', 'reads again once PagerDuty answers');
    const account = await startMcp({ sim: apps.sim, token: 'accountKey' });
    try {
      const message = await account.client.readResource({ uri: 'pagerduty://oncall/me' }).then(() => 'read', (error: Error) => error.message);
      assert.match(message, /account-level API key/, 'an account key is told so');
    } finally {
      await account.close();
    }
  });
  it('invalid resource ids answer -32602 (invalid params), and no error text repeats "MCP error -32602"', async () => {
    const failure = (uri: string) => apps.client.readResource({ uri }).then(() => assert.fail(`${uri} was read`), (error: McpError) => error);
    for (const uri of ['pagerduty://incidents/%ZZ', 'pagerduty://incidents/null', 'pagerduty://services/a%20b', 'pagerduty://users/%3Cscript%3E']) {
      const error = await failure(uri);
      assert.equal(error.code, -32602, `${uri}: ${error.message}`);
      // The v1 client prefixes the code once; the v2 client (2026-07-28 runs) not at all: never twice.
      assert.match(error.message, /^(MCP error -32602: )?(?!MCP error)\S/, error.message);
    }
    const unknown = await failure('pagerduty://nothing/here');
    assert.equal(unknown.code, -32602);
    assert.doesNotMatch(unknown.message, /MCP error -32602: MCP error -32602/, unknown.message);
    const prompt = await apps.client.getPrompt({ name: 'no-such-prompt' }).then(() => assert.fail('got a prompt'), (error: McpError) => error);
    assert.doesNotMatch(prompt.message, /(MCP error -?\d+: ){2}/, prompt.message);
  });
  it('an MCP Apps client gets no resources/list_changed right after initialize (nor does any other)', async () => {
    for (const capabilities of [APPS, {}]) {
      const transport = new StdioClientTransport({
        command: serverNode(),
        args: [...SERVER_NODE_FLAGS, SERVER_JS],
        env: { PATH: process.env.PATH ?? '', PAGERDUTY_USER_API_KEY: apps.sim.tokens.user, PAGERDUTY_API_HOST: apps.sim.url },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'list-changed-probe', version: '1.0.0' }, { capabilities });
      let notified = 0;
      client.setNotificationHandler(ResourceListChangedNotificationSchema, () => void notified++);
      await client.connect(transport);
      try {
        await client.listTools();
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(notified, 0, `list_changed after initialize (${JSON.stringify(capabilities).slice(0, 40)})`);
        if (capabilities === APPS) {
          const { contents } = await client.readResource({ uri: 'ui://pagerduty/incident-card' });
          assert.equal((contents[0] as { mimeType: string }).mimeType, APP_MIME, 'the card is still readable');
        }
      } finally {
        await client.close();
      }
    }
  });
});
