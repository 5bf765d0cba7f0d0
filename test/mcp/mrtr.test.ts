/**
 * Asking the person over HTTP without a session (2026-07-28 multi round-trip requests), with two replicas: the first
 * request goes to one server process, the retry with the person's answer to the other. Nothing is kept between them;
 * what the retry carries is checked again, so a forged, altered or borrowed requestState, or an answer that is not
 * one of today's choices, writes nothing; decline and cancel change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../simulator/index';
import { rpc, startHttpServer, type HttpServerProcess } from '../support/httpHarness';
import { BOTH_FAMILIES, MODERN_VERSION } from '../support/protocolFamily';

const HOUR = 3_600_000;
const META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
  'io.modelcontextprotocol/clientInfo': { name: 'mrtr-tests', version: '1.0.0' },
};

interface Round {
  resultType?: string;
  inputRequests?: Record<string, { method: string; params: { message: string; requestedSchema: { properties: Record<string, any> } } }>;
  requestState?: string;
  isError?: boolean;
  content?: { text: string }[];
}

describe('multi round-trip questions over HTTP, across two replicas', { skip: BOTH_FAMILIES }, () => {
  let sim: Simulator;
  let a: HttpServerProcess;
  let b: HttpServerProcess;
  let id = 0;
  before(async () => {
    sim = await startSimulator();
    const env = { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' };
    [a, b] = await Promise.all([startHttpServer(['--enable-write-tools'], env), startHttpServer(['--enable-write-tools'], env)]);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sim?.close();
  });

  /** One tools/call as a 2026-07-28 client sends it: envelope in _meta, Mcp-Method and Mcp-Name headers. */
  async function call(server: HttpServerProcess, name: string, args: Record<string, unknown>, retry: { inputResponses?: unknown; requestState?: unknown } = {}): Promise<Round> {
    const body = { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { _meta: META, name, arguments: args, ...retry } };
    const answer = await rpc(server.url, `Token ${sim.tokens.user}`, body, { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': 'tools/call', 'mcp-name': name });
    const json = (await answer.json()) as { result?: Round; error?: { message: string } };
    assert.ok(json.result, `a result, not ${JSON.stringify(json.error)}`);
    return json.result;
  }
  const text = (r: Round) => (r.content ?? []).map((c) => c.text).join('\n');
  const schedule = () => [...sim.state.schedules.values()].find((x) => x.name.startsWith('Payments On-Call'))!;
  let day = 0;
  const overrideArgs = () => {
    const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + ++day * 24 * HOUR);
    return { schedule_id: schedule().id, start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() };
  };
  /** The first round on replica A: the question, its key, the offered user ids and the state. */
  async function ask(args: Record<string, unknown>) {
    const first = await call(a, 'create_schedule_override', args);
    assert.equal(first.resultType, 'input_required', text(first));
    const [key, request] = Object.entries(first.inputRequests ?? {})[0];
    assert.equal(request.method, 'elicitation/create');
    const offered = (request.params.requestedSchema.properties.user_id.oneOf as { const: string }[]).map((o) => o.const);
    assert.ok(offered.length > 0 && typeof first.requestState === 'string');
    return { key, offered, state: first.requestState! };
  }

  it('accept: the question on one replica, the answer on the other; the pick is put on call, once', async () => {
    const args = overrideArgs();
    const before = schedule().overrides.length;
    const { key, offered, state } = await ask(args);
    assert.equal(schedule().overrides.length, before, 'asking writes nothing');
    const done = await call(b, 'create_schedule_override', args, { inputResponses: { [key]: { action: 'accept', content: { user_id: offered.at(-1) } } }, requestState: state });
    assert.notEqual(done.resultType, 'input_required');
    assert.ok(!done.isError, text(done));
    assert.equal(schedule().overrides.length, before + 1);
    assert.equal(schedule().overrides.at(-1)!.userId, offered.at(-1));
  });

  for (const action of ['decline', 'cancel'] as const) {
    it(`${action}: nothing changes, and the answer says so`, async () => {
      const args = overrideArgs();
      const before = schedule().overrides.length;
      const { key, state } = await ask(args);
      const done = await call(b, 'create_schedule_override', args, { inputResponses: { [key]: { action } }, requestState: state });
      assert.equal(done.isError, true);
      assert.match(text(done), new RegExp(`Nothing changed: the person ${action === 'decline' ? 'declined' : 'cancelled'}`));
      assert.equal(schedule().overrides.length, before);
    });
  }

  it('a forged or altered requestState writes nothing, even with an accepting answer', async () => {
    const args = overrideArgs();
    const before = schedule().overrides.length;
    const { key, offered, state } = await ask(args);
    const [body, mac] = state.split('.');
    const claimed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), a: { other: { action: 'accept' } } })).toString('base64url');
    for (const forged of [`${claimed}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, 'not-a-state']) {
      const done = await call(b, 'create_schedule_override', args, { inputResponses: { [key]: { action: 'accept', content: { user_id: offered[0] } } }, requestState: forged });
      assert.equal(done.isError, true, `refused: ${JSON.stringify(forged).slice(0, 40)}`);
      assert.match(text(done), /Nothing changed: the requestState is not one this server issued/);
    }
    // A state that is not even a string is refused by the SDK as invalid params.
    const body2 = { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { _meta: META, name: 'create_schedule_override', arguments: args, requestState: { object: true } } };
    const headers = { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': 'tools/call', 'mcp-name': 'create_schedule_override' };
    const refused = (await (await rpc(b.url, `Token ${sim.tokens.user}`, body2, headers)).json()) as { error?: { code: number } };
    assert.equal(refused.error?.code, -32602);
    assert.equal(schedule().overrides.length, before);
  });

  it("a state replayed into another call (other arguments) is refused; another token's state does not verify", async () => {
    const args = overrideArgs();
    const before = schedule().overrides.length;
    const { key, offered, state } = await ask(args);
    const other = overrideArgs();
    const done = await call(b, 'create_schedule_override', other, { inputResponses: { [key]: { action: 'accept', content: { user_id: offered[0] } } }, requestState: state });
    assert.equal(done.isError, true);
    assert.match(text(done), /belongs to another call/);
    // The same state, sent with another user's token, is checked with that token's key.
    const body = { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { _meta: META, name: 'create_schedule_override', arguments: args, inputResponses: {}, requestState: state } };
    const headers = { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': 'tools/call', 'mcp-name': 'create_schedule_override' };
    const foreign = (await (await rpc(b.url, `Token ${sim.tokens.observer}`, body, headers)).json()) as { result: Round };
    assert.match(text(foreign.result), /not one this server issued/);
    assert.equal(schedule().overrides.length, before);
  });

  it("an answer that is not one of today's choices writes nothing", async () => {
    const args = overrideArgs();
    const before = schedule().overrides.length;
    const { key, offered, state } = await ask(args);
    const stranger = [...sim.state.users.values()].find((u) => !offered.includes(u.id))!;
    const done = await call(b, 'create_schedule_override', args, { inputResponses: { [key]: { action: 'accept', content: { user_id: stranger.id } } }, requestState: state });
    assert.equal(done.isError, true);
    assert.match(text(done), /Nothing changed: the answer was not one of the offered choices/);
    assert.equal(schedule().overrides.length, before);
  });

  it('an answer to another question (an unknown key) is no answer: the question is asked again, nothing written', async () => {
    const args = overrideArgs();
    const before = schedule().overrides.length;
    const { offered, state } = await ask(args);
    const again = await call(b, 'create_schedule_override', args, { inputResponses: { 'ask-0000000000000000': { action: 'accept', content: { user_id: offered[0] } } }, requestState: state });
    assert.equal(again.resultType, 'input_required');
    assert.equal(schedule().overrides.length, before);
  });
});
