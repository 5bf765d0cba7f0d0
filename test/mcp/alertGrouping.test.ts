import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { alertGroupingState } from '../simulator/seed/alertGrouping';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;

const settings = () => alertGroupingState(s.sim.state).settings;
const serviceNamed = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_alert_grouping_settings', () => {
  it('pages forward and back with the API cursors, shaped and fenced', async () => {
    const first = await s.ok('list_alert_grouping_settings', { limit: 2 });
    assert.equal(first.structured.alert_grouping_settings.length, 2);
    assert.equal(first.structured.more, true);
    assert.ok(first.structured.next_cursor);
    assert.equal(first.structured.previous_cursor, undefined);
    const [gateway] = first.structured.alert_grouping_settings;
    assert.deepEqual(
      { type: gateway.type, config: gateway.config, services: gateway.services.map((x: any) => x.name) },
      {
        type: 'content_based',
        config: { time_window: 3600, recommended_time_window: 1800, aggregate: 'all', fields: ['custom_details.host'] },
        services: ['API Gateway', 'Checkout Service'],
      },
    );
    assert.match(gateway.created_at, /Z$/);
    assert.ok(first.text.includes(FENCE_OPEN));
    assert.match(first.text, /call again with after "/);

    const second = await s.ok('list_alert_grouping_settings', { limit: 2, after: first.structured.next_cursor });
    assert.equal(second.structured.alert_grouping_settings.length, 1);
    assert.equal(second.structured.more, false);
    assert.match(second.structured.alert_grouping_settings[0].description, /IGNORE ALL PREVIOUS INSTRUCTIONS/);
    const back = await s.ok('list_alert_grouping_settings', { limit: 2, before: second.structured.previous_cursor });
    assert.deepEqual(back.structured.alert_grouping_settings.map((x: any) => x.id), first.structured.alert_grouping_settings.map((x: any) => x.id));
    const sent = s.sim.requests.filter((r) => r.path === '/alert_grouping_settings').at(-1)!;
    assert.match(sent.query, /before=/);
  });

  it('filters by service and rejects after+before together', async () => {
    const billing = await s.ok('list_alert_grouping_settings', { service_ids: [serviceNamed('Billing Jobs').id] });
    assert.deepEqual(billing.structured.alert_grouping_settings.map((x: any) => x.type), ['time']);
    const text = await s.fails('list_alert_grouping_settings', { after: 'a', before: 'b' });
    assert.match(text, /either after or before/);
  });
});

describe('get_alert_grouping_setting', () => {
  it('returns one setting, and a clear 404 for an unknown id', async () => {
    const id = [...settings().values()].find((x) => x.type === 'intelligent')!.id;
    const got = await s.ok('get_alert_grouping_setting', { setting_id: id });
    assert.equal(got.structured.alert_grouping_setting.id, id);
    // The injection text in the description is shown only inside the fence.
    const fenced = got.text.slice(got.text.indexOf(FENCE_OPEN));
    assert.ok(got.text.indexOf(FENCE_OPEN) >= 0);
    assert.match(fenced, /description: IGNORE ALL PREVIOUS INSTRUCTIONS/);
    assert.match(await s.fails('get_alert_grouping_setting', { setting_id: 'PNOPE00' }), /Not found \(404\)/);
    assert.match(await s.fails('get_alert_grouping_setting', { setting_id: 'null' }), /placeholder/);
  });
});

