import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { teamNamed } from '../support/simLookups';
import { startMcp, type McpSession } from '../support/mcpHarness';

let s: McpSession;

const DAY = 86_400_000;
const lastBody = (path: string) => s.sim.requests.filter((r) => r.method === 'POST' && r.path === path).at(-1)?.body as any;
/** Seeded incidents created in [start, end), optionally on one team: the ground truth the metrics must match. */
const incidentsIn = (start: number, end: number, teamId?: string) =>
  [...s.sim.state.incidents.values()].filter((i) => {
    const at = Date.parse(i.created_at);
    return at >= start && at < end && (!teamId || i.teamIds.includes(teamId));
  });
const isoNoMs = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  s = await startMcp();
});

after(async () => {
  await s.close();
});

describe('get_incident_metrics_all', () => {
  it('returns numeric totals matching the incidents in range, defaulting to my teams', async () => {
    const result = await s.ok('get_incident_metrics_all', {});
    const { metrics, start, end, team_ids } = result.structured;
    const myTeams = [...s.sim.state.teams.values()].filter((t) => t.members.has(s.sim.me.id)).map((t) => t.id);
    assert.deepEqual([...team_ids].sort(), [...myTeams].sort());
    assert.match(result.text, /Scoped to your teams/);
    assert.ok(Math.abs(Date.parse(end) - Date.parse(start) - 30 * DAY) < 1000, 'default window is 30 days');
    const expected = [...s.sim.state.incidents.values()].filter((i) => {
      const at = Date.parse(i.created_at);
      return at >= Date.parse(start) && at < Date.parse(end) && i.teamIds.some((t) => myTeams.includes(t));
    });
    assert.equal(metrics.length, 1);
    assert.equal(metrics[0].total_incident_count, expected.length);
    assert.equal(typeof metrics[0].mean_seconds_to_resolve, 'number');
    assert.ok(metrics[0].up_time_pct > 0 && metrics[0].up_time_pct <= 100);
    assert.ok(result.text.includes(FENCE_OPEN));
    assert.match(result.text, new RegExp(`incidents ${expected.length}, `));
  });

  it('buckets per week with offset-carrying range_start and forwards filters', async () => {
    const platform = teamNamed(s.sim, 'Platform').id;
    const end = Date.now();
    const start = end - 21 * DAY;
    const result = await s.ok('get_incident_metrics_all', {
      created_at_start: isoNoMs(start),
      created_at_end: isoNoMs(end),
      team_ids: [platform],
      urgency: 'high',
      aggregate_unit: 'week',
      time_zone: 'Europe/Berlin',
    });
    const sent = lastBody('/analytics/metrics/incidents/all');
    assert.deepEqual(sent.filters.team_ids, [platform]);
    assert.equal(sent.filters.urgency, 'high');
    assert.deepEqual([sent.aggregate_unit, sent.time_zone], ['week', 'Europe/Berlin']);
    const rows = result.structured.metrics;
    assert.ok(rows.length >= 1);
    // PagerDuty writes range_start without an offset; the tool normalises it to UTC with Z.
    for (const row of rows) assert.match(row.range_start, /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/);
    const expected = incidentsIn(Date.parse(isoNoMs(start)), Date.parse(isoNoMs(end)), platform).filter((i) => i.urgency === 'high').length;
    assert.equal(rows.reduce((n: number, r: any) => n + r.total_incident_count, 0), expected);
  });

  it('rejects a reversed range, a naive time and an unknown time zone before calling PagerDuty', async () => {
    const before = s.sim.requests.length;
    assert.match(
      await s.fails('get_incident_metrics_all', { created_at_start: '2030-02-01T00:00:00Z', created_at_end: '2030-01-01T00:00:00Z' }),
      /created_at_start must be before created_at_end/,
    );
    assert.match(await s.fails('get_incident_metrics_all', { created_at_start: '2030-02-01T00:00:00' }), /argument "created_at_start": expected an ISO 8601 date-time with an offset/);
    assert.match(await s.fails('get_incident_metrics_all', { time_zone: 'Mars/Olympus' }), /argument "time_zone": expected an IANA time zone/);
    assert.match(await s.fails('get_incident_metrics_all', { aggregate_unit: 'year' }), /argument "aggregate_unit"/);
    assert.equal(s.sim.requests.length, before);
  });
});

