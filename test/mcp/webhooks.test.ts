import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { webhooksOf } from '../simulator/seed/webhooks';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;

const wh = () => webhooksOf(s.sim.state);
const subscription = (url: string) => [...wh().subscriptions.values()].find((x) => x.url === url)!;
const service = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;
const team = (name: string) => [...s.sim.state.teams.values()].find((x) => x.name === name)!;
const OPS = 'https://hooks.acme-sim.example/pagerduty';

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_webhook_subscriptions', () => {
  it('lists subscriptions with scope and events, never header values', async () => {
    const result = await s.ok('list_webhook_subscriptions');
    assert.equal(result.structured.webhook_subscriptions.length, 2);
    const ops = result.structured.webhook_subscriptions.find((w: any) => w.url === OPS);
    assert.deepEqual(ops, {
      id: subscription(OPS).id,
      url: OPS,
      events: ['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.escalated'],
      filter_type: 'account',
      description: 'All incident events to the ops bot',
      active: true,
      custom_header_names: ['X-Api-Key'],
    });
    assert.ok(!JSON.stringify(result).includes('seeded-header-secret'), 'header values stay out of the output');
    assert.ok(result.text.split(FENCE_OPEN)[1].includes(OPS));
  });

  it('filters by scope type and id', async () => {
    const checkout = service('Checkout Service').id;
    const result = await s.ok('list_webhook_subscriptions', { filter_type: 'service', filter_id: checkout });
    assert.deepEqual(result.structured.webhook_subscriptions.map((w: any) => [w.filter_type, w.filter_id, w.active]), [['service', checkout, false]]);
    const q = s.sim.requests.filter((r) => r.path === '/webhook_subscriptions').at(-1)!.query;
    assert.match(q, /filter_type=service/);
    assert.match(result.text, /\[inactive\]/);
  });

  it('rejects filter_id without a service/team filter_type and an unknown filter_type', async () => {
    assert.match(await s.fails('list_webhook_subscriptions', { filter_id: 'PABC123' }), /filter_id needs filter_type "service" or "team"/);
    // service_reference is the official server's spelling of service (accepted); services is nobody's.
    assert.match(await s.fails('list_webhook_subscriptions', { filter_type: 'services' }), /argument "filter_type"/);
  });
});

describe('get_webhook_subscription', () => {
  it('gets one subscription', async () => {
    const result = await s.ok('get_webhook_subscription', { subscription_id: subscription(OPS).id });
    assert.equal(result.structured.webhook_subscription.url, OPS);
    assert.equal(result.structured.webhook_subscription.signing_secret, undefined);
    assert.ok(!result.text.includes(subscription(OPS).secret), 'the secret is never shown after creation');
  });

  it('reports an unknown subscription as not found', async () => {
    assert.match(await s.fails('get_webhook_subscription', { subscription_id: 'PNOSUCH' }), /not found|404/i);
  });
});

