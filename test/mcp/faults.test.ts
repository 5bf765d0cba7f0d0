/**
 * Resilience over stdio with the simulator's fault injector: rate limits, 5xx, slow answers past the deadline,
 * reset connections and garbled JSON. Every call ends with data or a clear error, reads are retried (bounded),
 * writes are never replayed blindly, and the server process survives all of it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isServerAlive, startMcp, type McpSession } from '../support/mcpHarness';


async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

describe('faults', () => {
  let s: McpSession;
  let incidentId: string;
  let serviceId: string;
  /** Requests the simulator saw for one method and exact path since the test began. */
  const seen = (method: string, path: string) => s.sim.requests.filter((r) => r.method === method && r.path === path);

  before(async () => {
    s = await startMcp({ writes: true });
    const open = [...s.sim.state.incidents.values()].find((i) => i.status !== 'resolved')!;
    incidentId = open.id;
    serviceId = [...s.sim.state.services.keys()][0];
    await s.ok('get_incident', { incident_id: incidentId }); // warm up: /users/me etc. are not part of the counts below
  });
  beforeEach(() => {
    s.sim.faults.clear();
    s.sim.requests.length = 0;
  });
  after(async () => {
    assert.ok(isServerAlive(s), 'the server process exited during the fault tests');
    await s.ok('get_incident', { incident_id: incidentId });
    await s.close();
  });

  describe('429 rate limit', () => {
    it('waits for ratelimit-reset, retries and succeeds', async () => {
      s.sim.faults.add({ kind: 'status', status: 429, headers: { 'ratelimit-reset': '1' }, match: { method: 'GET', path: /^\/incidents\/[^/]+$/ } });
      const { value, ms } = await timed(() => s.ok('get_incident', { incident_id: incidentId }));
      assert.equal(value.structured.incident.id, incidentId);
      assert.deepEqual(seen('GET', `/incidents/${incidentId}`).map((r) => r.status), [429, 200]);
      assert.ok(ms >= 900, `retried after ${Math.round(ms)} ms, before the 1 s ratelimit-reset`);
    });

    it('gives up after 3 retries with a clear rate-limit error', async () => {
      s.sim.faults.add({ kind: 'status', status: 429, headers: { 'ratelimit-reset': '1' }, match: { method: 'GET', path: /^\/incidents\/[^/]+$/ }, times: 10 });
      const { value: text, ms } = await timed(() => s.fails('get_incident', { incident_id: incidentId }));
      assert.match(text, /rate limit.*\(429\).*retries were used up/);
      assert.equal(seen('GET', `/incidents/${incidentId}`).length, 4, 'one try and 3 retries');
      assert.ok(ms >= 2700, `3 waits of ~1 s expected, took ${Math.round(ms)} ms`);
    });

    it('retries a 429 on a write too (PagerDuty did not process it)', async () => {
      const before = s.sim.state.incidents.size;
      s.sim.faults.add({ kind: 'status', status: 429, headers: { 'ratelimit-reset': '0' }, match: { method: 'POST', path: /^\/incidents$/ } });
      await s.ok('create_incident', { title: 'Fault test 429', service_id: serviceId });
      assert.deepEqual(seen('POST', '/incidents').map((r) => r.status), [429, 201]);
      assert.equal(s.sim.state.incidents.size, before + 1, 'exactly one incident created');
    });
  });

  describe('5xx', () => {
    it('retries a GET through 500, 502 and 503, then succeeds', async () => {
      for (const status of [500, 502, 503] as const) s.sim.faults.add({ kind: 'status', status, match: { method: 'GET', path: /^\/incidents$/ } });
      const r = await s.ok('list_incidents', { limit: 5 });
      assert.equal(r.structured.incidents.length, 5);
      assert.deepEqual(seen('GET', '/incidents').map((x) => x.status), [500, 502, 503, 200]);
    });

    it('never replays a POST after a 5xx, and says the change may have been applied', async () => {
      const before = s.sim.state.incidents.size;
      s.sim.faults.add({ kind: 'status', status: 502, match: { method: 'POST', path: /^\/incidents$/ }, times: 5 });
      const text = await s.fails('create_incident', { title: 'Fault test 502', service_id: serviceId });
      assert.match(text, /server error \(502\) on POST \/incidents; the change may have been applied: look at the incident\(s\)/);
      assert.equal(seen('POST', '/incidents').length, 1, 'the POST was sent once');
      assert.equal(s.sim.state.incidents.size, before);
    });

    it('never replays a PUT after a 5xx', async () => {
      s.sim.faults.add({ kind: 'status', status: 503, match: { method: 'PUT' }, times: 5 });
      const r = await s.call('manage_incidents', { incident_ids: [incidentId], urgency: 'low' });
      assert.match(r.text, /0 of 1 incidents updated, 1 failed/);
      assert.match(r.text, /server error \(503\) on PUT \/incidents\/\S+; the change may have been applied/);
      assert.equal(s.sim.requests.filter((x) => x.method === 'PUT').length, 1, 'the PUT was sent once');
    });
  });

  describe('connection resets', () => {
    it('retries a GET after a reset connection', async () => {
      s.sim.faults.add({ kind: 'reset', match: { method: 'GET', path: /^\/incidents\/[^/]+$/ } });
      await s.ok('get_incident', { incident_id: incidentId });
      assert.deepEqual(seen('GET', `/incidents/${incidentId}`).map((r) => r.status), [0, 200]);
    });

    it('reports a reset GET clearly once retries are used up', async () => {
      s.sim.faults.add({ kind: 'reset', match: { method: 'GET', path: /^\/incidents\/[^/]+$/ }, times: 10 });
      const text = await s.fails('get_incident', { incident_id: incidentId });
      assert.match(text, /Could not reach PagerDuty at http:\/\/127\.0\.0\.1:\d+ for GET \/incidents\/\S+ .*Check the network/);
      assert.equal(seen('GET', `/incidents/${incidentId}`).length, 4);
    });

    it('does not replay a POST whose connection was reset', async () => {
      s.sim.faults.add({ kind: 'reset', match: { method: 'POST', path: /^\/incidents$/ } });
      const text = await s.fails('create_incident', { title: 'Fault test reset', service_id: serviceId });
      assert.match(text, /Could not reach PagerDuty.*POST \/incidents.*may have been applied/);
      assert.equal(seen('POST', '/incidents').length, 1);
    });
  });

  describe('malformed JSON', () => {
    it('retries a GET whose body was cut off', async () => {
      s.sim.faults.add({ kind: 'malformed', match: { method: 'GET', path: /^\/incidents$/ } });
      const r = await s.ok('list_incidents', { limit: 3 });
      assert.equal(r.structured.incidents.length, 3);
      assert.equal(seen('GET', '/incidents').length, 2);
    });

    it('reports an unreadable answer after the retries', async () => {
      s.sim.faults.add({ kind: 'malformed', match: { method: 'GET', path: /^\/incidents$/ }, times: 10 });
      const text = await s.fails('list_incidents', { limit: 3 });
      assert.match(text, /unreadable \(non-JSON\) response to GET \/incidents; try again/);
      assert.equal(seen('GET', '/incidents').length, 4);
    });

    it('does not replay a POST with a garbled answer, and says it may have been applied', async () => {
      s.sim.faults.add({ kind: 'malformed', match: { method: 'POST', path: /^\/incidents$/ } });
      const text = await s.fails('create_incident', { title: 'Fault test malformed', service_id: serviceId });
      assert.match(text, /unreadable \(non-JSON\) response to POST \/incidents; the change may have been applied/);
      assert.equal(seen('POST', '/incidents').length, 1);
    });
  });
});

