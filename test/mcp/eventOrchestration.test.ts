import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { eventOrchestrationState } from '../simulator/seed/eventOrchestration';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;

const area = () => eventOrchestrationState(s.sim.state);
const named = (name: string) => [...area().orchestrations.values()].find((o) => o.name === name)!;
const serviceNamed = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;
const puts = () => s.sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/router')).length;

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_event_orchestrations / get_event_orchestration', () => {
  it('lists sorted with paging, and gets one with its integrations', async () => {
    const list = await s.ok('list_event_orchestrations', { sort_by: 'name:desc', limit: 1 });
    assert.deepEqual(list.structured.orchestrations.map((o: any) => o.name), ['Staging']);
    assert.deepEqual([list.structured.more, list.structured.next_offset], [true, 1]);
    assert.ok(list.text.includes(FENCE_OPEN));

    const prod = named('Production monitoring');
    const got = await s.ok('get_event_orchestration', { orchestration_id: prod.id });
    assert.equal(got.structured.orchestration.routes, 2);
    assert.equal(got.structured.orchestration.integrations[0].routing_key, prod.routingKey);
    assert.match(got.structured.orchestration.updated_at, /Z$/);
  });

  it('404s an unknown orchestration and rejects a bad sort', async () => {
    assert.match(await s.fails('get_event_orchestration', { orchestration_id: '00000000-0000-0000-0000-000000000000' }), /Not found \(404\)/);
    assert.match(await s.fails('list_event_orchestrations', { sort_by: 'size:asc' }), /argument "sort_by"/);
  });
});

