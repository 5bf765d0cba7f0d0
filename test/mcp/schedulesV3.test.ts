import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;
let scheduleId: string;
let rotationId: string;

const named = <T extends { name: string }>(map: Map<string, T>, name: string) => [...map.values()].find((x) => x.name.startsWith(name))!;
const DAY = 24 * 3600_000;
const wide = { since: new Date(Date.now() - 60 * DAY).toISOString(), until: new Date(Date.now() + 60 * DAY).toISOString() };
const user = (name: string) => ({ type: 'user_member', user_id: named(s.sim.state.users, name).id });

before(async () => {
  s = await startMcp({ writes: true });
  observer = await startMcp({ writes: true, token: 'observer', sim: s.sim });
  const listed = await s.ok('list_schedules', { query: 'Mobile Shifts' });
  scheduleId = listed.structured.schedules[0].id;
  rotationId = (await s.ok('list_schedule_v3_rotations', { schedule_id: scheduleId })).structured.rotations[0].id;
});

after(async () => {
  await observer.close();
  await s.close();
});

describe('rotations and rotation events', () => {
  it('lists and gets rotations with their events', async () => {
    const list = await s.ok('list_schedule_v3_rotations', { schedule_id: scheduleId });
    assert.equal(list.structured.rotations.length, 1);
    assert.equal(list.structured.more, false);
    const event = list.structured.rotations[0].events[0];
    assert.equal(event.name, 'Weekly handoff');
    assert.equal(event.assignment_strategy.type, 'rotating_member_assignment_strategy');
    assert.deepEqual(event.assignment_strategy.members[0], user('Jack'));
    assert.ok(list.text.includes(FENCE_OPEN));

    const one = await s.ok('get_schedule_v3_rotation', { schedule_id: scheduleId, rotation_id: rotationId });
    assert.equal(one.structured.rotation.id, rotationId);
    assert.match(one.text, /RRULE:FREQ=WEEKLY;INTERVAL=1/);
    assert.match(await s.fails('get_schedule_v3_rotation', { schedule_id: scheduleId, rotation_id: 'PNOPE99' }), /404|not found/i);
    assert.match(await s.fails('list_schedule_v3_rotations', { schedule_id: 'PNOPE99' }), /404|not found/i);
  });

  it('lists and gets events', async () => {
    const events = await s.ok('list_schedule_v3_rotation_events', { schedule_id: scheduleId, rotation_id: rotationId });
    assert.equal(events.structured.events.length, 1);
    const id = events.structured.events[0].id;
    const one = await s.ok('get_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: id });
    assert.equal(one.structured.event.id, id);
    assert.ok(one.text.includes(FENCE_OPEN));
    assert.match(await s.fails('get_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: 'PNOPE99' }), /404|not found/i);
    assert.match(await s.fails('list_schedule_v3_rotation_events', { schedule_id: scheduleId, rotation_id: 'PNOPE99' }), /404|not found/i);
  });

  it('creates a rotation, adds, updates and deletes an event, then deletes the rotation', async () => {
    const created = await s.ok('create_schedule_v3_rotation', { schedule_id: scheduleId });
    const rid = created.structured.rotation.id;
    assert.deepEqual(created.structured.rotation.events, []);

    const event = await s.ok('create_schedule_v3_rotation_event', {
      schedule_id: scheduleId,
      rotation_id: rid,
      name: 'Daily evening',
      start_time: '2026-01-05T18:00:00Z',
      end_time: '2026-01-05T23:00:00Z',
      time_zone: 'Europe/Berlin',
      effective_since: '2026-01-05T00:00:00Z',
      recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'],
      assignment_strategy: 'every_member_assignment_strategy',
      members: [user('Omar'), { type: 'empty_member' }],
    });
    const e = event.structured.event;
    assert.deepEqual(e.start_time, { date_time: '2026-01-05T18:00:00Z', time_zone: 'Europe/Berlin' });
    assert.deepEqual(e.assignment_strategy.members, [user('Omar'), { type: 'empty_member' }]);
    assert.match(event.text, /every_member_assignment_strategy: user P\w+, nobody \(empty\)/);

    const updated = await s.ok('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rid, event_id: e.id, name: 'Daily late evening' });
    assert.equal(updated.structured.event.name, 'Daily late evening');
    assert.deepEqual(updated.structured.event.assignment_strategy, e.assignment_strategy, 'unchanged fields kept');
    const put = s.sim.requests.filter((q) => q.method === 'PUT').at(-1)!;
    assert.deepEqual(put.body, { event: { name: 'Daily late evening' } }, 'only the given field is sent');

    const del = await s.ok('delete_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rid, event_id: e.id });
    assert.deepEqual(del.structured, { deleted: true, id: e.id });
    const delRotation = await s.ok('delete_schedule_v3_rotation', { schedule_id: scheduleId, rotation_id: rid });
    assert.equal(delRotation.structured.deleted, true);
    assert.match(await s.fails('get_schedule_v3_rotation', { schedule_id: scheduleId, rotation_id: rid }), /404|not found/i);
  });

  it('rejects bad events before and after calling PagerDuty', async () => {
    const base = {
      schedule_id: scheduleId,
      rotation_id: rotationId,
      name: 'Bad',
      start_time: '2026-01-05T18:00:00Z',
      end_time: '2026-01-05T23:00:00Z',
      time_zone: 'UTC',
      effective_since: '2026-01-05T00:00:00Z',
      recurrence: ['RRULE:FREQ=DAILY'],
      assignment_strategy: 'rotating_member_assignment_strategy',
      members: [user('Omar')],
    };
    assert.match(await s.fails('create_schedule_v3_rotation_event', { ...base, assignment_strategy: 'round_robin' }), /argument "assignment_strategy"/);
    assert.match(await s.fails('create_schedule_v3_rotation_event', { ...base, members: [{ type: 'user_member' }] }), /members\[0\].*user_member needs user_id/);
    assert.match(await s.fails('create_schedule_v3_rotation_event', { ...base, recurrence: ['FREQ=DAILY'] }), /RRULE/);
    assert.match(await s.fails('create_schedule_v3_rotation_event', { ...base, end_time: '2026-01-05T17:00:00Z' }), /end_time must be after start_time/);
    assert.match(await s.fails('create_schedule_v3_rotation_event', { ...base, members: [{ type: 'user_member', user_id: 'PNOPE99' }] }), /members\[0\]\.user_id: .*user PNOPE99 not found/);
    assert.match(await s.fails('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: 'PABC123' }), /Nothing to change/);
    assert.match(
      await s.fails('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: 'PABC123', start_time: '2026-01-05T18:00:00Z' }),
      /time_zone is required/,
    );
    assert.match(await s.fails('delete_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: 'PNOPE99' }), /404|not found/i);
    assert.match(await s.fails('delete_schedule_v3_rotation', { schedule_id: scheduleId, rotation_id: 'PNOPE99' }), /404|not found/i);
    assert.match(await observer.fails('create_schedule_v3_rotation', { schedule_id: scheduleId }), /403/);
  });
});

describe('custom shifts', () => {
  it('lists (window required), creates, gets, updates and deletes custom shifts', async () => {
    const listed = await s.ok('list_schedule_v3_custom_shifts', { schedule_id: scheduleId, ...wide });
    assert.equal(listed.structured.custom_shifts.length, 1);
    assert.deepEqual(listed.structured.custom_shifts[0].member, user('Mei'));

    const created = await s.ok('create_schedule_v3_custom_shifts', {
      schedule_id: scheduleId,
      custom_shifts: [
        { start_time: '2026-12-24T08:00:00Z', end_time: '2026-12-24T20:00:00Z', member: user('Freya') },
        { start_time: '2026-12-25T08:00:00Z', end_time: '2026-12-25T20:00:00Z', member: { type: 'empty_member' } },
      ],
    });
    assert.equal(created.structured.custom_shifts.length, 2);
    const id = created.structured.custom_shifts[0].id;
    assert.match(created.text, /Created 2 custom shift/);

    const one = await s.ok('get_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id });
    assert.equal(one.structured.custom_shift.start_time, '2026-12-24T08:00:00Z');

    const updated = await s.ok('update_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id, member: user('Omar') });
    assert.deepEqual(updated.structured.custom_shift.member, user('Omar'));
    assert.equal(updated.structured.custom_shift.end_time, '2026-12-24T20:00:00Z');

    const del = await s.ok('delete_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id });
    assert.equal(del.structured.deleted, true);
    assert.match(await s.fails('get_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id }), /404|not found/i);
  });

  it('rejects missing windows, reversed times and empty updates', async () => {
    assert.match(await s.fails('list_schedule_v3_custom_shifts', { schedule_id: scheduleId }), /argument "since": is required/);
    assert.match(await s.fails('list_schedule_v3_custom_shifts', { schedule_id: scheduleId, since: wide.until, until: wide.since }), /until must be after since/);
    assert.match(
      await s.fails('create_schedule_v3_custom_shifts', {
        schedule_id: scheduleId,
        custom_shifts: [{ start_time: '2026-12-24T08:00:00Z', end_time: '2026-12-24T07:00:00Z', member: user('Omar') }],
      }),
      /custom_shifts\[0\]\.end_time must be after/,
    );
    assert.match(await s.fails('update_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: 'PABC123' }), /Nothing to change/);
    assert.match(await s.fails('update_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: 'PNOPE99', member: user('Omar') }), /404|not found/i);
    assert.match(await s.fails('delete_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: 'PNOPE99' }), /404|not found/i);
  });
});

describe('overrides', () => {
  it('lists, creates, gets, updates and deletes overrides; the final schedule reflects them', async () => {
    const listed = await s.ok('list_schedule_v3_overrides', { schedule_id: scheduleId, ...wide });
    assert.equal(listed.structured.overrides.length, 1);
    assert.match(listed.text, /replaces user/);

    const start = new Date(Math.floor(Date.now() / DAY) * DAY + DAY + 2 * 3600_000).toISOString();
    const end = new Date(Date.parse(start) + 2 * 3600_000).toISOString();
    const onCallAtStart = (await s.ok('get_schedule', { schedule_id: scheduleId, since: start, until: end })).structured.schedule.final_schedule[0].user.id;
    const created = await s.ok('create_schedule_v3_overrides', {
      schedule_id: scheduleId,
      overrides: [{ rotation_id: rotationId, start_time: start, end_time: end, overridden_member: { type: 'user_member', user_id: onCallAtStart }, overriding_member: user('Samuel') }],
    });
    const o = created.structured.overrides[0];
    assert.deepEqual(o.overriding_member, user('Samuel'));
    const final = (await s.ok('get_schedule', { schedule_id: scheduleId, since: start, until: end })).structured.schedule.final_schedule;
    assert.deepEqual(final.map((e: any) => e.user.name), ['Samuel Mensah']);

    const got = await s.ok('get_schedule_v3_override', { schedule_id: scheduleId, override_id: o.id });
    assert.equal(got.structured.override.id, o.id);
    const updated = await s.ok('update_schedule_v3_override', { schedule_id: scheduleId, override_id: o.id, overriding_member: user('Diego') });
    assert.deepEqual(updated.structured.override.overriding_member, user('Diego'));
    assert.equal(updated.structured.override.start_time, o.start_time);

    const del = await s.ok('delete_schedule_v3_override', { schedule_id: scheduleId, override_id: o.id });
    assert.equal(del.structured.deleted, true);
    assert.match(await s.fails('get_schedule_v3_override', { schedule_id: scheduleId, override_id: o.id }), /404|not found/i);
  });

  it('rejects overrides without exactly one target, reversed times and unknown ids', async () => {
    const item = { start_time: '2026-12-24T08:00:00Z', end_time: '2026-12-24T10:00:00Z', overridden_member: user('Jack'), overriding_member: user('Omar') };
    assert.match(await s.fails('create_schedule_v3_overrides', { schedule_id: scheduleId, overrides: [item] }), /exactly one of rotation_id or custom_shift_id/);
    assert.match(
      await s.fails('create_schedule_v3_overrides', { schedule_id: scheduleId, overrides: [{ ...item, rotation_id: rotationId, end_time: '2026-12-24T07:00:00Z' }] }),
      /overrides\[0\]\.end_time must be after/,
    );
    assert.match(await s.fails('create_schedule_v3_overrides', { schedule_id: scheduleId, overrides: [{ ...item, rotation_id: 'PNOPE99' }] }), /overrides\[0\]\.rotation_id: .*rotation PNOPE99 not found/);
    assert.match(await s.fails('list_schedule_v3_overrides', { schedule_id: 'PNOPE99', ...wide }), /404|not found/i);
    assert.match(await s.fails('update_schedule_v3_override', { schedule_id: scheduleId, override_id: 'PABC123' }), /Nothing to change/);
    assert.match(await s.fails('update_schedule_v3_override', { schedule_id: scheduleId, override_id: 'PNOPE99', end_time: '2030-01-01T00:00:00Z' }), /404|not found/i);
    assert.match(await s.fails('delete_schedule_v3_override', { schedule_id: scheduleId, override_id: 'PNOPE99' }), /404|not found/i);
    assert.match(await s.fails('get_schedule_v3_override', { schedule_id: scheduleId, override_id: '<id>' }), /placeholder/);
  });
});

describe('delete_schedule_v3', () => {
  it('deletes a shift-based schedule; a second delete is a 404; observers are refused', async () => {
    const created = await s.ok('create_schedule', { name: 'Throwaway', time_zone: 'UTC' });
    const id = created.structured.schedule.id;
    assert.match(await observer.fails('delete_schedule_v3', { schedule_id: id }), /403/);
    const del = await s.ok('delete_schedule_v3', { schedule_id: id });
    assert.deepEqual(del.structured, { deleted: true, id });
    assert.match(await s.fails('delete_schedule_v3', { schedule_id: id }), /404|not found/i);
  });
});
