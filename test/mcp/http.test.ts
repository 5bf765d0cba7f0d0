/**
 * `dist/mcp-server.js --http` as remote clients meet it: the SDK's Streamable HTTP client (what VS Code's mcp.json
 * `type: http` and other hosts use) and raw HTTP (curl, probes, a load balancer), against the simulator.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MAX_UNFINISHED_BODIES_PER_ADDRESS } from '../../src/mcp/httpBody';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { assertNoViolations } from '../simulator/assert';
import { startSimulator, type Simulator } from '../simulator/index';
import { connectHttp, resultText, rpc, startHttpServer, type HttpServerProcess } from '../support/httpHarness';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { type McpSession } from '../support/mcpHarness';
import { appsAndModel } from '../support/appSessions';

const SECRET = 'a-long-enough-shared-secret-0123456789';
const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const call = (id: number, name: string, args: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** Everything the server wrote, to check that no token of the run is in it. */
function assertNoSecretIn(text: string, ...secrets: string[]) {
  for (const secret of secrets) assert.ok(!text.includes(secret.slice(0, 8)), 'a token (or its first 8 characters) reached the server log');
}

/** One raw HTTP/1.1 exchange (what fetch will not send: any Host, any request target); the whole answer once the server closes. */
function rawRequest(url: string, head: string): Promise<string> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  return new Promise((resolve, reject) => socket.on('close', () => resolve(answer)).on('error', reject));
}

/** A client that sends its headers and the first byte of a 100-byte body, then nothing more: a slow upload. */
async function slowUpload(url: string): Promise<{ socket: net.Socket; answer: Promise<string> }> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let text = '';
  socket.on('data', (d) => (text += d)).on('error', () => undefined);
  const answer = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  const head = 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token made-up-token-0001\r\nContent-Type: application/json\r\n';
  await new Promise((resolve) => socket.write(`${head}Accept: application/json, text/event-stream\r\nContent-Length: 100\r\n\r\n{`, resolve));
  return { socket, answer };
}

