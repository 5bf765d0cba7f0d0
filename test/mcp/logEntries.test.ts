import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;
const DAY = 86_400_000;
const lastQuery = () => new URLSearchParams(s.sim.requests.filter((r) => r.path === '/log_entries').at(-1)!.query);

before(async () => {
  s = await startMcp();
});

after(async () => {
  await s.close();
});

describe('list_log_entries', () => {
  it('defaults to the last 7 days, newest first, with paging and fenced summaries', async () => {
    const res = await s.ok('list_log_entries', { limit: 10 });
    const q = lastQuery();
    const span = Date.parse(q.get('until')!) - Date.parse(q.get('since')!);
    assert.equal(span, 7 * DAY);
    assert.ok(Math.abs(Date.parse(q.get('until')!) - Date.now()) < 60_000);
    const inWindow = [...s.sim.state.logEntries.values()].filter((e) => Date.parse(e.created_at) >= Date.parse(q.get('since')!));
    assert.deepEqual([res.structured.log_entries.length, res.structured.more, res.structured.total], [10, true, inWindow.length]);
    const times = res.structured.log_entries.map((e: any) => e.created_at);
    assert.deepEqual(times, [...times].sort().reverse());
    const e = res.structured.log_entries[0];
    assert.ok(e.id && e.type.endsWith('_log_entry') && e.summary && e.incident.id && e.agent.name);
    assert.ok(res.text.includes(FENCE_OPEN));
    assert.match(res.text, /more available: call again with offset 10/);
  });

  it('passes is_overview, team_ids and time_zone, and filters accordingly', async () => {
    const team = [...s.sim.state.teams.values()].find((t) => t.name === 'Platform')!;
    const res = await s.ok('list_log_entries', { is_overview: true, team_ids: [team.id], time_zone: 'Europe/Berlin', limit: 100 });
    const q = lastQuery();
    assert.deepEqual([q.get('is_overview'), q.getAll('team_ids[]'), q.get('time_zone')], ['true', [team.id], 'Europe/Berlin']);
    assert.ok(res.structured.log_entries.length > 0);
    assert.ok(res.structured.log_entries.every((e: any) => e.type !== 'annotate_log_entry'));
    assert.ok(res.structured.log_entries.every((e: any) => s.sim.state.incidents.get(e.incident.id)!.teamIds.includes(team.id)));
  });

  it('rejects an inverted window and an unknown time zone', async () => {
    assert.match(await s.fails('list_log_entries', { since: '2026-03-02T00:00:00Z', until: '2026-03-01T00:00:00Z' }), /since must be before until/);
    assert.match(await s.fails('list_log_entries', { time_zone: 'Mars/Olympus' }), /argument "time_zone".*IANA/);
  });
});

describe('get_log_entry', () => {
  it('gets one entry shaped; 404 for an unknown id', async () => {
    const entry = [...s.sim.state.logEntries.values()].at(-1)!;
    const got = await s.ok('get_log_entry', { log_entry_id: entry.id });
    assert.deepEqual(
      { id: got.structured.log_entry.id, type: got.structured.log_entry.type, summary: got.structured.log_entry.summary, incident: got.structured.log_entry.incident.id },
      { id: entry.id, type: entry.type, summary: entry.summary, incident: entry.incidentId },
    );
    assert.ok(got.text.includes(FENCE_OPEN));
    assert.match(await s.fails('get_log_entry', { log_entry_id: 'RNOPE' }), /Not found \(404\)/);
  });
});