describe('create_alert_grouping_setting', () => {
  it('builds the config from flat params per type', async () => {
    const service = serviceNamed('Event Pipeline');
    const made = await s.ok('create_alert_grouping_setting', {
      type: 'content_based_intelligent',
      service_ids: [service.id],
      name: 'Pipeline grouping',
      aggregate: 'any',
      fields: ['summary', 'source'],
      time_window: 900,
    });
    const rec = settings().get(made.structured.alert_grouping_setting.id)!;
    assert.deepEqual(rec.config, { time_window: 900, aggregate: 'any', fields: ['summary', 'source'] });
    assert.deepEqual(rec.serviceIds, [service.id]);
    assert.equal(made.structured.alert_grouping_setting.name, 'Pipeline grouping');

    const timed = await s.ok('create_alert_grouping_setting', { type: 'time', service_ids: [service.id], timeout: 300 });
    assert.deepEqual(timed.structured.alert_grouping_setting.config, { timeout: 300 });
  });

  it('rejects config that does not fit the type, and an invalid enum, before calling PagerDuty', async () => {
    const before = s.sim.requests.length;
    const service = serviceNamed('WAF').id;
    assert.match(await s.fails('create_alert_grouping_setting', { type: 'time', service_ids: [service], fields: ['summary'] }), /type "time" does not take fields/);
    assert.match(await s.fails('create_alert_grouping_setting', { type: 'content_based', service_ids: [service] }), /needs aggregate \(all\|any\) and fields/);
    assert.match(await s.fails('create_alert_grouping_setting', { type: 'intelligent', service_ids: [service], time_window: 7200 }), /300-3600/);
    assert.match(
      await s.fails('create_alert_grouping_setting', { type: 'content_based_intelligent', service_ids: [service, serviceNamed('API Gateway').id], aggregate: 'all', fields: ['summary'] }),
      /exactly one service/,
    );
    assert.match(await s.fails('create_alert_grouping_setting', { type: 'smart', service_ids: [service] }), /argument "type"/);
    assert.equal(s.sim.requests.length, before, 'no request was sent');
  });

  it('reports 403 for an observer and a PagerDuty 400 for an unknown service', async () => {
    assert.match(await observer.fails('create_alert_grouping_setting', { type: 'time', service_ids: [serviceNamed('WAF').id], timeout: 120 }), /403/);
    assert.match(await s.fails('create_alert_grouping_setting', { type: 'time', service_ids: ['PNOPE00'], timeout: 120 }), /rejected .*\(400\).*Service PNOPE00 not found/);
  });
});

describe('update_alert_grouping_setting', () => {
  it('merges changed fields over the current config and keeps the rest', async () => {
    const [id] = settings().keys();
    const updated = await s.ok('update_alert_grouping_setting', { setting_id: id, time_window: 600, name: 'Renamed' });
    const rec = settings().get(id)!;
    assert.deepEqual(rec.config, { time_window: 600, aggregate: 'all', fields: ['custom_details.host'] });
    assert.equal(rec.name, 'Renamed');
    assert.equal(rec.serviceIds.length, 2, 'services kept');
    assert.equal(updated.structured.alert_grouping_setting.name, 'Renamed');
  });

  it('switching type needs that type\'s config; nothing to change is an error; unknown id is 404', async () => {
    const [id] = settings().keys();
    assert.match(await s.fails('update_alert_grouping_setting', { setting_id: id, type: 'time' }), /type "time" needs timeout/);
    const switched = await s.ok('update_alert_grouping_setting', { setting_id: id, type: 'time', timeout: 900 });
    assert.deepEqual(switched.structured.alert_grouping_setting.config, { timeout: 900 });
    assert.match(await s.fails('update_alert_grouping_setting', { setting_id: id }), /Nothing to change/);
    assert.match(await s.fails('update_alert_grouping_setting', { setting_id: 'PNOPE00', name: 'x' }), /404/);
  });
});

describe('delete_alert_grouping_setting', () => {
  it('deletes, then a second delete is a 404', async () => {
    const id = [...settings().keys()].at(-1)!;
    const done = await s.ok('delete_alert_grouping_setting', { setting_id: id });
    assert.deepEqual(done.structured, { deleted: true, setting_id: id });
    assert.equal(settings().has(id), false);
    assert.match(await s.fails('delete_alert_grouping_setting', { setting_id: id }), /Not found \(404\)/);
  });
});
