import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { dependenciesOf } from '../simulator/seed/dependencies';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;

const business = (name: string) => [...dependenciesOf(s.sim.state).businessServices.values()].find((b) => b.name === name)!;
const service = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;

before(async () => {
  s = await startMcp();
});

after(async () => {
  await s.close();
});

describe('list_business_services', () => {
  it('lists business services by name with team and contact, paged', async () => {
    const all = await s.ok('list_business_services');
    const names = all.structured.business_services.map((b: any) => b.name);
    assert.deepEqual(names, ['Analytics Platform', 'Customer Support', 'Mobile App', 'Online Store']);
    const store = all.structured.business_services.find((b: any) => b.name === 'Online Store');
    assert.equal(store.team_id, business('Online Store').teamId);
    assert.equal(store.point_of_contact, 'Payments on-call');
    assert.ok(all.text.split(FENCE_OPEN)[1].includes('Online Store'));
    const first = await s.ok('list_business_services', { limit: 3 });
    assert.deepEqual([first.structured.business_services.length, first.structured.more, first.structured.next_offset, first.structured.total], [3, true, 3, 4]);
    const rest = await s.ok('list_business_services', { offset: 3 });
    assert.deepEqual(rest.structured.business_services.map((b: any) => b.name), ['Online Store']);
  });

  it('rejects a limit over 100', async () => {
    assert.match(await s.fails('list_business_services', { limit: 500 }), /argument "limit"/);
  });
});

describe('get_business_service_dependencies', () => {
  it('lists the technical services it depends on, with names looked up', async () => {
    const store = business('Online Store');
    const result = await s.ok('get_business_service_dependencies', { business_service_id: store.id });
    const deps = result.structured.dependencies;
    assert.equal(deps.service_id, store.id);
    assert.deepEqual(
      deps.depends_on.map((d: any) => [d.name, d.kind]).sort(),
      [['API Gateway', 'technical_service'], ['Auth Service', 'technical_service'], ['Checkout Service', 'technical_service']],
    );
    assert.deepEqual(deps.supports, []);
    assert.ok(result.text.split(FENCE_OPEN)[1].includes('Checkout Service'));
  });

  it('reports an unknown business service (or a technical service id) as not found', async () => {
    assert.match(await s.fails('get_business_service_dependencies', { business_service_id: service('API Gateway').id }), /not found|404/i);
    assert.match(await s.fails('get_business_service_dependencies', { business_service_id: 'null' }), /argument "business_service_id": a real business service id is required/);
  });
});

describe('get_technical_service_dependencies', () => {
  it('splits what it depends on from what depends on it, across service kinds', async () => {
    const checkout = service('Checkout Service');
    const result = await s.ok('get_technical_service_dependencies', { service_id: checkout.id });
    const deps = result.structured.dependencies;
    assert.deepEqual(deps.depends_on.map((d: any) => d.name).sort(), ['Auth Service', 'Payment Processor']);
    assert.deepEqual(deps.supports, [{ id: business('Online Store').id, kind: 'business_service', name: 'Online Store' }]);
    assert.match(result.text, /Depending on/);
  });

  it('keeps the ids when a name lookup fails', async () => {
    const checkout = service('Checkout Service');
    // Every attempt including the client's retries fails, so the lookup gives up.
    s.sim.faults.add({ kind: 'status', status: 503, match: { method: 'GET', path: new RegExp(`^/business_services/${business('Online Store').id}$`) }, times: 4 });
    const result = await s.ok('get_technical_service_dependencies', { service_id: checkout.id });
    assert.deepEqual(result.structured.dependencies.supports, [{ id: business('Online Store').id, kind: 'business_service' }]);
    assert.match(result.text, /name unavailable/);
  });

  it('reports an unknown service as not found', async () => {
    assert.match(await s.fails('get_technical_service_dependencies', { service_id: 'PNOSUCH' }), /not found|404/i);
  });
});

describe('list_priorities', () => {
  it("lists the account's priorities with descriptions", async () => {
    const result = await s.ok('list_priorities');
    const expected = [...s.sim.state.priorities.values()].map((p) => ({ id: p.id, name: p.name, description: p.description }));
    assert.deepEqual(result.structured.priorities, expected);
    assert.ok(result.text.split(FENCE_OPEN)[1].includes('P1'));
  });

  it('takes no arguments', async () => {
    assert.match(await s.fails('list_priorities', { limit: 5 }), /unknown argument "limit"/);
  });
});
