/**
 * Asking the person instead of guessing: over stdio, a client that declares elicitation gets the question (and its
 * answer decides what changes); a client that does not gets the clear error, and nothing is asked.
 */
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMcp, type McpSession } from '../support/mcpHarness';

const HOUR = 3_600_000;

describe('elicitation: the server asks the person when the client can ask', () => {
  let s: McpSession;
  let plain: McpSession;
  const asked: ElicitRequest['params'][] = [];
  let answer: (params: ElicitRequest['params']) => ElicitResult = () => ({ action: 'cancel' });
  before(async () => {
    s = await startMcp({
      writes: true,
      elicit: (request) => {
        asked.push(request.params);
        return answer(request.params);
      },
    });
    plain = await startMcp({ writes: true, sim: s.sim });
  });
  after(async () => {
    await plain.close();
    await s.close();
  });

  const schedule = () => [...s.sim.state.schedules.values()].find((x) => x.name.startsWith('Payments On-Call'))!;
  const window = (days: number) => {
    const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + days * 24 * HOUR);
    return { start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() };
  };
  const field = (params: ElicitRequest['params'], name: string) => (params as any).requestedSchema.properties[name];
  const open = () => [...s.sim.state.incidents.values()].filter((i) => i.status !== 'resolved');

  it('create_schedule_override without user_id offers the schedule users; the pick is put on call', async () => {
    const target = schedule();
    const before = target.overrides.length;
    answer = (params) => ({ action: 'accept', content: { user_id: field(params, 'user_id').oneOf.at(-1).const } });
    asked.length = 0;
    const r = await s.ok('create_schedule_override', { schedule_id: target.id, ...window(3) });
    assert.equal(asked.length, 1);
    const offered = field(asked[0]!, 'user_id').oneOf as { const: string; title: string }[];
    assert.ok(offered.every((o) => s.sim.state.users.get(o.const)?.name === o.title), 'ids with their names');
    assert.deepEqual(new Set(offered.map((o) => o.const)), new Set(target.layers.flatMap((l) => l.userIds)), "exactly the schedule's users");
    assert.match(asked[0]!.message, new RegExp(`schedule ${target.id}`));
    assert.equal(target.overrides.length, before + 1);
    assert.equal(target.overrides.at(-1)!.userId, offered.at(-1)!.const);
    assert.equal(r.structured.override.user.id, offered.at(-1)!.const);
  });

  for (const action of ['decline', 'cancel'] as const) {
    it(`create_schedule_override: ${action} creates nothing and says so`, async () => {
      const target = schedule();
      const before = target.overrides.length;
      answer = () => ({ action });
      const text = await s.fails('create_schedule_override', { schedule_id: target.id, ...window(4) });
      assert.match(text, new RegExp(`Nothing changed: the person ${action === 'decline' ? 'declined' : 'cancelled'} the question \\(who covers the shift\\), so no override was created`));
      assert.equal(target.overrides.length, before);
    });
  }

  it('an answer that was not offered changes nothing', async () => {
    const target = schedule();
    const before = target.overrides.length;
    answer = () => ({ action: 'accept', content: { user_id: 'PNOTOFFERED' } });
    assert.match(await s.fails('create_schedule_override', { schedule_id: target.id, ...window(5) }), /Nothing changed: the answer .*(not one of the offered|could not be used)/);
    assert.equal(target.overrides.length, before);
  });

  it('without the capability: the clear error, nothing asked, nothing created', async () => {
    const target = schedule();
    const before = target.overrides.length;
    asked.length = 0;
    assert.match(await plain.fails('create_schedule_override', { schedule_id: target.id, ...window(6) }), /user_id is required: ask the person.*list_schedule_users/);
    assert.match(await plain.fails('manage_incidents', { incident_ids: [open()[0]!.id], assignee_user_ids: [] }), /assignee_user_ids is empty: give the users/);
    assert.equal(asked.length, 0);
    assert.equal(target.overrides.length, before);
  });

  it('manage_incidents with assignee_user_ids [] offers who is on call for the policy; the pick is assigned', async () => {
    const incident = open()[0]!;
    answer = (params) => ({ action: 'accept', content: { assignee_user_id: field(params, 'assignee_user_id').oneOf[0].const } });
    asked.length = 0;
    await s.ok('manage_incidents', { incident_ids: [incident.id], assignee_user_ids: [] });
    const offered = field(asked[0]!, 'assignee_user_id').oneOf as { const: string; title: string }[];
    assert.match(asked[0]!.message, new RegExp(`Reassign incident ${incident.id}`));
    assert.match(offered[0]!.title, /\(level \d+\)$/);
    assert.deepEqual(s.sim.state.incidents.get(incident.id)!.assignments.map((a) => a.userId), [offered[0]!.const]);

    const other = open()[1]!;
    const assignedBefore = other.assignments.map((a) => a.userId);
    answer = () => ({ action: 'decline' });
    assert.match(await s.fails('manage_incidents', { incident_ids: [other.id], assignee_user_ids: [] }), /Nothing changed: the person declined the question \(whom to reassign to\), so no incident was reassigned/);
    assert.deepEqual(s.sim.state.incidents.get(other.id)!.assignments.map((a) => a.userId), assignedBefore);
  });

  it('resolving more than 10 incidents asks to confirm the count; declining or unticking resolves none', async () => {
    const eleven = open().slice(0, 11);
    assert.equal(eleven.length, 11, 'the simulator has enough open incidents');
    const ids = eleven.map((i) => i.id);
    asked.length = 0;
    for (const reply of [{ action: 'decline' }, { action: 'cancel' }, { action: 'accept', content: { confirm: false } }] as ElicitResult[]) {
      answer = () => reply;
      assert.match(await s.fails('manage_incidents', { incident_ids: ids, status: 'resolved' }), /Nothing changed: the person (declined|cancelled|did not confirm).*\(resolve 11 incidents at once\), so no incident was changed/);
      assert.ok(eleven.every((i) => s.sim.state.incidents.get(i.id)!.status !== 'resolved'));
    }
    assert.match(asked[0]!.message, /Resolve 11 incidents at once\?/);
    assert.equal(field(asked[0]!, 'confirm').type, 'boolean');

    // Ten or fewer, or acknowledging many: no question.
    asked.length = 0;
    await s.ok('manage_incidents', { incident_ids: ids.slice(0, 10), status: 'acknowledged' });
    assert.equal(asked.length, 0);

    answer = () => ({ action: 'accept', content: { confirm: true } });
    const r = await s.ok('manage_incidents', { incident_ids: ids, status: 'resolved' });
    assert.equal(asked.length, 1);
    assert.equal(r.structured.succeeded, 11);
    assert.ok(eleven.every((i) => s.sim.state.incidents.get(i.id)!.status === 'resolved'));
  });
});
