import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';
import { teamNamed } from '../support/simLookups';

let s: McpSession;
let observer: McpSession;

const userNamed = (name: string) => [...s.sim.state.users.values()].find((u) => u.name.startsWith(name))!;
const scheduleNamed = (name: string) => [...s.sim.state.schedules.values()].find((x) => x.name === name)!;
const policyNamed = (name: string) => [...s.sim.state.escalationPolicies.values()].find((p) => p.name === name)!;
const requests = (method: string, path: string) => s.sim.requests.filter((r) => r.method === method && r.path === path);

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_escalation_policies', () => {
  it('pages and shows levels with named user/schedule targets', async () => {
    const first = await s.ok('list_escalation_policies', { limit: 2 });
    assert.deepEqual([first.structured.escalation_policies.length, first.structured.more, first.structured.next_offset], [2, true, 2]);
    assert.equal(first.structured.total, s.sim.state.escalationPolicies.size);

    const all = await s.ok('list_escalation_policies', { limit: 100 });
    assert.equal(all.structured.more, false);
    const platform = all.structured.escalation_policies.find((p: any) => p.name === 'Platform Escalation');
    assert.deepEqual(platform.levels, [
      { level: 1, delay_minutes: 15, targets: [{ type: 'schedule', id: scheduleNamed('Platform Primary').id, name: 'Platform Primary' }] },
      { level: 2, delay_minutes: 30, targets: [{ type: 'schedule', id: scheduleNamed('Platform Secondary').id, name: 'Platform Secondary' }] },
      { level: 3, delay_minutes: 45, targets: [{ type: 'user', id: userNamed('Marcus').id, name: 'Marcus Chen' }] },
    ]);
    assert.deepEqual(platform.teams, [{ id: teamNamed(s.sim, 'Platform').id, name: 'Platform' }]);
    assert.ok(all.text.includes(FENCE_OPEN));
    assert.match(all.text, /L1: schedule Platform Primary \(\w+\); escalates after 15 min/);
    assert.match(all.text, /L3: user Marcus Chen \(\w+\); escalates after 45 min/);
  });

  it('filters by name, team and user', async () => {
    const byName = await s.ok('list_escalation_policies', { query: 'pay' });
    assert.deepEqual(byName.structured.escalation_policies.map((p: any) => p.name), ['Payments Escalation']);
    const byTeam = await s.ok('list_escalation_policies', { team_ids: [teamNamed(s.sim, 'Mobile').id] });
    assert.deepEqual(byTeam.structured.escalation_policies.map((p: any) => p.name), ['Mobile Escalation']);
    const byUser = await s.ok('list_escalation_policies', { user_ids: [userNamed('Jack').id] });
    assert.ok(byUser.structured.escalation_policies.some((p: any) => p.name === 'Mobile Escalation'));
    assert.equal(requests('GET', '/escalation_policies').at(-1)!.query.includes(`user_ids%5B%5D=${userNamed('Jack').id}`), true);
  });

  it('rejects an invalid limit and unknown arguments', async () => {
    // include is the official server's (taken and dropped, see officialShapes.ts); includes is nobody's.
    assert.match(await s.fails('list_escalation_policies', { includes: ['targets'] }), /unknown argument "includes"/);
    assert.match(await s.fails('list_escalation_policies', { limit: -1 }), /argument "limit"/);
  });
});