describe('get_incident_metrics_by_service', () => {
  it('returns one row per service, sorted by the chosen metric', async () => {
    const result = await s.ok('get_incident_metrics_by_service', { order_by: 'total_incident_count' });
    const rows = result.structured.metrics;
    assert.ok(rows.length > 1);
    const counts = rows.map((r: any) => r.total_incident_count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'descending by default when order_by is given');
    const top = rows[0];
    const service = s.sim.state.services.get(top.service_id)!;
    assert.equal(top.service_name, service.name);
    const { start, end } = result.structured;
    const expected = incidentsIn(Date.parse(start), Date.parse(end)).filter((i) => i.serviceId === service.id).length;
    assert.equal(top.total_incident_count, expected);
    assert.ok(result.text.split(FENCE_OPEN)[1].includes(service.name), 'service names are fenced');
    assert.equal(lastBody('/analytics/metrics/incidents/services').order, 'desc');
  });

  it('rejects an unknown order_by metric', async () => {
    assert.match(await s.fails('get_incident_metrics_by_service', { order_by: 'drop table' }), /argument "order_by"/);
  });
});

describe('get_incident_metrics_by_team', () => {
  it('returns one row per team for the given teams', async () => {
    const ids = [teamNamed(s.sim, 'Platform').id, teamNamed(s.sim, 'Payments').id];
    const result = await s.ok('get_incident_metrics_by_team', { team_ids: ids, order_by: 'mean_seconds_to_resolve', order: 'asc' });
    for (const row of result.structured.metrics) assert.ok(ids.includes(row.team_id), `unexpected team ${row.team_name}`);
    assert.doesNotMatch(result.text, /Scoped to your teams/);
  });

  it('with an account key (no user to take teams from) asks PagerDuty unscoped, which account keys may', async () => {
    const account = await startMcp({ token: 'accountKey', sim: s.sim });
    try {
      const result = await account.ok('get_incident_metrics_by_team', {});
      assert.equal(lastBody('/analytics/metrics/incidents/teams').filters.team_ids, undefined, 'account keys are sent unscoped');
      assert.ok(result.structured.metrics.length > 1);
    } finally {
      await account.close();
    }
  });

  it('rejects a placeholder team id', async () => {
    assert.match(await s.fails('get_incident_metrics_by_team', { team_ids: ['<team_id>'] }), /argument "team_ids\[0\]": a real team id is required/);
  });
});

describe('get_responder_metrics', () => {
  it('returns per-responder rows per team with interruption splits that add up', async () => {
    const platform = teamNamed(s.sim, 'Platform').id;
    const result = await s.ok('get_responder_metrics', { team_ids: [platform], order_by: 'total_interruptions' });
    const rows = result.structured.metrics;
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.equal(row.team_id, platform);
      assert.equal(typeof row.responder_id, 'string');
      assert.equal(row.total_business_hour_interruptions + row.total_off_hour_interruptions + row.total_sleep_hour_interruptions, row.total_interruptions);
    }
    assert.ok(rows.some((r: any) => r.responder_id === s.sim.me.id), 'I am on Platform and have incidents');
    assert.ok(result.text.split(FENCE_OPEN)[1].includes(s.sim.me.name));
  });

  it('forwards responder_ids and rejects a bad one', async () => {
    await s.ok('get_responder_metrics', { responder_ids: [s.sim.me.id] });
    assert.deepEqual(lastBody('/analytics/metrics/responders/teams').filters.responder_ids, [s.sim.me.id]);
    assert.match(await s.fails('get_responder_metrics', { responder_ids: ['not an id!'] }), /argument "responder_ids\[0\]"/);
  });
});

describe('get_responder_load_metrics', () => {
  it('returns one aggregate row across responders', async () => {
    const result = await s.ok('get_responder_load_metrics', { urgency: 'high' });
    assert.equal(result.structured.metrics.length, 1);
    const row = result.structured.metrics[0];
    assert.equal(row.responder_id, undefined);
    assert.ok(row.total_incident_count > 0);
    assert.match(result.text, /sleep-hours \d+/);
    assert.equal(lastBody('/analytics/metrics/responders/all').filters.urgency, 'high');
  });

  it('has no responder_ids argument and rejects a reversed range', async () => {
    assert.match(await s.fails('get_responder_load_metrics', { responder_ids: [s.sim.me.id] }), /unknown argument "responder_ids"/);
    assert.match(
      await s.fails('get_responder_load_metrics', { date_range_start: '2030-01-02T00:00:00Z', date_range_end: '2030-01-01T00:00:00Z' }),
      /date_range_start must be before date_range_end/,
    );
  });
});
