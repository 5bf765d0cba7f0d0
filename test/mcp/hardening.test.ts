/**
 * Issue 10 (adversarial testing, round 2) over stdio against the simulator: what the model receives (the text, and
 * structuredContent when asked for) is sanitised, redacted and bounded; writes that lost their answer are not invited
 * to be repeated; argument errors say what was given; incident numbers work everywhere; odd bodies get clear errors.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ANSWER_MAX_CHARS, FIELD_MAX_CHARS } from '../../src/model/untrusted';
import { closeSessions, isServerAlive, startMcp, type McpSession } from '../support/mcpHarness';

// eslint-disable-next-line no-misleading-character-class -- the characters the test looks for
const HIDDEN = /[\u00AD\u180E\u2028\u2029\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;

describe('hardening over stdio', () => {
  let s: McpSession;
  let model: McpSession;
  let incidentId: string;
  let incidentNumber: number;

  before(async () => {
    s = await startMcp({ writes: true });
    model = await startMcp({ writes: true, sim: s.sim, structuredOutput: false });
    const open = [...s.sim.state.incidents.values()].find((i) => i.status !== 'resolved')!;
    incidentId = open.id;
    incidentNumber = open.number;
  });
  beforeEach(() => {
    s.sim.faults.clear();
    s.sim.requests.length = 0;
  });
  after(async () => {
    assert.ok(isServerAlive(s), 'the server exited');
    await closeSessions(model, s);
  });

  it('1. strips tag characters and other invisible characters from titles, in text and typed output', async () => {
    const rec = s.sim.state.incidents.get(incidentId)!;
    const before = rec.title;
    rec.title = `DB down\u{E0049}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065} soft\u00ADhyphen\u2028line\uFE0F\u180E\u{E0100}`;
    try {
      for (const session of [s, model]) {
        const r = await session.ok('get_incident', { incident_id: incidentId });
        assert.match(r.text, /DB down softhyphenline/);
        assert.doesNotMatch(r.text + JSON.stringify(r.structured ?? {}), HIDDEN);
      }
    } finally {
      rec.title = before;
    }
  });

  it('5. redacts the token pasted into a note, and a 12-character prefix of it, in a successful answer', async () => {
    const token = s.sim.tokens.user;
    await s.ok('add_note_to_incident', { incident_id: incidentId, note: `oops: ${token} and ${token.slice(0, 12)}` });
    for (const session of [s, model]) {
      const r = await session.ok('list_incident_notes', { incident_id: incidentId });
      const all = r.text + JSON.stringify(r.structured ?? {});
      assert.ok(!all.includes(token.slice(0, 8)), 'the token (or its prefix) reached the answer');
      assert.match(r.text, /oops: \*\*\* and \*\*\*/);
    }
  });

  it('7. wrong-type arguments say what was expected and what was given', async () => {
    assert.match(await s.fails('list_incidents', { limit: 1.5 }), /argument "limit": expected an integer, got the number 1\.5/);
    // An integer is an incident number (protocol2026.test.ts); a fraction is still refused, saying what was given.
    assert.match(await s.fails('get_incident', { incident_id: 123.45 }), /argument "incident_id": expected a string, got the number 123\.45/);
    assert.equal(s.sim.requests.length, 0, 'rejected before any request');
  });

  it('8. takes "#1005" wherever an incident is named', async () => {
    const r = await s.ok('get_incident', { incident_id: `#${incidentNumber}` });
    assert.equal(r.structured.incident.id, incidentId);
    await s.ok('list_incident_notes', { incident_id: `#${incidentNumber}` });
    await s.ok('list_incident_change_events', { incident_id: `#${incidentNumber}` });
  });

  it('8. manage_incidents resolves numbers first: one incident given by id and number is updated and reported once', async () => {
    const r = await s.ok('manage_incidents', { incident_ids: [incidentId, `#${incidentNumber}`, String(incidentNumber)], urgency: 'low' });
    assert.equal(r.structured.results.length, 1);
    assert.match(r.text, /^1 of 1 incidents updated\./);
    assert.equal(s.sim.requests.filter((q) => q.method === 'PUT').length, 1);
  });

  it('9. caps a page of huge titles: each field cut visibly, the answer bounded, the rest reachable by offset', async () => {
    const recs = [...s.sim.state.incidents.values()];
    const titles = recs.map((r) => r.title);
    recs.forEach((r, i) => (r.title = `${i} ${'X'.repeat(200_000)}`));
    try {
      for (const session of [s, model]) {
        const r = await session.ok('list_incidents', { limit: 100, date_range: 'all' });
        assert.ok(r.text.length <= ANSWER_MAX_CHARS, `${r.text.length} chars`);
        for (const line of r.text.split('\n')) assert.ok(line.length <= FIELD_MAX_CHARS, `a line of ${line.length} chars`);
        assert.match(r.text, /more characters cut\]/);
        const shown = Number(/Showing (\d+) of the \d+ fetched: the answer reached its size cap/.exec(r.text)?.[1]);
        assert.ok(shown > 0, r.text.slice(-300));
        assert.match(r.text, new RegExp(`Call again with offset ${shown} for the rest`));
        if (session === s) assert.equal(r.structured.incidents.length, shown);
        const ids = (text: string) => [...text.matchAll(/^#\d+ (\S+) \[/gm)].map((m) => m[1]);
        const first = ids(r.text);
        assert.equal(first.length, shown);
        const next = await session.ok('list_incidents', { limit: 1, date_range: 'all', offset: shown });
        const [following] = ids(next.text);
        assert.ok(following && !first.includes(following), 'the next offset continues after the shown items');
      }
    } finally {
      recs.forEach((r, i) => (r.title = titles[i]));
    }
  });

  it('10. an empty or partial 200 body is a clear error, not a JavaScript one', async () => {
    // The fault answers before routing, so any well-formed id reaches it.
    const subscription = 'PABC123';
    s.sim.faults.add({ kind: 'body', body: '{}', match: { method: 'GET', path: /^\/webhook_subscriptions\// } });
    assert.match(await s.fails('get_webhook_subscription', { subscription_id: subscription }), /PagerDuty's answer lacked the expected field "\w+"/);
    s.sim.faults.add({ kind: 'body', body: '', match: { method: 'GET', path: /^\/incidents\/[^/]+$/ } });
    const empty = await s.fails('get_incident', { incident_id: incidentId });
    assert.match(empty, /PagerDuty's answer lacked the expected field "incident"/);
    assert.doesNotMatch(empty, /Cannot read|unexpectedly/);
  });

  it('10. add_note_to_incident when /users/me lacks "user" says so (fresh session: me is cached per server)', async () => {
    const fresh = await startMcp({ writes: true, sim: s.sim });
    try {
      s.sim.faults.add({ kind: 'body', body: '{"users": []}', match: { method: 'GET', path: /^\/users\/me$/ } });
      const text = await fresh.fails('add_note_to_incident', { incident_id: incidentId, note: 'never sent' });
      assert.match(text, /answer to GET \/users\/me lacked "user"/);
      assert.equal(s.sim.requests.filter((q) => q.method === 'POST').length, 0, 'no note without a From');
    } finally {
      await fresh.close();
    }
  });

  it('10. list_incidents checks dates and the window locally', async () => {
    assert.match(await s.fails('list_incidents', { since: '2026-02-30T00:00:00Z' }), /not a real date-time: 2026-02 has no day 30/);
    assert.match(await s.fails('list_incidents', { since: '2026-11-25T10:00:00Z', until: '2026-11-25T09:00:00Z' }), /until must be after since/);
    assert.equal(s.sim.requests.length, 0);
  });
});

describe('2. a write past its deadline', () => {
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
