import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;

const named = <T extends { name: string }>(map: Map<string, T>, name: string) => [...map.values()].find((x) => x.name.startsWith(name))!;
const HOUR = 3600_000;
const isoOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

async function v3ScheduleId(): Promise<string> {
  const r = await s.ok('list_schedules', { query: 'Mobile Shifts' });
  return r.structured.schedules.find((x: any) => x.kind === 'shift_based').id;
}

describe('list_schedules', () => {
  it('merges layer-based and shift-based schedules with a kind, and pages across both', async () => {
    const all = await s.ok('list_schedules', {});
    const kinds = all.structured.schedules.map((x: any) => `${x.name}:${x.kind}`);
    assert.ok(kinds.includes('Platform Primary:layer_based'), kinds.join());
    assert.ok(kinds.includes('Mobile Shifts:shift_based'), kinds.join());
    assert.equal(all.structured.schedules.length, s.sim.state.schedules.size + 1);
    assert.equal(all.structured.more, false);
    assert.ok(all.text.includes(FENCE_OPEN));
    assert.match(all.text, /Platform Primary \[layer_based\] \| tz: /);

    const v2Count = s.sim.state.schedules.size;
    const first = await s.ok('list_schedules', { limit: v2Count });
    assert.equal(first.structured.schedules.length, v2Count);
    assert.equal(first.structured.more, true, 'a shift-based schedule still follows');
    assert.equal(first.structured.next_offset, v2Count);
    const second = await s.ok('list_schedules', { limit: 10, offset: first.structured.next_offset });
    assert.deepEqual(second.structured.schedules.map((x: any) => x.kind), ['shift_based']);
    assert.equal(second.structured.more, false);
  });

  it('filters by name and by member user', async () => {
    const byName = await s.ok('list_schedules', { query: 'payments' });
    assert.deepEqual(byName.structured.schedules.map((x: any) => x.name), ['Payments On-Call']);

    const jack = named(s.sim.state.users, 'Jack');
    const byJack = await s.ok('list_schedules', { user_ids: [jack.id] });
    assert.deepEqual(byJack.structured.schedules.map((x: any) => x.name), ['Mobile Shifts'], 'Jack is only in the v3 rotation');
    const kenji = named(s.sim.state.users, 'Kenji');
    const byKenji = await s.ok('list_schedules', { user_ids: [kenji.id] });
    assert.deepEqual(byKenji.structured.schedules.map((x: any) => x.name), ['Platform Primary']);
  });

  it('rejects bad arguments', async () => {
    assert.match(await s.fails('list_schedules', { limit: 500 }), /argument "limit"/);
    assert.match(await s.fails('list_schedules', { team_ids: ['null'] }), /placeholder/);
    // query_model is the official server's wrapper (accepted); a key it does not have is still unknown.
    assert.match(await s.fails('list_schedules', { query_model: { sort: 'name' } }), /unknown argument "query_model\.sort"/);
  });
});

describe('get_schedule', () => {
  it('renders who is on call when for a layer-based schedule (default: next 7 days)', async () => {
    const schedule = named(s.sim.state.schedules, 'Platform Primary');
    const r = await s.ok('get_schedule', { schedule_id: schedule.id });
    const got = r.structured.schedule;
    assert.equal(got.kind, 'layer_based');
    assert.equal(got.name, 'Platform Primary');
    assert.ok(got.final_schedule.length >= 2, 'a handoff or the override falls within a week');
    assert.deepEqual(got.final_schedule[0].user, { id: s.sim.me.id, name: s.sim.me.name });
    for (const e of got.final_schedule) {
      assert.match(e.start, isoOffset);
      assert.match(e.end, isoOffset);
    }
    assert.ok(got.final_schedule.some((e: any) => e.user.name === 'Kenji Watanabe'), 'the seeded override shows');
    assert.ok(r.text.includes(FENCE_OPEN));
    assert.match(r.text, /On call .* → .*:\n.*Dana Whitfield/);
  });

  it('honours since/until', async () => {
    const schedule = named(s.sim.state.schedules, 'Platform Secondary'); // one-day turns
    const since = new Date(Date.now() + 24 * HOUR).toISOString();
    const until = new Date(Date.now() + 4 * 24 * HOUR).toISOString();
    const r = await s.ok('get_schedule', { schedule_id: schedule.id, since, until });
    assert.ok(r.structured.schedule.final_schedule.length >= 3);
    const sent = s.sim.requests.filter((q) => q.path === `/schedules/${schedule.id}`).at(-1)!;
    assert.match(decodeURIComponent(sent.query), new RegExp(`since=${since}`));
  });

  it('falls back to the v3 API for a shift-based schedule and names the members', async () => {
    const id = await v3ScheduleId();
    const r = await s.ok('get_schedule', { schedule_id: id });
    const got = r.structured.schedule;
    assert.equal(got.kind, 'shift_based');
    assert.ok(got.rotations.length >= 1);
    const names = new Set(got.final_schedule.map((e: any) => e.user?.name));
    assert.ok(names.has('Jack Thompson') || names.has('Isabela Costa'), [...names].join());
    assert.ok(got.final_schedule.some((e: any) => e.source === 'schedule_rotation_override'));
    const direct = await s.ok('get_schedule', { schedule_id: id, kind: 'shift_based' });
    assert.equal(direct.structured.schedule.id, id);
  });

  it('fails clearly for unknown ids and reversed windows', async () => {
    assert.match(await s.fails('get_schedule', { schedule_id: 'PNOPE99' }), /No schedule PNOPE99 .*list_schedules/);
    assert.match(await s.fails('get_schedule', { schedule_id: 'PNOPE99', kind: 'layer_based' }), /404|not found/i);
    assert.match(
      await s.fails('get_schedule', { schedule_id: 'PABC123', since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }),
      /until must be after since/,
    );
    assert.match(await s.fails('get_schedule', { schedule_id: 'PABC123', kind: 'weekly' }), /argument "kind"/);
  });
});

