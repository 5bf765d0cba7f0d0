import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogAnnotationsOf } from '../../src/model/catalogInfo';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { formatOnly } from '../../src/model/translate';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import { statusBarModel } from '../../src/views/stores/statusBar';
import { resolveServices, serviceRows, settingSources, type ServiceSource } from '../../src/views/stores/workspaceServices';
import { entry, failed, fakeTools, incident, ME, ok } from '../support/viewsBuilders';

describe('catalog-info.yaml annotations', () => {
  it('reads service ids and integration keys from every document, quoted or not, once each', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    pagerduty.com/service-id: PPAYAPI   # the service
    backstage.io/techdocs-ref: dir:.
---
kind: Component
metadata:
  name: refunds
  annotations:
    "pagerduty.com/service-id": 'P1REFND'
    pagerduty.com/integration-key: "abc123def456"
    pagerduty.com/service-id: PPAYAPI
`;
    assert.deepEqual(catalogAnnotationsOf(text), { name: 'payments-api', serviceIds: ['PPAYAPI', 'P1REFND'], integrationKeys: ['abc123def456'] });
  });

  it('takes nothing that is not a plain value', () => {
    const text = 'metadata:\n  annotations:\n    pagerduty.com/service-id: [a, b]\n    pagerduty.com/service-id: "P1 ; rm -rf"\n    pagerduty.com/service-id:\n';
    assert.deepEqual(catalogAnnotationsOf(text), { serviceIds: [], integrationKeys: [] });
    assert.deepEqual(catalogAnnotationsOf(undefined as unknown as string), { serviceIds: [], integrationKeys: [] });
  });
});

const PAY = { id: 'PPAYAPI', name: 'Payments API', html_url: 'https://acme.pagerduty.com/service-directory/PPAYAPI', escalation_policy: { id: 'PEP1', name: 'Platform Escalation' } };
const REFUNDS = { id: 'P1REFND', name: 'Refunds', escalation_policy: { id: 'PEP2', name: 'Billing Escalation' } };
/** Refunds' integration key, and one no service holds. */
const REFUNDS_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const UNKNOWN_KEY = 'ffffffffffffffffffffffffffffffff';

function servicesServer() {
  return fakeTools((name, args) => {
    if (name === 'get_service') return args.service_id === PAY.id ? ok({ service: PAY }) : args.service_id === REFUNDS.id ? ok({ service: REFUNDS }) : failed('not_found', 'Not found (404)');
    if (name === 'list_services' && args.integration_key !== undefined) {
      if (!/^[A-Za-z0-9]{32}$/.test(String(args.integration_key))) return failed('invalid_arguments', 'Invalid arguments for list_services: argument "integration_key": expected 32 letters and digits');
      return ok({ services: args.integration_key === REFUNDS_KEY ? [REFUNDS] : [], more: false });
    }
    if (name === 'list_services') return ok({ services: [PAY, REFUNDS, { id: 'P2', name: 'Payments API v1' }].filter((s) => s.name.toLowerCase().includes(String(args.query).toLowerCase())) });
    return failed('invalid_arguments', `unexpected ${name}`);
  });
}

describe("resolving this workspace's services", () => {
  const source = (over: Partial<ServiceSource>): ServiceSource => ({ kind: 'id', value: PAY.id, folder: 'payments', origin: 'catalog-info.yaml', ...over });

  it('merges the folders that name one service, asks once per value, and explains what it could not match', async () => {
    const { calls, callTool } = servicesServer();
    const got = await resolveServices(
      pagerDutyApi(callTool),
      [source({}), source({ folder: 'web' }), source({ kind: 'name', value: 'refunds', folder: 'web', origin: 'pagerduty.workspaceServices' }), source({ value: 'PNOPE00' }), source({ kind: 'name', value: 'Payments' })],
      formatOnly,
    );
    assert.deepEqual(got.services, [
      { id: PAY.id, name: PAY.name, url: PAY.html_url, escalationPolicy: PAY.escalation_policy, folders: ['payments', 'web'] },
      { id: REFUNDS.id, name: REFUNDS.name, url: undefined, escalationPolicy: REFUNDS.escalation_policy, folders: ['web'] },
    ]);
    assert.deepEqual(got.unresolved.map((u) => [u.source.value, u.why]), [
      ['PNOPE00', 'PagerDuty has no service PNOPE00.'],
      ['Payments', 'PagerDuty has no service named Payments.'],
    ]);
    assert.equal(got.error, undefined);
    assert.equal(calls.filter((c) => c.name === 'get_service' && c.args.service_id === PAY.id).length, 1);
  });

  it("resolves an integration key to its service, sending it only as list_services' integration_key and never into any text", async () => {
    const { calls, callTool } = servicesServer();
    const keys = [REFUNDS_KEY, UNKNOWN_KEY, 'secretkey123'];
    const got = await resolveServices(
      pagerDutyApi(callTool),
      [
        source({ kind: 'integrationKey', value: REFUNDS_KEY, folder: 'refunds' }),
        source({ kind: 'integrationKey', value: REFUNDS_KEY, folder: 'web' }),
        source({ kind: 'integrationKey', value: UNKNOWN_KEY }),
        source({ kind: 'integrationKey', value: 'secretkey123' }),
      ],
      formatOnly,
    );
    assert.deepEqual(got.services, [{ id: REFUNDS.id, name: REFUNDS.name, url: undefined, escalationPolicy: REFUNDS.escalation_policy, folders: ['refunds', 'web'] }]);
    assert.deepEqual(got.unresolved.map((u) => [u.source.value, u.why]), [
      [UNKNOWN_KEY, 'No PagerDuty service has this integration key.'],
      ['secretkey123', 'PagerDuty refused this integration key: it should be 32 letters and digits.'],
    ]);
    assert.equal(got.error, undefined);
    // Each key once, and only ever as the value of list_services' integration_key.
    assert.deepEqual(calls.map((c) => [c.name, c.args]), keys.map((key) => ['list_services', { integration_key: key }]));
    for (const key of keys) {
      for (const c of calls) {
        const elsewhere = Object.entries(c.args).filter(([name]) => !(c.name === 'list_services' && name === 'integration_key'));
        assert.ok(!JSON.stringify(elsewhere).includes(key), `${c.name} got the key outside integration_key`);
      }
      assert.ok(!got.unresolved.some((u) => u.why.includes(key)), 'no reason repeats a key');
    }
  });

  it('says when a key was not found among the services one lookup reads', async () => {
    const { api } = fakeTools(() => ok({ services: [], more: true, next_offset: 1000 }));
    const got = await resolveServices(api, [source({ kind: 'integrationKey', value: UNKNOWN_KEY })], formatOnly);
    assert.equal(got.services.length, 0);
    assert.match(got.unresolved[0]!.why, /None of the services read has this integration key \(a lookup reads a bounded number\)/);
  });

  it('keeps a failure that is not about the values apart, to try again', async () => {
    const { api } = fakeTools(() => failed('network', 'PagerDuty is unreachable'));
    const got = await resolveServices(api, [source({})], formatOnly);
    assert.deepEqual([got.services, got.unresolved, got.error], [[], [], 'PagerDuty is unreachable']);
  });

  it('reads the setting as ids or names', () => {
    assert.deepEqual(settingSources(['PPAYAPI', 'Payments API'], 'f').map((s) => s.kind), ['id', 'name']);
  });
});

describe('the services section and the status bar', () => {
  it("shows each service's state, open incidents and who is on call, labelled by folder in a multi-root workspace", () => {
    const services = [
      { id: PAY.id, name: PAY.name, escalationPolicy: PAY.escalation_policy, folders: ['payments', 'web'] },
      { id: REFUNDS.id, name: REFUNDS.name, escalationPolicy: REFUNDS.escalation_policy, folders: ['web'] },
    ];
    const open = [incident({ service: { id: PAY.id, name: PAY.name } }), incident({ service: { id: PAY.id, name: PAY.name }, status: 'acknowledged' })];
    const oncall = [entry({ user: { id: 'U1', name: 'Ann' } }), entry({ user: { id: 'U2', name: 'Bo' }, escalation_level: 2 })];
    const rows = serviceRows(services, open, oncall, true, formatOnly);
    assert.deepEqual(rows.map((r) => [r.label, r.state, r.description]), [
      ['Payments API', 'critical', 'Critical · 2 open incidents · on call: Ann · payments, web'],
      ['Refunds', 'ok', 'OK · 0 open incidents · nobody on call · web'],
    ]);
    assert.equal(serviceRows(services, [], undefined, false, formatOnly)[0]!.description, 'OK · 0 open incidents');
  });

  it("counts this workspace's triggered incidents while that scope is shown", () => {
    const ws = [incident(), incident(), incident({ status: 'acknowledged' })];
    const model = statusBarModel({ kind: 'none' }, [incident()], false, formatOnly, { incidents: ws });
    assert.deepEqual(model, { text: '$(bell) 2 triggered in this workspace', label: "PagerDuty: 2 triggered incidents in this workspace's services", alert: true });
    assert.equal(statusBarModel({ kind: 'none' }, [], false, formatOnly, { incidents: undefined }).text, '$(bell) … triggered in this workspace');
  });
});

describe("IncidentsStore in the scope \"This workspace's services\"", () => {
  it("asks for all open incidents of the workspace's services, even while the view is hidden", async () => {
    let ids: string[] = [PAY.id];
    const { calls, api } = fakeTools((name, args) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: args.scope === 'all' ? [incident()] : [], more: false })));
    const store = new IncidentsStore(api, 'workspace', formatOnly, () => ids);
    await store.poll({ viewVisible: false });
    assert.deepEqual(calls.at(-1)!.args, { scope: 'all', statuses: ['triggered', 'acknowledged'], limit: 25, service_ids: [PAY.id] });
    assert.equal(store.incidents.length, 1);
    ids = [];
    calls.length = 0;
    await store.poll({ viewVisible: true });
    assert.deepEqual(calls.map((c) => c.args.scope), ['assigned'], 'no services: nothing asked, nothing shown');
    assert.equal(store.incidents.length, 0);
  });
});