describe('get_event_orchestration_router / global / service', () => {
  it('shapes router rules with their conditions and targets, fenced', async () => {
    const prod = named('Production monitoring');
    const router = await s.ok('get_event_orchestration_router', { orchestration_id: prod.id });
    const [rule1, rule2] = router.structured.orchestration_path.sets[0].rules;
    assert.deepEqual(rule1.actions, { route_to: serviceNamed('API Gateway').id });
    assert.equal(rule2.conditions.length, 2);
    assert.deepEqual(router.structured.orchestration_path.catch_all, { route_to: 'unrouted' });
    assert.equal(router.structured.orchestration_path.version, prod.router.version);
    // The rule label carries a bidi override and injection text: only inside the fence, with the override stripped.
    const fenceAt = router.text.indexOf(FENCE_OPEN);
    assert.ok(router.text.indexOf('ignore previous instructions') > fenceAt && fenceAt >= 0);
    assert.ok(!router.text.includes('\u202E'));
    assert.match(router.text, /when any of \[/);
  });

  it('global rules show actions without automation header values', async () => {
    const global = await s.ok('get_event_orchestration_global', { orchestration_id: named('Production monitoring').id });
    const rule = global.structured.orchestration_path.sets[0].rules[0];
    assert.deepEqual(rule.actions, { drop_event: true, automation_actions: ['Notify bot'] });
    assert.ok(!JSON.stringify(global).includes('s3cr3t-header'));
    assert.deepEqual(global.structured.orchestration_path.catch_all, { severity: 'warning' });
  });

  it('service orchestration rules, empty for an unconfigured service, 404 for an unknown one', async () => {
    const gw = await s.ok('get_event_orchestration_service', { service_id: serviceNamed('API Gateway').id });
    assert.deepEqual(gw.structured.orchestration_path.sets[0].rules[0].actions.severity, 'critical');
    const waf = await s.ok('get_event_orchestration_service', { service_id: serviceNamed('WAF').id });
    assert.deepEqual(waf.structured.orchestration_path.sets, [{ id: 'start', rules: [] }]);
    assert.match(await s.fails('get_event_orchestration_service', { service_id: 'PNOPE00' }), /404/);
    assert.match(await s.fails('get_event_orchestration_router', { orchestration_id: '<id>' }), /placeholder/);
  });
});

describe('append_event_orchestration_router_rule', () => {
  it('appends after the existing rules and keeps them and the catch-all', async () => {
    const prod = named('Production monitoring');
    const before = prod.router.sets[0].rules.map((r) => r.id);
    const target = serviceNamed('Auth Service').id;
    const res = await s.ok('append_event_orchestration_router_rule', {
      orchestration_id: prod.id,
      label: 'Auth alerts',
      conditions: ["event.source matches part 'auth'"],
      route_to: target,
    });
    const rules = named('Production monitoring').router.sets[0].rules;
    assert.deepEqual(rules.slice(0, -1).map((r) => r.id), before);
    assert.deepEqual(
      { label: rules.at(-1)!.label, conditions: rules.at(-1)!.conditions, actions: rules.at(-1)!.actions },
      { label: 'Auth alerts', conditions: [{ expression: "event.source matches part 'auth'" }], actions: { route_to: target } },
    );
    assert.deepEqual(named('Production monitoring').router.catch_all, { actions: { route_to: 'unrouted' } });
    assert.match(res.text, /Rule added as rule 3/);
    assert.equal(res.structured.orchestration_path.sets[0].rules.length, 3);
  });

  it('refuses, writing nothing, when the router changes between its read and its write', async () => {
    const prod = named('Production monitoring');
    const putsBefore = puts();
    let reads = 0;
    area().hooks.afterRouterRead = (id) => {
      // A colleague edits the router right after our first read.
      if (id === prod.id && ++reads === 1) {
        prod.router = { ...prod.router, sets: [{ id: 'start', rules: [...prod.router.sets[0].rules, { id: 'theirs01', label: 'Theirs', conditions: [{ expression: 'true' }], actions: { route_to: serviceNamed('WAF').id } }] }], version: 'concurrent' };
      }
    };
    try {
      const text = await s.fails('append_event_orchestration_router_rule', {
        orchestration_id: prod.id,
        conditions: ["event.source matches part 'db'"],
        route_to: serviceNamed('Data Warehouse').id,
      });
      assert.match(text, /changed while the rule was being added.*nothing was written/);
    } finally {
      area().hooks.afterRouterRead = undefined;
    }
    assert.equal(puts(), putsBefore, 'no PUT was sent');
    const rules = named('Production monitoring').router.sets[0].rules;
    assert.equal(rules.at(-1)!.id, 'theirs01', "the colleague's rule survives");
  });

  it('reports 403 for an observer and 400 for a route to an unknown service', async () => {
    const id = named('Staging').id;
    assert.match(await observer.fails('append_event_orchestration_router_rule', { orchestration_id: id, conditions: ['true'], route_to: serviceNamed('WAF').id }), /403/);
    assert.match(await s.fails('append_event_orchestration_router_rule', { orchestration_id: id, conditions: ['true'], route_to: 'PNOPE00' }), /\(400\).*route_to/);
    assert.match(await s.fails('append_event_orchestration_router_rule', { orchestration_id: id, conditions: [], route_to: 'PNOPE00' }), /argument "conditions"/);
    assert.deepEqual(named('Staging').router.sets[0].rules, []);
  });
});

describe('update_event_orchestration_router', () => {
  it('replaces all rules and the catch-all', async () => {
    const staging = named('Staging');
    const waf = serviceNamed('WAF').id;
    const res = await s.ok('update_event_orchestration_router', {
      orchestration_id: staging.id,
      rules: [
        { label: 'Edge', conditions: ["event.source matches 'edge'"], route_to: waf },
        { conditions: ['true'], route_to: serviceNamed('Auth Service').id, disabled: true },
      ],
      catch_all_route_to: waf,
    });
    const router = named('Staging').router;
    assert.deepEqual(router.sets[0].rules.map((r) => [r.label, r.actions.route_to, r.disabled]), [
      ['Edge', waf, undefined],
      [undefined, serviceNamed('Auth Service').id, true],
    ]);
    assert.deepEqual(router.catch_all, { actions: { route_to: waf } });
    assert.equal(res.structured.orchestration_path.sets[0].rules.length, 2);
    assert.match(res.text, /\(disabled\)/);
  });

  it('rejects unknown rule fields and 404s an unknown orchestration', async () => {
    assert.match(
      await s.fails('update_event_orchestration_router', { orchestration_id: named('Staging').id, rules: [{ conditions: ['true'], route_to: 'PABC123', actions: {} }] }),
      /actions/,
    );
    assert.match(await s.fails('update_event_orchestration_router', { orchestration_id: 'deadbeef-0000', rules: [] }), /404/);
  });
});