describe('get_escalation_policy', () => {
  it('returns levels, services and teams', async () => {
    const policy = policyNamed('Payments Escalation');
    const result = await s.ok('get_escalation_policy', { policy_id: policy.id });
    const shaped = result.structured.escalation_policy;
    assert.equal(shaped.id, policy.id);
    assert.equal(shaped.num_loops, policy.num_loops);
    assert.equal(shaped.description, 'Escalation for Payments');
    assert.deepEqual(shaped.levels.map((l: any) => l.targets.map((t: any) => t.name)), [['Payments On-Call'], ['Aisha Rahman']]);
    assert.deepEqual(shaped.services.map((x: any) => x.name).sort(), ['Billing Jobs', 'Checkout Service', 'Payment Processor']);
    assert.match(result.text, /services: .*Checkout Service/);
  });

  it('explains a 404', async () => {
    assert.match(await s.fails('get_escalation_policy', { policy_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await s.fails('get_escalation_policy', {}), /argument "policy_id": is required/);
  });
});

describe('create_escalation_policy', () => {
  it('builds escalation rules from flat levels', async () => {
    const grace = userNamed('Grace');
    const tom = userNamed('Tom');
    const sched = scheduleNamed('Data Follow-the-Sun');
    const result = await s.ok('create_escalation_policy', {
      name: 'Warehouse Escalation',
      description: 'Nightly ETL',
      num_loops: 2,
      team_ids: [teamNamed(s.sim, 'Data').id],
      rules: [{ delay_minutes: 10, schedule_ids: [sched.id] }, { delay_minutes: 20, user_ids: [grace.id, tom.id] }],
    });
    const created = s.sim.state.escalationPolicies.get(result.structured.escalation_policy.id)!;
    assert.equal(created.num_loops, 2);
    assert.deepEqual(created.teamIds, [teamNamed(s.sim, 'Data').id]);
    assert.deepEqual(
      created.rules.map((r) => [r.escalation_delay_in_minutes, r.targets]),
      [
        [10, [{ type: 'schedule_reference', id: sched.id }]],
        [20, [{ type: 'user_reference', id: grace.id }, { type: 'user_reference', id: tom.id }]],
      ],
    );
    assert.deepEqual(result.structured.escalation_policy.levels[1].targets.map((t: any) => t.name), ['Grace Liu', 'Tom Becker']);
    assert.match(result.text, /Created escalation policy/);
  });

  it('rejects levels without targets, nested API shapes, unknown targets and observers', async () => {
    assert.match(await s.fails('create_escalation_policy', { name: 'X', rules: [{ delay_minutes: 5 }] }), /argument "rules\[0\]": give user_ids and\/or schedule_ids/);
    assert.match(
      await s.fails('create_escalation_policy', { name: 'X', rules: [{ escalation_delay_in_minutes: 5, targets: [{ id: 'P1', type: 'user_reference' }] }] }),
      /unknown argument/,
    );
    assert.match(await s.fails('create_escalation_policy', { name: 'X', rules: [] }), /argument "rules"/);
    assert.match(await s.fails('create_escalation_policy', { name: 'X', rules: [{ delay_minutes: 5, user_ids: ['PNOPE00'] }] }), /not found/i);
    assert.match(await observer.fails('create_escalation_policy', { name: 'X', rules: [{ delay_minutes: 5, user_ids: [s.sim.me.id] }] }), /403/);
  });
});

describe('update_escalation_policy', () => {
  it('renames only, resending the current rules the API requires', async () => {
    const policy = policyNamed('Security Escalation');
    const rulesBefore = policy.rules.map((r) => [r.escalation_delay_in_minutes, r.targets]);
    const result = await s.ok('update_escalation_policy', { policy_id: policy.id, name: 'SecOps Escalation' });
    assert.equal(result.structured.escalation_policy.name, 'SecOps Escalation');
    const sent = requests('PUT', `/escalation_policies/${policy.id}`).at(-1)!.body as any;
    assert.deepEqual(Object.keys(sent.escalation_policy).sort(), ['escalation_rules', 'name', 'type']);
    assert.deepEqual(policy.rules.map((r) => [r.escalation_delay_in_minutes, r.targets]), rulesBefore);
    assert.deepEqual(policy.teamIds, [teamNamed(s.sim, 'Security').id]);
  });

  it('replaces the levels and the teams, keeping the name', async () => {
    const policy = policyNamed('Data Escalation');
    const result = await s.ok('update_escalation_policy', { policy_id: policy.id, rules: [{ delay_minutes: 5, user_ids: [s.sim.me.id] }], team_ids: [] });
    assert.equal(policy.name, 'Data Escalation');
    assert.deepEqual(policy.teamIds, []);
    assert.deepEqual(result.structured.escalation_policy.levels, [{ level: 1, delay_minutes: 5, targets: [{ type: 'user', id: s.sim.me.id, name: s.sim.me.name }] }]);
  });

  it('does not read the policy when name and rules are both given', async () => {
    const policy = policyNamed('Mobile Escalation');
    const reads = () => requests('GET', `/escalation_policies/${policy.id}`).length;
    const before = reads();
    await s.ok('update_escalation_policy', { policy_id: policy.id, name: 'Apps Escalation', rules: [{ delay_minutes: 30, user_ids: [userNamed('Jack').id] }], num_loops: 1 });
    assert.equal(reads(), before);
    assert.equal(policy.num_loops, 1);
  });

  it('refuses empty changes, unknown policies and observers', async () => {
    const policy = policyNamed('Platform Escalation');
    assert.match(await s.fails('update_escalation_policy', { policy_id: policy.id }), /Nothing to change/);
    assert.match(await s.fails('update_escalation_policy', { policy_id: 'PNOPE00', num_loops: 1 }), /Not found \(404\)/);
    assert.match(await s.fails('update_escalation_policy', { policy_id: policy.id, num_loops: 10 }), /argument "num_loops"/);
    assert.match(await observer.fails('update_escalation_policy', { policy_id: policy.id, name: 'Nope', rules: [{ delay_minutes: 5, user_ids: [s.sim.me.id] }] }), /403/);
    assert.equal(policy.name, 'Platform Escalation');
  });
});