describe('create_webhook_subscription', () => {
  it('creates a team-scoped subscription and surfaces the signing secret once, clearly', async () => {
    const platform = team('Platform').id;
    const result = await s.ok('create_webhook_subscription', {
      url: 'https://example.org/pd-hook',
      events: ['incident.triggered', 'incident.resolved', 'incident.triggered'],
      filter_type: 'team',
      filter_id: platform,
      description: 'Platform incidents',
      custom_headers: [{ name: 'Authorization', value: 'Bearer do-not-echo' }],
    });
    const created = result.structured.webhook_subscription;
    const stored = wh().subscriptions.get(created.id)!;
    assert.deepEqual(stored.filter, { type: 'team_reference', id: platform });
    assert.deepEqual(stored.events, ['incident.triggered', 'incident.resolved']);
    assert.deepEqual(stored.custom_headers, [{ name: 'Authorization', value: 'Bearer do-not-echo' }]);
    assert.equal(result.structured.signing_secret, stored.secret);
    assert.match(result.text, /SIGNING SECRET \(shown only this once/);
    assert.ok(result.text.includes(stored.secret));
    assert.ok(!JSON.stringify(result).includes('do-not-echo'), 'header values are not repeated');
    assert.deepEqual(created.custom_header_names, ['Authorization']);
    // Later reads do not reveal it.
    const again = await s.ok('get_webhook_subscription', { subscription_id: created.id });
    assert.ok(!again.text.includes(stored.secret));
  });

  it('checks URL, events and scope before calling PagerDuty', async () => {
    const before = s.sim.requests.length;
    const base = { url: 'https://example.org/x', events: ['incident.triggered'], filter_type: 'account' };
    assert.match(await s.fails('create_webhook_subscription', { ...base, url: 'http://example.org/x' }), /argument "url": must be an https:\/\/ URL/);
    assert.match(await s.fails('create_webhook_subscription', { ...base, events: ['incident.exploded'] }), /argument "events\[0\]"/);
    assert.match(await s.fails('create_webhook_subscription', { ...base, events: [] }), /argument "events"/);
    assert.match(await s.fails('create_webhook_subscription', { ...base, filter_type: 'service' }), /filter_type "service" needs filter_id/);
    assert.match(await s.fails('create_webhook_subscription', { ...base, filter_id: 'PABC123' }), /leave it out for "account"/);
    assert.match(await s.fails('create_webhook_subscription', { ...base, custom_headers: [{ name: 'Bad Header', value: 'x' }] }), /argument "custom_headers\[0\]\.name"/);
    assert.equal(s.sim.requests.length, before);
  });

  it('surfaces PagerDuty rejecting an unknown service, and refuses observers', async () => {
    assert.match(
      await s.fails('create_webhook_subscription', { url: 'https://example.org/x', events: ['incident.triggered'], filter_type: 'service', filter_id: 'PNOSUCH' }),
      /not a service on this account/,
    );
    assert.match(await observer.fails('create_webhook_subscription', { url: 'https://example.org/x', events: ['pagey.ping'], filter_type: 'account' }), /403|permission|Access Denied/i);
  });
});

describe('update_webhook_subscription', () => {
  it('changes only the given fields', async () => {
    const target = subscription(OPS);
    const result = await s.ok('update_webhook_subscription', { subscription_id: target.id, active: false, events: ['incident.triggered'] });
    assert.equal(result.structured.webhook_subscription.active, false);
    assert.deepEqual(target.events, ['incident.triggered']);
    assert.equal(target.description, 'All incident events to the ops bot', 'description untouched');
    const sent = s.sim.requests.filter((r) => r.method === 'PUT').at(-1)!.body as any;
    assert.deepEqual(Object.keys(sent.webhook_subscription).sort(), ['active', 'events']);
    await s.ok('update_webhook_subscription', { subscription_id: target.id, filter_type: 'service', filter_id: service('API Gateway').id });
    assert.deepEqual(target.filter, { type: 'service_reference', id: service('API Gateway').id });
  });

  it('refuses an empty change and an unknown subscription', async () => {
    assert.match(await s.fails('update_webhook_subscription', { subscription_id: subscription(OPS).id }), /Nothing to change/);
    assert.match(await s.fails('update_webhook_subscription', { subscription_id: 'PNOSUCH', active: true }), /not found|404/i);
  });
});

describe('delete_webhook_subscription', () => {
  it('deletes a subscription', async () => {
    const created = await s.ok('create_webhook_subscription', { url: 'https://example.org/tmp', events: ['pagey.ping'], filter_type: 'account' });
    const id = created.structured.webhook_subscription.id;
    const result = await s.ok('delete_webhook_subscription', { subscription_id: id });
    assert.deepEqual(result.structured, { deleted: true, subscription_id: id });
    assert.equal(wh().subscriptions.has(id), false);
  });

  it('reports deleting it twice as not found, and is refused for observers', async () => {
    assert.match(await s.fails('delete_webhook_subscription', { subscription_id: 'PNOSUCH' }), /not found|404/i);
    assert.match(await observer.fails('delete_webhook_subscription', { subscription_id: subscription(OPS).id }), /403|permission|Access Denied/i);
    assert.ok(wh().subscriptions.has(subscription(OPS).id));
  });
});

describe('list_extension_schemas / get_extension_schema', () => {
  it('lists extension types and gets one', async () => {
    const list = await s.ok('list_extension_schemas');
    const labels = list.structured.extension_schemas.map((x: any) => x.label);
    assert.ok(labels.includes('Generic V2 Webhook') && labels.includes('Slack V2'));
    assert.ok(list.text.split(FENCE_OPEN)[1].includes('Generic V2 Webhook'));
    const generic = list.structured.extension_schemas.find((x: any) => x.key === 'generic_v2_webhook');
    const one = await s.ok('get_extension_schema', { schema_id: generic.id });
    assert.equal(one.structured.extension_schema.label, 'Generic V2 Webhook');
    assert.ok(one.structured.extension_schema.send_types.includes('trigger'));
    const paged = await s.ok('list_extension_schemas', { limit: 1 });
    assert.deepEqual([paged.structured.more, paged.structured.next_offset], [true, 1]);
  });

  it('reports an unknown schema as not found and a placeholder id before calling PagerDuty', async () => {
    assert.match(await s.fails('get_extension_schema', { schema_id: 'PNOSUCH' }), /not found|404/i);
    assert.match(await s.fails('get_extension_schema', { schema_id: '{schema_id}' }), /argument "schema_id": a real extension schema id is required/);
  });
});