describe('MCP over Streamable HTTP', () => {
  let sim: Simulator;
  let srv: HttpServerProcess;
  before(async () => {
    sim = await startSimulator();
    srv = await startHttpServer(['--allow-origin', 'https://inspector.example.com'], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
  });
  after(async () => {
    await srv.close();
    assertNoSecretIn(srv.stderr(), sim.tokens.user, sim.tokens.observer);
    try {
      assertNoViolations(sim);
    } finally {
      await sim.close();
    }
  });

  for (const [label, header] of [
    ['Token <token>', (t: string) => `Token ${t}`],
    ['Token token=<token>', (t: string) => `Token token=${t}`],
  ] as const) {
    it(`authenticates with "Authorization: ${label}" and uses that token for PagerDuty`, async () => {
      const client = await connectHttp(srv.url, header(sim.tokens.user));
      try {
        const { tools } = await client.listTools();
        assert.ok(tools.some((t) => t.name === 'list_incidents'));
        assert.ok(!tools.some((t) => t.name === 'create_incident'), 'write tools are off by default, as over stdio');
        const before = sim.requests.length;
        const result = await client.callTool({ name: 'get_user_data', arguments: {} });
        assert.ok(!result.isError, resultText(result));
        assert.match(resultText(result), new RegExp(sim.me.email));
        assert.deepEqual([...new Set(sim.requests.slice(before).map((r) => r.tokenLabel))], ['user']);
      } finally {
        await client.close();
      }
    });
  }

  it('refuses "Bearer <token>" and a missing header with 401, WWW-Authenticate and the expected format', async () => {
    for (const authorization of [`Bearer ${sim.tokens.user}`, '']) {
      const response = await rpc(srv.url, authorization, init);
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Token realm=/);
      const { error } = await response.json();
      assert.match(error.message, /Authorization: Token <token>.*Token token=<token>/);
      if (authorization) assert.match(error.message, /Bearer .* is the wrong scheme/);
      assert.ok(!JSON.stringify(error).includes(sim.tokens.user.slice(0, 8)), 'the token is not echoed');
    }
    const spaced = await rpc(srv.url, `Token ${sim.tokens.user.slice(0, 5)} ${sim.tokens.user.slice(5)}`, init);
    assert.equal(spaced.status, 401, 'a token that cannot be a PagerDuty token is refused before any PagerDuty call');
    assert.match((await spaced.json()).error.message, /not a usable PagerDuty API token: it contains whitespace: a space \(U\+0020\) at character 6/);
    // The SDK's client surfaces the 401 as an error naming the status.
    await assert.rejects(connectHttp(srv.url, `Bearer ${sim.tokens.user}`), /401|wrong scheme/);
  });

  it('answers curl -I (HEAD) and GET without a session: 200 with a well-formed token, 401 without', async () => {
    const head = (authorization?: string) => fetch(srv.url, { method: 'HEAD', headers: authorization ? { authorization } : {} });
    const ok = await head(`Token token=${sim.tokens.user}`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '');
    const refused = await head();
    assert.equal(refused.status, 401);
    assert.ok(refused.headers.get('www-authenticate'));
    const get = await fetch(srv.url, { headers: { authorization: `Token ${sim.tokens.user}` } });
    assert.equal(get.status, 200);
    const checked = await get.json();
    // Only the header's form was checked, and the answer says so (no PagerDuty call: see the end of this test).
    assert.equal(checked.status, 'token-well-formed');
    assert.match(checked.checked, /form only; PagerDuty was not asked/);
    assert.deepEqual(checked.protocolVersions.perRequest, ['2026-07-28']);
    assert.ok(checked.protocolVersions.withInitialize.includes('2025-11-25'));
    // The SDK's clients ask for a server-to-client stream after initializing; 405 is the spec's "none here".
    const stream = await fetch(srv.url, { headers: { authorization: `Token ${sim.tokens.user}`, accept: 'text/event-stream' } });
    assert.equal(stream.status, 405);
    assert.equal(sim.requests.filter((r) => r.method === 'HEAD').length, 0, 'a token check costs PagerDuty nothing');
  });

  it('/healthz answers without a token; other paths are 404', async () => {
    const health = await fetch(`${srv.origin}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, 'ok');
    assert.equal((await fetch(`${srv.origin}/`, { headers: { authorization: `Token ${sim.tokens.user}` } })).status, 404);
  });

  it('refuses a browser page on another origin with 403, and serves an allow-listed origin with CORS headers', async () => {
    const foreign = await rpc(srv.url, `Token ${sim.tokens.user}`, init, { origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.match((await foreign.json()).error.message, /--allow-origin/);
    // DNS rebinding: a page whose origin names this very host and port is still another origin.
    assert.equal((await rpc(srv.url, `Token ${sim.tokens.user}`, init, { origin: srv.origin })).status, 403);
    const preflight = await fetch(srv.url, { method: 'OPTIONS', headers: { origin: 'https://inspector.example.com', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const allowed = await rpc(srv.url, `Token ${sim.tokens.user}`, init, { origin: 'https://inspector.example.com' });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://inspector.example.com');
  });

  it('serves two clients with different tokens, interleaved, each PagerDuty request carrying its own client\'s token', async () => {
    const other = [...sim.state.users.values()].find((u) => u.id !== sim.me.id && u.email !== sim.me.email)!;
    const tokens = { alice: sim.issueToken('alice'), bob: sim.issueToken('bob', other.id) };
    const clients = { alice: await connectHttp(srv.url, `Token ${tokens.alice}`), bob: await connectHttp(srv.url, `Token token=${tokens.bob}`) };
    const expected = { alice: sim.me.email, bob: other.email };
    try {
      const before = sim.requests.length;
      const rounds = 12;
      const answers = await Promise.all(
        Array.from({ length: rounds * 2 }, (_, i) => {
          const who = i % 2 ? 'bob' : 'alice';
          return clients[who].callTool({ name: 'get_user_data', arguments: {} }).then((r) => ({ who, text: resultText(r), isError: r.isError }));
        }),
      );
      for (const a of answers) {
        assert.ok(!a.isError, a.text);
        assert.match(a.text, new RegExp(expected[a.who as keyof typeof expected].replace('.', '\\.')), `${a.who} got someone else's user`);
      }
      // Each call built its own client: one /users/me each, with the token of the session that made the call.
      const seen = sim.requests.slice(before).filter((r) => r.path === '/users/me');
      assert.equal(seen.length, rounds * 2);
      assert.deepEqual(
        { alice: seen.filter((r) => r.tokenLabel === 'alice').length, bob: seen.filter((r) => r.tokenLabel === 'bob').length },
        { alice: rounds, bob: rounds },
      );
      assertNoSecretIn(srv.stderr(), tokens.alice, tokens.bob);
    } finally {
      await clients.alice.close();
      await clients.bob.close();
    }
  });

  it('redacts each request\'s token from that request only: a client cannot rewrite another client\'s answers', async () => {
    // Tokens of the right shape that PagerDuty would refuse: one is the data fence's marker, one starts like my email.
    const intruders = [FENCE_OPEN, `${sim.me.email.slice(0, 12)}-not-a-token`];
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    const held = intruders.map(
      (_, i) => new Promise<void>((held) => sim.faults.add({ kind: 'hold', until, held, match: { method: 'GET', path: new RegExp(`^/incidents/PHELD${i}$`) } })),
    );
    const theirs = intruders.map((token, i) => rpc(srv.url, `Token ${token}`, call(40 + i, 'get_incident', { incident_id: `PHELD${i}` }), { 'mcp-protocol-version': '2025-06-18' }));
    const client = await connectHttp(srv.url, `Token ${sim.tokens.user}`);
    try {
      await Promise.all(held); // both are in flight, with their tokens, while this client is served
      for (let round = 0; round < 3; round++) {
        const me = resultText(await client.callTool({ name: 'get_user_data', arguments: {} }));
        assert.ok(me.includes(sim.me.email), `my email was rewritten: ${me.slice(0, 300)}`);
        const list = resultText(await client.callTool({ name: 'list_incidents', arguments: { limit: 2 } }));
        assert.ok(list.includes(FENCE_OPEN), `the data fence was removed: ${list.slice(0, 300)}`);
        const missing = resultText(await client.callTool({ name: 'get_incident', arguments: { incident_id: 'PNOSUCH1' } }));
        assert.match(missing, /Not found \(404\) for GET \/incidents\/PNOSUCH1/, 'errors keep their text too');
      }
    } finally {
      release();
      await client.close();
    }
    for (const answer of await Promise.all(theirs)) {
      assert.equal(answer.status, 200);
      const text = resultText((await answer.json()).result);
      assert.match(text, /PagerDuty rejected the API token \(401\)/, 'their own calls end as PagerDuty answers them');
    }
  });

  it('is stateless: no session id, and a call needs no initialize on the same process (another replica serves it)', async () => {
    const replica = await startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
    try {
      const first = await rpc(srv.url, `Token ${sim.tokens.user}`, init);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('mcp-session-id'), null);
      assert.equal((await first.json()).result.serverInfo.name, 'pagerduty');
      const next = await rpc(replica.url, `Token ${sim.tokens.user}`, call(2, 'list_incidents', { limit: 2 }), { 'mcp-protocol-version': '2025-06-18' });
      assert.equal(next.status, 200);
      const body = await next.json();
      assert.equal(body.id, 2);
      assert.ok(!body.result.isError, resultText(body.result));
      assert.match(resultText(body.result), /#\d+/);
    } finally {
      await replica.close();
    }
  });

  it('a 2025 client: falls back without elicitation, as for a client that cannot ask, even when it declares it', async () => {
    const writer = await startHttpServer(['--enable-write-tools'], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
    // 2025-11-25 has no way to ask without a session; 2026-07-28 asks by multi round-trip (mrtr.test.ts).
    const client = await connectHttp(writer.url, `Token ${sim.tokens.user}`, { elicitation: {} }, { modern: false });
    try {
      const schedule = [...sim.state.schedules.values()][0];
      const start = new Date(Date.now() + 3 * 86_400_000);
      const result = await client.callTool({
        name: 'create_schedule_override',
        arguments: { schedule_id: schedule.id, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() },
      });
      assert.equal(result.isError, true);
      assert.match(resultText(result), /user_id is required: ask the person/);
    } finally {
      await client.close();
      await writer.close();
    }
  });

  it('lists and reads resources and prompts statelessly, as the README says', async () => {
    const client = await connectHttp(srv.url, `Token ${sim.tokens.user}`);
    try {
      const { resources } = await client.listResources();
      const mine = resources.filter((r) => r.uri.startsWith('pagerduty://incidents/'));
      assert.ok(mine.length > 0, 'my open incidents are listed');
      const read = await client.readResource({ uri: mine[0].uri });
      assert.match(String((read.contents[0] as { text?: string }).text), new RegExp(mine[0].uri.split('/').pop()!));
      const { prompts } = await client.listPrompts();
      assert.ok(prompts.some((p) => p.name === 'investigate_incident'));
    } finally {
      await client.close();
    }
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const big = { ...call(3, 'list_incidents'), pad: 'x'.repeat(1024 * 1024 + 10) };
    const response = await rpc(srv.url, `Token ${sim.tokens.user}`, big);
    assert.equal(response.status, 413);
    assert.match((await response.json()).error.message, /too large|exceeds|1048576/i);
    assert.equal((await rpc(srv.url, `Token ${sim.tokens.user}`, init)).status, 200);
  });

  it('answers a chunked oversize body (no Content-Length) with 413 without reading it all', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MiB if the server kept reading; it stops after 1 MiB.
        if (sent++ < 1024) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(srv.url, {
      method: 'POST',
      headers: { authorization: `Token ${sim.tokens.user}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.match((await response.json()).error.message, /exceeds 1048576 bytes/);
    assert.ok(sent < 1024, `the client had to send ${sent} chunks`);
    assert.equal((await rpc(srv.url, `Token ${sim.tokens.user}`, init)).status, 200);
  });

  it('refuses a JSON-RPC batch with 400 before any PagerDuty call, so --max-concurrent bounds the calls', async () => {
    const before = sim.requests.length;
    const batch = Array.from({ length: 20 }, (_, i) => call(10 + i, 'get_user_data'));
    const response = await rpc(srv.url, `Token ${sim.tokens.user}`, batch, { 'mcp-protocol-version': '2025-06-18' });
    assert.equal(response.status, 400);
    const { error } = await response.json();
    assert.match(error.message, /send one JSON-RPC message per POST/);
    assert.equal(error.code, -32600, 'Invalid Request, as the SDK answers a batch it refuses');
    assert.equal(sim.requests.length, before, 'no PagerDuty call was made');
    const invalid = await fetch(srv.url, {
      method: 'POST',
      headers: { authorization: `Token ${sim.tokens.user}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{"jsonrpc":',
    });
    assert.equal(invalid.status, 400);
    assert.deepEqual((await invalid.json()).error, { code: -32700, message: 'Parse error: the request body is not valid JSON.' });
  });

  it('on a loopback bind, answers only requests for a loopback Host (DNS rebinding sends no Origin on every request)', async () => {
    const auth = `Authorization: Token ${sim.tokens.user}`;
    for (const host of ['evil.example', 'evil.example:' + new URL(srv.url).port, '127.0.0.1.evil.example', 'localhost.evil.example', '127.0.0.1/@evil.example', 'evil.example#@127.0.0.1']) {
      const answer = await rawRequest(srv.url, `GET /mcp HTTP/1.1\r\nHost: ${host}\r\n${auth}`);
      assert.match(answer, /^HTTP\/1\.1 403/, host);
      assert.match(answer, /Host not allowed: this server listens on a loopback address/);
    }
    for (const host of ['127.0.0.1', `localhost:${new URL(srv.url).port}`, '[::1]:1234']) {
      assert.match(await rawRequest(srv.url, `GET /mcp HTTP/1.1\r\nHost: ${host}\r\n${auth}`), /^HTTP\/1\.1 200/, host);
    }
  });

  it('answers a request target that is not a path with 400, not 500', async () => {
    for (const target of ['//a:b/mcp', '//[x/mcp']) {
      const answer = await rawRequest(srv.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1`);
      assert.match(answer, /^HTTP\/1\.1 400/, target);
      assert.match(answer, /"code":-32000,"message":"The request target is not a valid path: use \/mcp/);
    }
    assert.doesNotMatch(srv.stderr(), /request failed/, 'nothing failed inside the server');
  });

  it('refuses an unknown option and a --token flag at start-up, with the reason', async () => {
    await assert.rejects(startHttpServer(['--token', 'abc']), /not accepted: pass the token in PAGERDUTY_USER_API_KEY/);
    await assert.rejects(startHttpServer(['--port', '70000']), /--port must be a whole number between 0 and 65535/);
  });
});

describe('HTTP limits: slow clients and concurrency', () => {
  let sim: Simulator;
  let srv: HttpServerProcess;
  let single: HttpServerProcess;
  /** Node's own request timeout far off, so that only the server's body rules cut slow uploads. */
  let patient: HttpServerProcess;
  before(async () => {
    sim = await startSimulator();
    srv = await startHttpServer(['--request-timeout-ms', '500'], { PAGERDUTY_API_HOST: sim.url });
    single = await startHttpServer(['--max-concurrent', '1'], { PAGERDUTY_API_HOST: sim.url });
    patient = await startHttpServer(['--max-concurrent', '2', '--request-timeout-ms', '120000'], { PAGERDUTY_API_HOST: sim.url });
  });
  after(async () => {
    await srv.close();
    await single.close();
    await patient.close();
    await sim.close();
  });

  it('cuts off a client that sends its request too slowly, while serving others', async () => {
    const { port } = new URL(srv.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const started = Date.now();
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (d) => (answer += d));
      socket.on('close', () => resolve(answer));
    });
    socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token ${sim.tokens.user}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 500\r\n\r\n{"jsonrpc":`);
    assert.equal((await rpc(srv.url, `Token ${sim.tokens.user}`, init)).status, 200, 'another client is served meanwhile');
    const answer = await closed;
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(Date.now() - started < 5000, `cut off after ${Date.now() - started} ms`);
  });

  it('reads a body before the request takes a --max-concurrent slot: slow uploads with a made-up token leave the slots free', async () => {
    const slow: Awaited<ReturnType<typeof slowUpload>>[] = [];
    for (let i = 0; i < 4; i++) slow.push(await slowUpload(patient.url));
    try {
      for (let i = 0; i < 3; i++) {
        const response = await rpc(patient.url, `Token ${sim.tokens.user}`, init);
        assert.equal(response.status, 200, `request ${i} while 4 uploads are unfinished and --max-concurrent is 2`);
      }
    } finally {
      for (const { socket } of slow) socket.destroy();
    }
  });

  it(`keeps at most ${MAX_UNFINISHED_BODIES_PER_ADDRESS} unfinished bodies per address, and serves real clients while 200 slow ones are open`, { timeout: 30_000 }, async () => {
    const slow: Awaited<ReturnType<typeof slowUpload>>[] = [];
    for (let i = 0; i < 200; i++) slow.push(await slowUpload(patient.url));
    try {
      // Each one beyond the cap cuts the address's oldest: 192 are answered 408 and closed at once, whichever the
      // server happened to read first.
      const cutCount = 200 - MAX_UNFINISHED_BODIES_PER_ADDRESS;
      const answers: string[] = [];
      await new Promise<void>((resolve) => {
        for (const { answer } of slow) void answer.then((text) => answers.push(text) === cutCount && resolve());
      });
      for (const answer of answers) {
        assert.match(answer, /^HTTP\/1\.1 408/);
        assert.match(answer, /Too many unfinished request bodies from your address \(at most 8\)/);
        assert.match(answer, /connection: close/i);
      }
      const open = slow.filter((s) => !s.socket.closed);
      assert.equal(open.length, MAX_UNFINISHED_BODIES_PER_ADDRESS, 'the newest ones are still being read');
      for (let i = 0; i < 4; i++) {
        // Two at a time: --max-concurrent is 2 here.
        const pair = [0, 1].map((j) => rpc(patient.url, `Token ${sim.tokens.user}`, call(60 + 2 * i + j, 'get_user_data'), { 'mcp-protocol-version': '2025-06-18' }));
        for (const response of await Promise.all(pair)) {
          assert.equal(response.status, 200);
          assert.match(resultText((await response.json()).result), new RegExp(sim.me.email.replace('.', '\\.')));
        }
      }
    } finally {
      for (const { socket } of slow) socket.destroy();
    }
  });

  it('answers 503 with Retry-After beyond --max-concurrent', async () => {
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve) => sim.faults.add({ kind: 'hold', until, held: resolve, match: { method: 'GET', path: /^\/incidents$/ } }));
    const slow = rpc(single.url, `Token ${sim.tokens.user}`, call(4, 'list_incidents'));
    await held; // the one slot is taken by a call in flight
    try {
      const busy = await rpc(single.url, `Token ${sim.tokens.user}`, call(5, 'list_incidents'));
      assert.equal(busy.status, 503);
      assert.equal(busy.headers.get('retry-after'), '1');
    } finally {
      release();
    }
    assert.equal((await slow).status, 200);
  });
});

