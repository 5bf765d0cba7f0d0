import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HOSTILE_TITLE } from '../simulator/seed/data';
import { closeSessions, isServerAlive, type McpSession, startMcp } from '../support/mcpHarness';
import { ANSWER_MAX_CHARS, FIELD_MAX_CHARS } from '../../src/model/untrusted';
import { HIDDEN_TAGS } from '../support/hidden';

const FENCE = /<<<PAGERDUTY_DATA\n[\s\S]*\nPAGERDUTY_DATA>>>/;

describe('incident tools over stdio against the simulator', () => {
  let s: McpSession;
  before(async () => {
    s = await startMcp({ writes: true });
  });
  after(() => s.close());

  const open = () => [...s.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');
  const mine = (status: string) =>
    [...s.sim.state.incidents.values()].find((i) => i.status === status && i.assignments.some((a) => a.userId === s.sim.me.id))!;

  it('list_incidents: scope assigned returns only my incidents, paged, fenced', async () => {
    const r = await s.ok('list_incidents', { scope: 'assigned', statuses: ['triggered', 'acknowledged'], limit: 2 });
    assert.equal(r.structured.incidents.length, 2);
    for (const i of r.structured.incidents) {
      assert.ok(i.assignees.some((a: { id: string }) => a.id === s.sim.me.id));
      assert.ok(['triggered', 'acknowledged'].includes(i.status));
      for (const key of ['urgency', 'html_url', 'escalation_policy', 'service', 'number']) assert.ok(i[key] !== undefined, `${key} kept`);
      assert.match(i.created_at, /(Z|[+-]\d\d:\d\d)$/);
    }
    assert.equal(r.structured.more, true);
    assert.equal(r.structured.next_offset, 2);
    assert.ok(r.structured.total > 2);
    assert.match(r.text, FENCE);
    const next = await s.ok('list_incidents', { scope: 'assigned', statuses: ['triggered', 'acknowledged'], limit: 2, offset: 2 });
    assert.notEqual(next.structured.incidents[0].id, r.structured.incidents[0].id);
  });

  it('list_incidents: filters by urgency, service and sort order; limit above 100 pages', async () => {
    const service = [...s.sim.state.services.values()][0];
    const r = await s.ok('list_incidents', { urgencies: ['high'], service_ids: [service.id], date_range: 'all', sort_by: 'incident_number:asc', limit: 150 });
    const numbers = r.structured.incidents.map((i: { number: number }) => i.number);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
    assert.ok(r.structured.incidents.every((i: any) => i.urgency === 'high' && i.service.id === service.id));
    const all = await s.ok('list_incidents', { date_range: 'all', limit: 150 });
    assert.equal(all.structured.incidents.length, Math.min(150, s.sim.state.incidents.size));
  });

  it('list_incidents: scope teams uses my teams; conflicting windows are rejected', async () => {
    const r = await s.ok('list_incidents', { scope: 'teams', limit: 100 });
    const myTeams = new Set([...s.sim.state.teams.values()].filter((t) => t.members.has(s.sim.me.id)).map((t) => t.id));
    assert.ok(r.structured.incidents.length > 0);
    assert.ok(r.structured.incidents.every((i: any) => i.teams?.some((t: { id: string }) => myTeams.has(t.id))));
    assert.match(await s.fails('list_incidents', { date_range: 'all', since: '2026-01-01T00:00:00Z' }), /either date_range "all" or since\/until/);
    assert.match(await s.fails('list_incidents', { urgencies: ['urgent'] }), /argument "urgencies\[0\]"/);
  });

  it('get_incident: by id and by number; unknown and placeholder ids fail clearly', async () => {
    const incident = open()[0];
    const byId = await s.ok('get_incident', { incident_id: incident.id });
    const byNumber = await s.ok('get_incident', { incident_id: String(incident.number) });
    assert.equal(byId.structured.incident.id, incident.id);
    assert.equal(byNumber.structured.incident.id, incident.id);
    assert.match(await s.fails('get_incident', { incident_id: 'QNOTREAL00' }), /Not found \(404\)/);
    const before = s.sim.requests.length;
    assert.match(await s.fails('get_incident', { incident_id: 'null' }), /placeholder/);
    assert.equal(s.sim.requests.length, before, 'no request for a placeholder id');
  });

  it('untrusted alert text is sanitised and fenced', async () => {
    const hostile = [...s.sim.state.incidents.values()].find((i) => i.title === HOSTILE_TITLE)!;
    assert.ok(hostile, 'the seed has a hostile incident');
    const r = await s.ok('list_alerts_from_incident', { incident_id: hostile.id });
    assert.ok(!/[\u202E\u200B]/.test(r.text), 'no bidi or zero-width characters reach the model');
    assert.ok(!/[\u202E\u200B]/.test(JSON.stringify(r.structured)));
    const fenced = r.text.match(FENCE)![0];
    assert.match(fenced, /IGNORE ALL PREVIOUS INSTRUCTIONS/, 'the injection stays inside the fence');
    assert.ok(r.text.startsWith('Alerts of incident') && /untrusted data/.test(r.text));
  });

  it('list_alerts_from_incident / get_alert_from_incident', async () => {
    const incident = open()[0];
    const list = await s.ok('list_alerts_from_incident', { incident_id: String(incident.number), limit: 5 });
    assert.ok(list.structured.alerts.length >= 1);
    const alert = list.structured.alerts[0];
    const one = await s.ok('get_alert_from_incident', { incident_id: incident.id, alert_id: alert.id });
    assert.equal(one.structured.alert.id, alert.id);
    assert.match(await s.fails('get_alert_from_incident', { incident_id: incident.id, alert_id: 'ANOPE123' }), /404/);
  });

  it('manage_incidents: acknowledges in the simulator and writes a log entry', async () => {
    const target = mine('triggered');
    const r = await s.ok('manage_incidents', { incident_ids: [target.id], status: 'acknowledged' });
    assert.equal(r.structured.succeeded, 1);
    assert.equal(s.sim.state.incidents.get(target.id)!.status, 'acknowledged');
    const entries = s.sim.state.logEntriesByIncident.get(target.id) ?? [];
    assert.ok(entries.some((e) => e.type === 'acknowledge_log_entry'));
    const put = s.sim.requests.filter((q) => q.method === 'PUT').at(-1)!;
    assert.equal(put.headers.from, s.sim.me.email, 'From header from /users/me');
    assert.ok(!JSON.stringify(s.sim.requests).includes(s.sim.tokens.user), 'recorded traffic never holds the token');
  });

  it('manage_incidents: bulk resolve reports each incident, including the one that fails', async () => {
    const [a, b] = open().slice(0, 2);
    const r = await s.call('manage_incidents', { incident_ids: [a.id, b.id, 'QDOESNOTEXIST1'], status: 'resolved' });
    assert.ok(!r.isError);
    assert.equal(r.structured.succeeded, 2);
    assert.equal(r.structured.failed, 1);
    const failure = r.structured.results.find((x: any) => !x.ok);
    assert.equal(failure.incident_id, 'QDOESNOTEXIST1');
    assert.match(failure.error, /404|not found/i);
    assert.equal(s.sim.state.incidents.get(a.id)!.status, 'resolved');
    assert.equal(s.sim.state.incidents.get(b.id)!.status, 'resolved');
    assert.match(r.text, /2 of 3 incidents updated, 1 failed/);
  });

  it('manage_incidents: reassign and escalate', async () => {
    const target = open()[0];
    const other = [...s.sim.state.users.values()].find((u) => u.id !== s.sim.me.id && u.role !== 'observer')!;
    await s.ok('manage_incidents', { incident_ids: [target.id], assignee_user_ids: [other.id] });
    assert.deepEqual(s.sim.state.incidents.get(target.id)!.assignments.map((x) => x.userId), [other.id]);
    await s.ok('manage_incidents', { incident_ids: [String(target.number)], escalation_level: 2 });
    assert.equal(s.sim.state.incidents.get(target.id)!.escalationLevel, 2);
    assert.match(await s.fails('manage_incidents', { incident_ids: [target.id] }), /Nothing to change/);
  });

  it('add_note_to_incident appends; list_incident_notes reads them back', async () => {
    const target = open()[0];
    const beforeCount = (s.sim.state.notes.get(target.id) ?? []).length;
    const r = await s.ok('add_note_to_incident', { incident_id: target.id, note: 'Rolled back deploy 42' });
    assert.ok(r.structured.note.id);
    assert.equal((s.sim.state.notes.get(target.id) ?? []).length, beforeCount + 1);
    const notes = await s.ok('list_incident_notes', { incident_id: String(target.number) });
    assert.ok(notes.structured.notes.some((n: { content: string }) => n.content === 'Rolled back deploy 42'));
    assert.match(notes.text, FENCE);
    assert.match(await s.fails('add_note_to_incident', { incident_id: target.id, note: '   ' }), /argument "note": must not be empty/);
  });

  it('create_incident and add_responders', async () => {
    const service = [...s.sim.state.services.values()][0];
    const created = await s.ok('create_incident', { title: 'Checkout latency', service_id: service.id, urgency: 'low', details: 'p99 > 2s' });
    const id = created.structured.incident.id;
    assert.equal(s.sim.state.incidents.get(id)!.title, 'Checkout latency');
    const other = [...s.sim.state.users.values()].find((u) => u.id !== s.sim.me.id)!;
    const r = await s.ok('add_responders', { incident_id: id, message: 'Please join the bridge', user_ids: [other.id] });
    assert.equal(r.structured.responder_request.incident_id, id);
    assert.equal(s.sim.state.incidents.get(id)!.responderRequests.length, 1);
    assert.match(await s.fails('add_responders', { incident_id: id, message: 'x' }), /at least one of user_ids or escalation_policy_ids/);
    assert.match(await s.fails('create_incident', { title: 'x', service_id: 'PNOSERVICE' }), /PagerDuty rejected|404/);
  });

  it('get_outlier_incident, get_past_incidents, get_related_incidents', async () => {
    const target = [...s.sim.state.incidents.values()][5];
    const outlier = await s.ok('get_outlier_incident', { incident_id: target.id });
    assert.equal(outlier.structured.outlier_incident.pattern, target.title.replace(/\d+/g, '<*>'));
    assert.match(outlier.text, /pattern: /);
    const past = await s.ok('get_past_incidents', { incident_id: target.id, limit: 3 });
    assert.ok(past.structured.past_incidents.length <= 3);
    const related = await s.ok('get_related_incidents', { incident_id: String(target.number) });
    assert.ok(Array.isArray(related.structured.related_incidents));
    assert.match(await s.fails('get_past_incidents', { incident_id: target.id, limit: 0 }), /argument "limit"/);
    assert.match(await s.fails('get_related_incidents', { incident_id: 'QNOPE000' }), /404/);
  });
});

describe('incident tools: permissions and modes', () => {
  it('an Observer token gets the 403 guidance on writes', async () => {
    const s = await startMcp({ writes: true, token: 'observer' });
    try {
      const target = [...s.sim.state.incidents.values()].find((i) => i.status === 'triggered')!;
      const r = await s.call('manage_incidents', { incident_ids: [target.id], status: 'acknowledged' });
      assert.equal(r.structured.failed, 1);
      assert.match(r.structured.results[0].error, /403.*permission/);
      assert.equal(s.sim.state.incidents.get(target.id)!.status, 'triggered');
    } finally {
      await s.close();
    }
  });

  it('a bad token gets the 401 guidance and the token never shows', async () => {
    const s = await startMcp({ token: 'bad' });
    try {
      const text = await s.fails('list_incidents', {});
      assert.match(text, /401.*invalid, expired or revoked/);
      assert.ok(!text.includes('not-a-valid-token'));
      assert.ok(!s.stderr().includes('not-a-valid-token'));
    } finally {
      await s.close();
    }
  });

  it('read-only mode lists no write tool and refuses to run one', async () => {
    const s = await startMcp({ writes: false });
    try {
      const { tools } = await s.client.listTools();
      const names = tools.map((t) => t.name);
      assert.ok(names.includes('list_incidents'));
      for (const write of ['manage_incidents', 'create_incident', 'add_note_to_incident', 'add_responders']) assert.ok(!names.includes(write));
      assert.ok(tools.every((t) => t.annotations?.readOnlyHint === true));
      assert.match(await s.fails('manage_incidents', { incident_ids: ['Q1'], status: 'resolved' }), /write tools are disabled/);
    } finally {
      await s.close();
    }
  });

  it('offers the investigate_incident and oncall_handoff prompts', async () => {
    const s = await startMcp({ writes: false });
    try {
      const { prompts } = await s.client.listPrompts();
      assert.deepEqual(prompts.map((p) => p.name).sort(), ['investigate_incident', 'oncall_handoff']);
      const p = await s.client.getPrompt({ name: 'investigate_incident', arguments: { incident: '1234' } });
      const text = (p.messages[0].content as { text: string }).text;
      assert.match(text, /get_incident "1234"/);
      assert.match(text, /write tools are disabled/);
    } finally {
      await s.close();
    }
  });
});

describe('incident tools over stdio: clean, redacted and bounded answers, incident numbers, odd bodies', () => {
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

  it('strips tag characters and other invisible characters from titles, in text and typed output', async () => {
    const rec = s.sim.state.incidents.get(incidentId)!;
    const before = rec.title;
    rec.title = `DB down\u{E0049}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065} soft\u00ADhyphen\u2028line\uFE0F\u180E\u{E0100}`;
    try {
      for (const session of [s, model]) {
        const r = await session.ok('get_incident', { incident_id: incidentId });
        assert.match(r.text, /DB down softhyphenline/);
        assert.doesNotMatch(r.text + JSON.stringify(r.structured ?? {}), HIDDEN_TAGS);
      }
    } finally {
      rec.title = before;
    }
  });

  it('redacts the token pasted into a note, and a 12-character prefix of it, in a successful answer', async () => {
    const token = s.sim.tokens.user;
    await s.ok('add_note_to_incident', { incident_id: incidentId, note: `oops: ${token} and ${token.slice(0, 12)}` });
    for (const session of [s, model]) {
      const r = await session.ok('list_incident_notes', { incident_id: incidentId });
      const all = r.text + JSON.stringify(r.structured ?? {});
      assert.ok(!all.includes(token.slice(0, 8)), 'the token (or its prefix) reached the answer');
      assert.match(r.text, /oops: \*\*\* and \*\*\*/);
    }
  });

  it('wrong-type arguments say what was expected and what was given', async () => {
    assert.match(await s.fails('list_incidents', { limit: 1.5 }), /argument "limit": expected an integer, got the number 1\.5/);
    // An integer is an incident number (protocol2026.test.ts); a fraction is still refused, saying what was given.
    assert.match(await s.fails('get_incident', { incident_id: 123.45 }), /argument "incident_id": expected a string, got the number 123\.45/);
    assert.equal(s.sim.requests.length, 0, 'rejected before any request');
  });

  it('takes "#1005" wherever an incident is named', async () => {
    const r = await s.ok('get_incident', { incident_id: `#${incidentNumber}` });
    assert.equal(r.structured.incident.id, incidentId);
    await s.ok('list_incident_notes', { incident_id: `#${incidentNumber}` });
    await s.ok('list_incident_change_events', { incident_id: `#${incidentNumber}` });
  });

  it('manage_incidents resolves numbers first: one incident given by id and number is updated and reported once', async () => {
    const r = await s.ok('manage_incidents', { incident_ids: [incidentId, `#${incidentNumber}`, String(incidentNumber)], urgency: 'low' });
    assert.equal(r.structured.results.length, 1);
    assert.match(r.text, /^1 of 1 incidents updated\./);
    assert.equal(s.sim.requests.filter((q) => q.method === 'PUT').length, 1);
  });

  it('caps a page of huge titles: each field cut visibly, the answer bounded, the rest reachable by offset', async () => {
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

  it('an empty or partial 200 body is a clear error, not a JavaScript one', async () => {
    // The fault answers before routing, so any well-formed id reaches it.
    const subscription = 'PABC123';
    s.sim.faults.add({ kind: 'body', body: '{}', match: { method: 'GET', path: /^\/webhook_subscriptions\// } });
    assert.match(await s.fails('get_webhook_subscription', { subscription_id: subscription }), /PagerDuty's answer lacked the expected field "\w+"/);
    s.sim.faults.add({ kind: 'body', body: '', match: { method: 'GET', path: /^\/incidents\/[^/]+$/ } });
    const empty = await s.fails('get_incident', { incident_id: incidentId });
    assert.match(empty, /PagerDuty's answer lacked the expected field "incident"/);
    assert.doesNotMatch(empty, /Cannot read|unexpectedly/);
  });

  it('add_note_to_incident when /users/me lacks "user" says so (fresh session: me is cached per server)', async () => {
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

  it('list_incidents checks dates and the window locally', async () => {
    assert.match(await s.fails('list_incidents', { since: '2026-02-30T00:00:00Z' }), /not a real date-time: 2026-02 has no day 30/);
    assert.match(await s.fails('list_incidents', { since: '2026-11-25T10:00:00Z', until: '2026-11-25T09:00:00Z' }), /until must be after since/);
    assert.equal(s.sim.requests.length, 0);
  });
});
