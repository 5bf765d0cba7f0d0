/**
 * MCP 2026-07-28 on both transports, beside the 2025 family on the same server process: server/discover, the
 * per-request _meta envelope, serverInfo and resultType in results, ttlMs and cacheScope "private" (answers depend on
 * the token) on list and read results, tools in one order, Mcp-Method / Mcp-Name checked over HTTP (HeaderMismatch),
 * an unknown version answered UnsupportedProtocolVersion naming the versions spoken. Raw JSON-RPC, so each field is
 * seen as a client receives it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { APP_MIME, CARD_META, CARD_URI } from '../../src/mcp/apps/incidentCard';
import { startSimulator, type Simulator } from '../simulator/index';
import { connectHttp, rpc, startHttpServer, type HttpServerProcess } from '../support/httpHarness';
import { SERVER_JS, startMcp } from '../support/mcpHarness';
import { BOTH_FAMILIES, MODERN_VERSION } from '../support/protocolFamily';
import { serverNode } from '../support/serverNode';

const META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'protocol2026-tests', version: '1.0.0' },
};
type Answer = { result?: Record<string, any>; error?: { code: number; message: string; data?: any } };
type Send = (method: string, params?: Record<string, unknown>, meta?: Record<string, unknown>) => Promise<Answer>;

/** The server over stdio, spoken to line by line. */
function stdioServer(sim: Simulator): { send: Send; close(): Promise<void> } {
  const proc: ChildProcessWithoutNullStreams = spawn(serverNode(), [...SERVER_NODE_FLAGS, SERVER_JS, '--enable-write-tools'], {
    env: { PATH: process.env.PATH ?? '', PAGERDUTY_USER_API_KEY: sim.tokens.user, PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' },
  });
  const waiting = new Map<number, (answer: Answer) => void>();
  let buffer = '';
  proc.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, nl)) as Answer & { id: number };
      buffer = buffer.slice(nl + 1);
      waiting.get(message.id)?.(message);
    }
  });
  let id = 0;
  return {
    send: (method, params = {}, meta = META) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        proc.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } })}\n`);
      }),
    close: async () => {
      proc.stdin.end();
      if (proc.exitCode === null) await new Promise((resolve) => proc.once('exit', resolve));
    },
  };
}

/** The server over HTTP, each request as a 2026-07-28 client sends it (envelope, Mcp-Method, Mcp-Name). */
function httpSender(server: HttpServerProcess, sim: Simulator): Send {
  let id = 0;
  return async (method, params = {}, meta = META) => {
    const name = (params.name ?? params.uri) as string | undefined;
    const headers = { 'mcp-protocol-version': String(meta['io.modelcontextprotocol/protocolVersion']), 'mcp-method': method, ...(name ? { 'mcp-name': name } : {}) };
    const answer = await rpc(server.url, `Token ${sim.tokens.user}`, { jsonrpc: '2.0', id: ++id, method, params: { ...params, _meta: meta } }, headers);
    return (await answer.json()) as Answer;
  };
}

describe('MCP 2026-07-28 over stdio and HTTP', { skip: BOTH_FAMILIES }, () => {
  let sim: Simulator;
  let http: HttpServerProcess;
  let stdio: ReturnType<typeof stdioServer>;
  const transports: [string, () => Send][] = [
    ['stdio', () => stdio.send],
    ['HTTP', () => httpSender(http, sim)],
  ];
  before(async () => {
    sim = await startSimulator();
    http = await startHttpServer(['--enable-write-tools'], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
    stdio = stdioServer(sim);
  });
  after(async () => {
    await stdio?.close();
    await http?.close();
    await sim?.close();
  });

  for (const [transport, sender] of transports) {
    it(`${transport}: server/discover names 2026-07-28, the server and its capabilities`, async () => {
      const { result } = await sender()('server/discover');
      assert.ok(result, 'discover answers');
      assert.ok(result.supportedVersions.includes(MODERN_VERSION));
      assert.equal(result._meta['io.modelcontextprotocol/serverInfo'].name, 'pagerduty');
      assert.ok(result.capabilities.tools);
      assert.ok(result.capabilities.resources);
    });

    it(`${transport}: list and read results carry resultType, serverInfo, ttlMs and cacheScope "private"`, async () => {
      const send = sender();
      const incident = [...sim.state.incidents.values()][0];
      for (const [method, params] of [
        ['tools/list', {}],
        ['prompts/list', {}],
        ['resources/list', {}],
        ['resources/templates/list', {}],
        ['resources/read', { uri: `pagerduty://incidents/${incident.id}` }],
      ] as const) {
        const { result, error } = await send(method, params);
        assert.ok(result, `${method}: ${error?.message}`);
        assert.equal(result.resultType, 'complete', method);
        assert.equal(result.cacheScope, 'private', `${method}: answers depend on the token`);
        assert.equal(typeof result.ttlMs, 'number', method);
        assert.equal(result._meta['io.modelcontextprotocol/serverInfo'].name, 'pagerduty', method);
      }
      const call = await send('tools/call', { name: 'get_incident', arguments: { incident_id: incident.id } });
      assert.equal(call.result?.resultType, 'complete');
    });

    it(`${transport}: tools come in one order, request after request`, async () => {
      const names = async () => ((await sender()('tools/list')).result!.tools as { name: string }[]).map((t) => t.name);
      const first = await names();
      assert.ok(first.length > 50);
      assert.deepEqual(await names(), first);
    });

    it(`${transport}: an unknown protocol version is UnsupportedProtocolVersion naming the versions spoken`, async () => {
      const { error } = await sender()('tools/list', {}, { ...META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' });
      assert.equal(error?.code, -32022);
      assert.match(error!.message, /2099-01-01/);
      assert.match(error!.message, /speaks 2026-07-28 in each request's _meta, or 2025-11-25, 2025-06-18/);
      assert.deepEqual(error!.data.supported, [MODERN_VERSION]);
    });

    it(`${transport}: an incident number sent as an integer is taken, and still validated`, async () => {
      const send = sender();
      const incident = [...sim.state.incidents.values()][0];
      const ok = await send('tools/call', { name: 'get_incident', arguments: { incident_id: incident.number } });
      assert.ok(!ok.result?.isError, JSON.stringify(ok).slice(0, 300));
      assert.match(ok.result!.content[0].text, new RegExp(`#${incident.number}\\b`));
      for (const bad of [-3, 1.5, 0]) {
        const refused = await send('tools/call', { name: 'get_incident', arguments: { incident_id: bad } });
        assert.equal(refused.result?.isError, true, `refused: ${bad}`);
        assert.match(refused.result!.content[0].text, /incident_id/);
      }
    });
  }

  it('HTTP: a request whose capabilities declare MCP Apps gets the incident card, as over stdio; others do not', async () => {
    const send = httpSender(http, sim);
    const apps = { ...META, 'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [APP_MIME] } } } };
    const tool = async (meta: Record<string, unknown>) => ((await send('tools/list', {}, meta)).result!.tools as { name: string; _meta?: any }[]).find((t) => t.name === 'get_incident');
    assert.deepEqual((await tool(apps))?._meta, { ui: { resourceUri: CARD_URI } });
    assert.equal((await tool(META))?._meta, undefined);
    const html = await send('resources/read', { uri: CARD_URI }, apps);
    assert.equal(html.result?.contents[0].mimeType, APP_MIME);
    assert.match(html.result?.contents[0].text, /<html/i);
    assert.equal((await send('resources/read', { uri: CARD_URI })).error?.code, -32602, 'no card for a request without MCP Apps');
    const incident = [...sim.state.incidents.values()][0];
    const withCard = await send('tools/call', { name: 'get_incident', arguments: { incident_id: incident.id } }, apps);
    assert.equal(withCard.result?._meta?.[CARD_META]?.incident?.id, incident.id);
    const plain = await send('tools/call', { name: 'get_incident', arguments: { incident_id: incident.id } });
    assert.equal(plain.result?._meta?.[CARD_META], undefined);
  });

  it('HTTP: Mcp-Method or Mcp-Name that disagrees with the body is HeaderMismatch (-32020), before anything runs', async () => {
    const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: META, name: 'list_incidents', arguments: {} } };
    const before = sim.requests.length;
    for (const headers of [
      { 'mcp-method': 'tools/call', 'mcp-name': 'get_incident' },
      { 'mcp-method': 'tools/list', 'mcp-name': 'list_incidents' },
    ]) {
      const answer = await rpc(http.url, `Token ${sim.tokens.user}`, body, { 'mcp-protocol-version': MODERN_VERSION, ...headers });
      assert.equal(answer.status, 400);
      assert.equal(((await answer.json()) as Answer).error?.code, -32020);
    }
    assert.equal(sim.requests.length, before, 'no PagerDuty call');
  });

  it('one process serves both families: a 2025-11-25 client (initialize) and 2026-07-28 requests, same tools in the same order', async () => {
    const legacy = await connectHttp(http.url, `Token ${sim.tokens.user}`, {}, { modern: false });
    const modern = await connectHttp(http.url, `Token ${sim.tokens.user}`, {}, { modern: true });
    try {
      const names = async (c: typeof legacy) => (await c.listTools()).tools.map((t) => t.name);
      assert.deepEqual(await names(modern), await names(legacy));
    } finally {
      await legacy.close();
      await modern.close();
    }
    const stdio2025 = await startMcp({ sim, modern: false });
    const stdio2026 = await startMcp({ sim, modern: true });
    try {
      assert.deepEqual((await stdio2026.client.listTools()).tools.map((t) => t.name), (await stdio2025.client.listTools()).tools.map((t) => t.name));
    } finally {
      await stdio2026.close();
      await stdio2025.close();
    }
  });
});
