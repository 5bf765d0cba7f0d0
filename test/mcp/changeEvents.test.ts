import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { changeEventsState, HOSTILE_CHANGE_SUMMARY } from '../simulator/seed/changeEvents';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;
const events = () => changeEventsState(s.sim.state).events;
const serviceNamed = (name: string) => [...s.sim.state.services.values()].find((x) => x.name === name)!;

before(async () => {
  s = await startMcp();
});

after(async () => {
  await s.close();
});

describe('list_change_events', () => {
  it('lists newest first with paging, shaped, with PagerDuty text fenced and sanitised', async () => {
    const first = await s.ok('list_change_events', { limit: 5 });
    assert.equal(first.structured.change_events.length, 5);
    assert.deepEqual([first.structured.more, first.structured.next_offset, first.structured.total], [true, 5, events().length]);
    const e = first.structured.change_events[0];
    assert.deepEqual(Object.keys(e).sort(), ['custom_details', 'id', 'integration', 'links', 'services', 'source', 'summary', 'timestamp']);
    assert.equal(e.id, events()[0].id);
    const hostile = first.structured.change_events.find((x: any) => x.summary.includes('IGNORE PREVIOUS'));
    assert.ok(hostile, 'the hostile change is recent');
    assert.ok(!JSON.stringify(first.structured).includes('\u202E'), 'bidi override stripped');
    assert.ok(first.text.indexOf('IGNORE PREVIOUS') > first.text.indexOf(FENCE_OPEN));
    assert.ok(HOSTILE_CHANGE_SUMMARY.includes('\u202E'));
  });

  it('filters by time and team, and rejects an inverted window or a naive time', async () => {
    const until = new Date(Date.now() - 10 * 3600_000).toISOString();
    const old = await s.ok('list_change_events', { until, limit: 100 });
    assert.ok(old.structured.change_events.every((e: any) => e.timestamp < until));
    assert.equal(old.structured.change_events.length, events().filter((e) => e.timestamp < until).length);
    const team = [...s.sim.state.teams.values()].find((t) => t.name === 'Payments')!;
    const payments = await s.ok('list_change_events', { team_ids: [team.id], limit: 100 });
    assert.ok(payments.structured.change_events.length > 0);
    assert.ok(payments.structured.change_events.every((e: any) => e.services.every((x: any) => s.sim.state.services.get(x.id)!.teamIds.includes(team.id))));
    assert.match(await s.fails('list_change_events', { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }), /since must be before until/);
    assert.match(await s.fails('list_change_events', { since: '2026-01-02 10:00' }), /argument "since".*offset/);
  });
});

describe('list_service_change_events', () => {
  it("lists one service's changes, and 404s an unknown service", async () => {
    const gw = serviceNamed('API Gateway');
    const res = await s.ok('list_service_change_events', { service_id: gw.id, limit: 100 });
    assert.equal(res.structured.change_events.length, events().filter((e) => e.serviceIds.includes(gw.id)).length);
    assert.ok(res.structured.change_events.every((e: any) => e.services[0].id === gw.id));
    assert.ok(res.text.includes(FENCE_OPEN));
    assert.match(await s.fails('list_service_change_events', { service_id: 'PNOPE00' }), /Not found \(404\)/);
  });
});

describe('get_change_event', () => {
  it('gets one with links and details; 404 for an unknown id', async () => {
    const rec = events()[0];
    const got = await s.ok('get_change_event', { change_event_id: rec.id });
    assert.deepEqual(got.structured.change_event.links, rec.links);
    assert.equal(got.structured.change_event.custom_details, JSON.stringify(rec.custom_details));
    assert.match(got.text, /link: Release notes https:/);
    assert.match(await s.fails('get_change_event', { change_event_id: 'QNOPE0000000000' }), /404/);
  });
});

describe('list_incident_change_events', () => {
  it('accepts an incident number and explains why each change is related', async () => {
    const incident = [...s.sim.state.incidents.values()].find((i) => i.status !== 'resolved')!;
    const res = await s.ok('list_incident_change_events', { incident_id: String(incident.number) });
    assert.ok(res.structured.change_events.length >= 1);
    const own = res.structured.change_events.find((e: any) => e.correlation_reason === 'most_recent');
    assert.equal(own.services[0].id, incident.serviceId);
    assert.ok(s.sim.requests.some((r) => r.path === `/incidents/${incident.id}/related_change_events`), 'used the resolved id');
    assert.match(res.text, /why: most_recent/);
  });

  it('404s an unknown incident number', async () => {
    assert.match(await s.fails('list_incident_change_events', { incident_id: '999999' }), /404/);
  });
});