describe('deadline', () => {
  const DEADLINE_MS = 800;
  let s: McpSession;
  before(async () => {
    s = await startMcp({ env: { PAGERDUTY_DEADLINE_MS: String(DEADLINE_MS) } });
  });
  after(async () => {
    assert.ok(isServerAlive(s), 'the server process exited');
    await s.close();
  });

  it('ends a call to a slow PagerDuty at the deadline with a timeout error, not a hang', async () => {
    const id = [...s.sim.state.incidents.keys()][0];
    s.sim.faults.add({ kind: 'delay', ms: 5000, match: { method: 'GET', path: /^\/incidents\/[^/]+$/ } });
    const { value: text, ms } = await timed(() => s.fails('get_incident', { incident_id: id }));
    assert.match(text, /did not finish within the deadline; PagerDuty is slow or unreachable/);
    assert.ok(ms >= DEADLINE_MS - 50 && ms < DEADLINE_MS + 1500, `answered after ${Math.round(ms)} ms for a ${DEADLINE_MS} ms deadline`);
    // The server is still responsive afterwards.
    await s.ok('get_incident', { incident_id: id });
  });

  it('a 429 whose reset lies beyond the deadline fails at once with the rate-limit message and the reset time', async () => {
    s.sim.faults.add({ kind: 'status', status: 429, headers: { 'ratelimit-reset': '30' }, match: { method: 'GET', path: /^\/incidents$/ } });
    const { value: text, ms } = await timed(() => s.fails('list_incidents', { limit: 1 }));
    assert.match(text, /rate limit was reached for GET \/incidents \(429\); it resets in 30 s \(at .+Z\), later than this call's deadline/);
    assert.ok(ms < DEADLINE_MS / 2, `answered after ${Math.round(ms)} ms instead of at once`);
  });
});

describe('a write past its deadline', () => {
  const DEADLINE_MS = 1500;
  let s: McpSession;
  before(async () => {
    s = await startMcp({ writes: true, env: { PAGERDUTY_DEADLINE_MS: String(DEADLINE_MS) } });
  });
  after(() => s.close());

  it('says the note may have been stored and to list the notes before repeating it; it was stored', async () => {
    const open = [...s.sim.state.incidents.values()].find((i) => i.status !== 'resolved')!;
    await s.ok('list_incident_notes', { incident_id: open.id }); // warms /users/me
    const before = s.sim.state.notes.get(open.id)?.length ?? 0;
    s.sim.faults.add({ kind: 'delay', ms: DEADLINE_MS + 300, match: { method: 'POST', path: /\/notes$/ } });
    const text = await s.fails('add_note_to_incident', { incident_id: open.id, note: 'slow note' });
    assert.match(text, /did not finish within the deadline.*may have been applied: list the incident's notes \(list_incident_notes\) before repeating it/);
    assert.doesNotMatch(text, /try again/i);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(s.sim.state.notes.get(open.id)?.length ?? 0, before + 1, 'the delayed note was stored: a retry would duplicate it');
  });
});
