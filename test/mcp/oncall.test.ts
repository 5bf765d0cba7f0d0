import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;

const named = <T extends { name: string }>(map: Map<string, T>, name: string) => [...map.values()].find((x) => x.name.startsWith(name))!;

before(async () => {
  s = await startMcp();
});

after(async () => {
  await s.close();
});

describe('list_oncalls', () => {
  it('answers "who is on call now for a service" by mapping the service to its escalation policy', async () => {
    const service = named(s.sim.state.services, 'API Gateway');
    const policy = s.sim.state.escalationPolicies.get(service.escalationPolicyId)!;
    const marcus = named(s.sim.state.users, 'Marcus');
    const r = await s.ok('list_oncalls', { service_ids: [service.id] });

    assert.ok(r.structured.entries.length >= 3, JSON.stringify(r.structured));
    for (const e of r.structured.entries) {
      assert.deepEqual(Object.keys(e).sort(), ['end', 'escalation_level', 'escalation_policy', 'schedule', 'start', 'user']);
      assert.deepEqual(e.escalation_policy, { id: policy.id, name: policy.name });
    }
    const level1 = r.structured.entries.find((e: any) => e.escalation_level === 1);
    assert.deepEqual(level1.user, { id: s.sim.me.id, name: s.sim.me.name }, 'Dana holds the current Platform Primary turn');
    assert.equal(level1.schedule.name, 'Platform Primary');
    assert.match(level1.end, /^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/);

    const direct = r.structured.entries.find((e: any) => e.escalation_level === 3);
    assert.deepEqual(direct.user, { id: marcus.id, name: marcus.name });
    assert.equal(direct.schedule, null, 'direct user targets have no schedule');
    assert.equal(direct.start, null);
    assert.equal(direct.end, null, 'null end = permanently on call');

    assert.ok(r.text.includes(FENCE_OPEN));
    assert.match(r.text, /API Gateway \(.+\) → Platform Escalation/);
    assert.match(r.text, new RegExp(`Platform Escalation \\(${policy.id}\\):\\n  L1: Dana Whitfield \\(${s.sim.me.id}\\) via schedule Platform Primary`));
    assert.match(r.text, /L3: Marcus Chen .* directly \(policy target\) \| always on call/);

    const sent = s.sim.requests.filter((q) => q.path === '/oncalls').at(-1)!;
    assert.match(decodeURIComponent(sent.query), new RegExp(`escalation_policy_ids\\[\\]=${policy.id}`));
    assert.match(sent.query, /earliest=true/);
  });

  it('filters by user and schedule, pages with limit/offset', async () => {
    const mine = await s.ok('list_oncalls', { user_ids: [s.sim.me.id] });
    assert.ok(mine.structured.entries.length >= 1);
    assert.ok(mine.structured.entries.every((e: any) => e.user.id === s.sim.me.id));

    const schedule = named(s.sim.state.schedules, 'Platform Secondary');
    const bySchedule = await s.ok('list_oncalls', { schedule_ids: [schedule.id] });
    assert.ok(bySchedule.structured.entries.length >= 1);
    assert.ok(bySchedule.structured.entries.every((e: any) => e.schedule?.id === schedule.id));

    const page = await s.ok('list_oncalls', { limit: 2 });
    assert.equal(page.structured.entries.length, 2);
    assert.equal(page.structured.more, true);
    assert.equal(page.structured.next_offset, 2);
    const next = await s.ok('list_oncalls', { limit: 2, offset: 2 });
    assert.notDeepEqual(next.structured.entries, page.structured.entries);
  });

  it('returns later shifts over a window when earliest is false', async () => {
    const schedule = named(s.sim.state.schedules, 'Platform Secondary'); // day-long turns
    const since = new Date();
    const until = new Date(since.getTime() + 3 * 24 * 3600_000);
    const r = await s.ok('list_oncalls', { schedule_ids: [schedule.id], since: since.toISOString(), until: until.toISOString(), earliest: false });
    assert.ok(r.structured.entries.length >= 3, `several daily handoffs expected, got ${r.structured.entries.length}`);
    const sent = s.sim.requests.filter((q) => q.path === '/oncalls').at(-1)!;
    assert.match(sent.query, /earliest=false/);
  });

  it('rejects bad input and unknown services with actionable messages', async () => {
    assert.match(await s.fails('list_oncalls', { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }), /until must be after since/);
    assert.match(await s.fails('list_oncalls', { since: '2026-01-02 10:00' }), /argument "since".*offset/);
    assert.match(await s.fails('list_oncalls', { time_zone: 'Mars/Olympus' }), /argument "time_zone".*IANA/);
    assert.match(await s.fails('list_oncalls', { user_ids: ['<id>'] }), /placeholder/);
    assert.match(await s.fails('list_oncalls', { service_ids: ['PNOPE42'] }), /service PNOPE42 does not exist.*list_services/);
  });
});