describe('list_schedule_users', () => {
  it('lists members, or only those on call in a window', async () => {
    const schedule = named(s.sim.state.schedules, 'Platform Primary');
    const all = await s.ok('list_schedule_users', { schedule_id: schedule.id });
    assert.equal(all.structured.users.length, 4);
    assert.ok(all.structured.users.every((u: any) => u.id && u.name && u.email));
    assert.ok(all.text.includes(FENCE_OPEN));

    const now = Date.now();
    const window = await s.ok('list_schedule_users', { schedule_id: schedule.id, since: new Date(now).toISOString(), until: new Date(now + HOUR).toISOString() });
    assert.deepEqual(window.structured.users.map((u: any) => u.id), [s.sim.me.id]);
  });

  it('fails for an unknown schedule', async () => {
    assert.match(await s.fails('list_schedule_users', { schedule_id: 'PNOPE99' }), /404|not found/i);
  });
});

describe('create_schedule / update_schedule', () => {
  it('creates a shift-based schedule and renames it', async () => {
    const team = named(s.sim.state.teams, 'Platform');
    const created = await s.ok('create_schedule', { name: 'Weekend Cover', time_zone: 'Europe/Berlin', team_ids: [team.id] });
    const schedule = created.structured.schedule;
    assert.equal(schedule.kind, 'shift_based');
    assert.equal(schedule.time_zone, 'Europe/Berlin');
    assert.deepEqual(schedule.teams, [{ id: team.id, name: 'Platform' }]);
    const post = s.sim.requests.find((q) => q.method === 'POST' && q.path === '/v3/schedules')!;
    assert.deepEqual(post.body, { schedule: { name: 'Weekend Cover', time_zone: 'Europe/Berlin', teams: [{ id: team.id, type: 'team_reference' }] } });

    const updated = await s.ok('update_schedule', { schedule_id: schedule.id, name: 'Weekend Cover EU' });
    assert.equal(updated.structured.schedule.name, 'Weekend Cover EU');
    const listed = await s.ok('list_schedules', { query: 'Weekend Cover EU' });
    assert.equal(listed.structured.schedules[0].id, schedule.id);
  });

  it('rejects bad zones, empty updates, observers and unknown schedules', async () => {
    assert.match(await s.fails('create_schedule', { name: 'X', time_zone: 'Berlin' }), /argument "time_zone".*IANA/);
    assert.match(await s.fails('create_schedule', { time_zone: 'UTC' }), /argument "name": is required/);
    assert.match(await s.fails('update_schedule', { schedule_id: 'PABC123' }), /Nothing to change/);
    assert.match(await s.fails('update_schedule', { schedule_id: 'PNOPE99', name: 'Y' }), /404|not found/i);
    assert.match(await observer.fails('create_schedule', { name: 'X', time_zone: 'UTC' }), /403/);
  });
});

describe('create_schedule_override', () => {
  it('puts the given user on call and the final schedule shows it', async () => {
    const schedule = named(s.sim.state.schedules, 'Payments On-Call');
    const grace = named(s.sim.state.users, 'Grace');
    const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR);
    const end = new Date(start.getTime() + 3 * HOUR);
    const r = await s.ok('create_schedule_override', { schedule_id: schedule.id, user_id: grace.id, start: start.toISOString(), end: end.toISOString() });
    const o = r.structured.override;
    assert.deepEqual(o.user, { id: grace.id, name: grace.name });
    assert.equal(Date.parse(o.start), start.getTime());
    assert.ok(schedule.overrides.some((x) => x.userId === grace.id), 'stored in the simulator');
    assert.ok(r.text.includes(FENCE_OPEN));

    const after = await s.ok('get_schedule', { schedule_id: schedule.id, since: start.toISOString(), until: end.toISOString() });
    assert.deepEqual(after.structured.schedule.final_schedule.map((e: any) => e.user.id), [grace.id]);
  });

  it('requires user_id, an offset and end after start; reports PagerDuty rejections', async () => {
    const schedule = named(s.sim.state.schedules, 'Payments On-Call');
    const base = { schedule_id: schedule.id, start: '2030-01-01T10:00:00Z', end: '2030-01-01T12:00:00Z' };
    assert.match(await s.fails('create_schedule_override', base), /user_id is required: ask the person/);
    assert.match(await s.fails('create_schedule_override', { ...base, user_id: s.sim.me.id, end: '2030-01-01T09:00:00Z' }), /end must be after start/);
    assert.match(await s.fails('create_schedule_override', { ...base, user_id: s.sim.me.id, start: '2030-01-01T10:00:00' }), /argument "start".*offset/);
    assert.match(await s.fails('create_schedule_override', { ...base, user_id: 'PNOPE99' }), /rejected the override: User not found/);
    assert.match(await observer.fails('create_schedule_override', { ...base, user_id: s.sim.me.id }), /403/);
  });
});
