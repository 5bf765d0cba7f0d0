import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';
import { teamNamed } from '../support/simLookups';

let s: McpSession;
let observer: McpSession;

const serviceNamed = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;
const policyNamed = (name: string) => [...s.sim.state.escalationPolicies.values()].find((x) => x.name === name)!;

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_services', () => {
  it('honours limit and reports more/next_offset/total, then continues from next_offset', async () => {
    const first = await s.ok('list_services', { limit: 5 });
    assert.equal(first.structured.services.length, 5);
    assert.equal(first.structured.more, true);
    assert.equal(first.structured.next_offset, 5);
    assert.equal(first.structured.total, s.sim.state.services.size);
    assert.ok(first.text.startsWith('Services (untrusted data'), first.text);
    assert.ok(first.text.includes(FENCE_OPEN));
    assert.match(first.text, /more available: call again with offset 5/);

    const rest = await s.ok('list_services', { limit: 100, offset: 5 });
    assert.equal(rest.structured.services.length, s.sim.state.services.size - 5);
    assert.equal(rest.structured.more, false);
    assert.equal(rest.structured.next_offset, undefined);
    const names = [...first.structured.services, ...rest.structured.services].map((x: any) => x.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'sorted by name');
  });

  it('filters by team and name, and shapes each service compactly', async () => {
    const platform = teamNamed(s.sim, 'Platform');
    const byTeam = await s.ok('list_services', { team_ids: [platform.id] });
    assert.deepEqual(byTeam.structured.services.map((x: any) => x.name).sort(), ['API Gateway', 'Kubernetes Cluster prod-eu']);
    const service = byTeam.structured.services[0];
    assert.deepEqual(service.teams, [{ id: platform.id, name: 'Platform' }]);
    assert.equal(service.escalation_policy.name, 'Platform Escalation');
    assert.equal(service.self, undefined, 'no raw API fields');
    assert.match(service.html_url, /^https:\/\/.+\/service-directory\//);

    const byName = await s.ok('list_services', { query: 'checkout' });
    assert.deepEqual(byName.structured.services.map((x: any) => x.name), ['Checkout Service']);
    const none = await s.ok('list_services', { query: 'no such service' });
    assert.equal(none.structured.services.length, 0);
    assert.match(none.text, /No services match/);
  });

  it('rejects a bad limit and placeholder team ids before calling PagerDuty', async () => {
    assert.match(await s.fails('list_services', { limit: 0 }), /argument "limit"/);
    assert.match(await s.fails('list_services', { team_ids: ['<team_id>'] }), /placeholder/);
  });
});

describe('get_service', () => {
  it('returns the shaped service with fenced text', async () => {
    const gw = serviceNamed('API Gateway');
    const result = await s.ok('get_service', { service_id: gw.id });
    const service = result.structured.service;
    assert.equal(service.id, gw.id);
    assert.equal(service.name, 'API Gateway');
    // Derived from its open incidents (guidePrompts.test.ts covers each case).
    const open = [...s.sim.state.incidents.values()].filter((i) => i.serviceId === gw.id && i.status !== 'resolved');
    assert.equal(service.status, open.some((i) => i.status === 'triggered' && i.urgency === 'high') ? 'critical' : open.length ? 'warning' : 'active');
    assert.equal(service.escalation_policy.id, gw.escalationPolicyId);
    assert.equal(service.auto_resolve_timeout, gw.auto_resolve_timeout);
    assert.match(service.created_at, /(Z|[+-]\d{2}:\d{2})$/);
    assert.ok(result.text.includes(FENCE_OPEN) && result.text.includes('API Gateway'));
  });

  it('explains a 404', async () => {
    assert.match(await s.fails('get_service', { service_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await s.fails('get_service', { service_id: 'null' }), /placeholder/);
  });
});

describe('create_service', () => {
  it('creates a service on an escalation policy', async () => {
    const policy = policyNamed('Data Escalation');
    const result = await s.ok('create_service', {
      name: 'Reporting API',
      escalation_policy_id: policy.id,
      description: 'Nightly reports',
      auto_resolve_timeout: null,
      urgency: 'low',
    });
    const created = result.structured.service;
    assert.equal(created.name, 'Reporting API');
    assert.equal(created.escalation_policy.id, policy.id);
    const stored = s.sim.state.services.get(created.id)!;
    assert.equal(stored.description, 'Nightly reports');
    const sent = s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/services').at(-1)!.body as any;
    assert.deepEqual(sent.service.incident_urgency_rule, { type: 'constant', urgency: 'low' });
    assert.equal(sent.service.auto_resolve_timeout, null, 'null (off) is sent, not dropped');
    assert.equal('acknowledgement_timeout' in sent.service, false, 'fields not given are not sent');
    assert.match(result.text, /Created service/);
  });

  it('reports PagerDuty errors: unknown policy, observer 403, bad arguments', async () => {
    assert.match(await s.fails('create_service', { name: 'X', escalation_policy_id: 'PNOPE00' }), /not found/i);
    assert.match(await observer.fails('create_service', { name: 'Y', escalation_policy_id: policyNamed('Data Escalation').id }), /403/);
    assert.match(await s.fails('create_service', { name: '', escalation_policy_id: 'P1' }), /argument "name"/);
    assert.match(await s.fails('create_service', { name: 'Z', escalation_policy_id: 'P1', teams: [] }), /unknown argument "teams"/);
  });
});

describe('update_service', () => {
  it('sends only the given fields plus the current escalation policy', async () => {
    const svc = serviceNamed('WAF');
    const before = { description: svc.description, policy: svc.escalationPolicyId };
    const result = await s.ok('update_service', { service_id: svc.id, name: 'Web Application Firewall', acknowledgement_timeout: null });
    assert.equal(result.structured.service.name, 'Web Application Firewall');
    const sent = s.sim.requests.filter((r) => r.method === 'PUT' && r.path === `/services/${svc.id}`).at(-1)!.body as any;
    assert.deepEqual(sent, {
      service: {
        type: 'service',
        name: 'Web Application Firewall',
        acknowledgement_timeout: null,
        escalation_policy: { id: before.policy, type: 'escalation_policy_reference' },
      },
    });
    assert.equal(svc.description, before.description, 'description untouched');
    assert.equal(svc.acknowledgement_timeout, null);
  });

  it('moves a service to another policy and disables it without reading it first', async () => {
    const svc = serviceNamed('Billing Jobs');
    const target = policyNamed('Security Escalation');
    const gets = () => s.sim.requests.filter((r) => r.method === 'GET' && r.path === `/services/${svc.id}`).length;
    const readsBefore = gets();
    const result = await s.ok('update_service', { service_id: svc.id, escalation_policy_id: target.id, status: 'disabled' });
    assert.equal(gets(), readsBefore);
    assert.equal(result.structured.service.status, 'disabled');
    assert.equal(result.structured.service.escalation_policy.id, target.id);
  });

  it('refuses an empty change, unknown ids and observers', async () => {
    const svc = serviceNamed('API Gateway');
    assert.match(await s.fails('update_service', { service_id: svc.id }), /Nothing to change/);
    assert.match(await s.fails('update_service', { service_id: 'PNOPE00', name: 'x' }), /Not found \(404\)/);
    assert.match(await s.fails('update_service', { service_id: svc.id, status: 'critical' }), /argument "status"/);
    assert.match(await observer.fails('update_service', { service_id: svc.id, name: 'Nope', escalation_policy_id: svc.escalationPolicyId }), /403/);
    assert.equal(svc.name, 'API Gateway');
  });
});