describe('HTTP with the server\'s own token (PAGERDUTY_USER_API_KEY)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.close();
  });

  it('refuses to start without PAGERDUTY_MCP_HTTP_SECRET, or with a short, guessable or unsendable one, never an open endpoint holding a token', async () => {
    await assert.rejects(startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_USER_API_KEY: sim.tokens.user }), /Also set PAGERDUTY_MCP_HTTP_SECRET/);
    await assert.rejects(
      startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_USER_API_KEY: sim.tokens.user, PAGERDUTY_MCP_HTTP_SECRET: 'short' }),
      /at least 24 characters/,
    );
    for (const [secret, why] of [
      ['a'.repeat(24), /not usable: it uses only 1 different character, so it is easy to guess/],
      [`${SECRET.slice(0, 30)}é`, /not usable: it contains a non-ASCII or invisible character.*U\+00E9 at character 31/],
    ] as const) {
      await assert.rejects(startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_USER_API_KEY: sim.tokens.user, PAGERDUTY_MCP_HTTP_SECRET: secret }), why);
    }
  });

  it('requires "Bearer <secret>" and then calls PagerDuty with the server\'s token', async () => {
    const srv = await startHttpServer([], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_USER_API_KEY: sim.tokens.observer, PAGERDUTY_MCP_HTTP_SECRET: SECRET });
    try {
      // The start-up line shows the expected header; the redaction of Authorization values leaves a placeholder alone.
      assert.match(srv.stderr(), /clients send Authorization: Bearer <PAGERDUTY_MCP_HTTP_SECRET>\)/);
      const client = await connectHttp(srv.url, `Bearer ${SECRET}`);
      const before = sim.requests.length;
      const result = await client.callTool({ name: 'get_user_data', arguments: {} });
      await client.close();
      assert.ok(!result.isError, resultText(result));
      assert.deepEqual([...new Set(sim.requests.slice(before).map((r) => r.tokenLabel))], ['observer']);
      for (const [authorization, why] of [
        [`Bearer ${SECRET}x`, /not this server's PAGERDUTY_MCP_HTTP_SECRET/],
        [`Token ${sim.tokens.user}`, /uses its own PagerDuty token: send "Authorization: Bearer/],
        ['', /Missing Authorization header/],
      ] as const) {
        const response = await rpc(srv.url, authorization, init);
        assert.equal(response.status, 401);
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
        assert.match((await response.json()).error.message, why);
      }
      assert.equal((await fetch(srv.url, { method: 'HEAD', headers: { authorization: `Bearer ${SECRET}` } })).status, 200);
      await srv.close();
      assertNoSecretIn(srv.stderr(), SECRET, sim.tokens.observer);
    } finally {
      await srv.close();
    }
  });
});

describe('error codes over Streamable HTTP', () => {
  const sessions = appsAndModel();
  let apps: McpSession;
  before(() => ({ apps } = sessions));

  it('over Streamable HTTP too, an error text carries its code once, and an invalid id is -32602', async () => {
    const srv = await startHttpServer([], { PAGERDUTY_API_HOST: apps.sim.url });
    try {
      const client = await connectHttp(srv.url, `Token token=${apps.sim.tokens.user}`);
      try {
        for (const uri of ['pagerduty://nothing/here', 'pagerduty://incidents/%ZZ']) {
          const error = await client.readResource({ uri }).then(() => assert.fail(`${uri} was read`), (e: McpError) => e);
          assert.equal(error.code, -32602, error.message);
          // The v1 client prefixes the code once; the v2 client (2026-07-28 runs) not at all: never twice.
          assert.match(error.message, /^(MCP error -32602: )?(?!MCP error)\S/, error.message);
        }
      } finally {
        await client.close();
      }
    } finally {
      await srv.close();
    }
  });
});
