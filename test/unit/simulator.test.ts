/**
 * The PagerDuty simulator: seed, filters, state changes, auth rules, faults and OpenAPI validation.
 * Every test ends by asserting the simulator saw no request or response that breaks the spec.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { assertNoViolations } from '../simulator/assert';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index';
import { validateRequest, validateResponse, matchOperation } from '../simulator/openapi/validator';

const totals = { requests: 0, responses: 0, violations: 0 };
const NOW = new Date('2026-03-10T12:00:00Z');

function report(): void {
  console.log(`OpenAPI validation: ${totals.requests} requests, ${totals.responses} responses validated, ${totals.violations} violations`);
}

/** Starts a simulator on a fixed clock, runs the test, then requires zero violations. */
async function withSim(fn: (sim: Simulator, api: Api) => Promise<void>, opts: SimulatorOptions = {}): Promise<void> {
  const sim = await startSimulator({ now: () => NOW, ...opts });
  try {
    await fn(sim, new Api(sim));
    assertNoViolations(sim);
  } finally {
    totals.requests += sim.validation.requests;
    totals.responses += sim.validation.responses;
    totals.violations += sim.validation.violations.length;
    await sim.close();
  }
}

type Body = Record<string, any>;

class Api {
  constructor(private readonly sim: Simulator) {}

  async call(method: string, path: string, opts: { token?: string | null; body?: unknown; from?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { Accept: 'application/vnd.pagerduty+json;version=2', ...opts.headers };
    const token = opts.token === undefined ? this.sim.tokens.user : opts.token;
    if (token !== null) headers.Authorization = `Token token=${token}`;
    if (opts.from) headers.From = opts.from;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.sim.url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  }

  async get(path: string, token?: string): Promise<Body> {
    const res = await this.call('GET', path, { token });
    assert.equal(res.status, 200, `GET ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

describe('PagerDuty simulator', () => {
  after(report);

  describe('simulator seed', () => {
    it('seeds the documented account shape, with me assigned and on call', async () => {
      await withSim(async (sim, api) => {
        const s = sim.state;
        assert.equal(s.users.size, 25);
        assert.equal(s.teams.size, 6);
        assert.equal(s.services.size, 12);
        assert.equal(s.escalationPolicies.size, 6);
        assert.equal(s.schedules.size, 5);
        assert.deepEqual([...s.priorities.values()].map((p) => p.name), ['P1', 'P2', 'P3', 'P4', 'P5']);
        assert.equal(s.incidents.size, 60);
        const incidents = [...s.incidents.values()];
        for (const status of ['triggered', 'acknowledged', 'resolved']) assert.ok(incidents.some((i) => i.status === status), status);
        for (const urgency of ['high', 'low']) assert.ok(incidents.some((i) => i.urgency === urgency), urgency);
        const mine = incidents.filter((i) => i.assignments.some((a) => a.userId === sim.me.id));
        assert.ok(mine.some((i) => i.status === 'triggered') && mine.some((i) => i.status === 'acknowledged'));
        assert.ok(incidents.every((i) => (s.alerts.get(i.id)?.length ?? 0) >= 1 && (s.logEntriesByIncident.get(i.id)?.length ?? 0) >= 2));
        for (const u of s.users.values()) assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: u.time_zone }), u.time_zone);

        const me = await api.get('/users/me');
        assert.equal(me.user.email, sim.me.email);
        assert.equal(me.user.role, 'user');
        const oncalls = await api.get(`/oncalls?user_ids[]=${sim.me.id}`);
        assert.ok(oncalls.oncalls.some((o: Body) => o.schedule !== null && o.start <= NOW.toISOString() && o.end > NOW.toISOString()));

        const hostile = incidents.find((i) => s.alerts.get(i.id)!.some((a) => JSON.stringify(a.details).includes('IGNORE ALL PREVIOUS')));
        assert.ok(hostile, 'one incident carries a prompt-injection alert');
        const alerts = await api.get(`/incidents/${hostile.id}/alerts`);
        const text = JSON.stringify(alerts.alerts[0].body.details) + hostile.title;
        assert.ok(text.includes('\u202E') && text.includes('\u200B'));
      });
    });

    it('is deterministic for the same clock, and seeds 10 000 incidents quickly', async () => {
      const a = await startSimulator({ now: () => NOW, validate: false });
      const b = await startSimulator({ now: () => NOW, validate: false });
      try {
        const summary = (sim: Simulator) => [...sim.state.incidents.values()].map((i) => `${i.id}|${i.number}|${i.title}|${i.status}|${i.created_at}`);
        assert.deepEqual(summary(a), summary(b));
        assert.deepEqual([...a.state.users.keys()], [...b.state.users.keys()]);
        assert.equal(a.me.id, b.me.id);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const started = performance.now();
      const big = await startSimulator({ now: () => NOW, incidents: 10_000, validate: false });
      const ms = performance.now() - started;
      console.log(`seeded 10000 incidents in ${ms.toFixed(0)} ms`);
      try {
        assert.equal(big.state.incidents.size, 10_000);
        assert.equal(new Set([...big.state.logEntries.keys()]).size, big.state.logEntries.size);
      } finally {
        await big.close();
      }
    });
  });

  describe('GET /incidents', () => {
    it('filters by status, urgency, user, service and priority', async () => {
      await withSim(async (sim, api) => {
        const open = await api.get('/incidents?statuses[]=triggered&statuses[]=acknowledged&limit=100');
        assert.ok(open.incidents.length > 0 && open.incidents.every((i: Body) => i.status !== 'resolved'));
        const mine = await api.get(`/incidents?user_ids[]=${sim.me.id}&statuses[]=triggered&statuses[]=acknowledged`);
        assert.ok(mine.incidents.length >= 2);
        assert.ok(mine.incidents.every((i: Body) => i.assignments.some((a: Body) => a.assignee.id === sim.me.id)));
        const low = await api.get('/incidents?urgencies[]=low&limit=100');
        assert.ok(low.incidents.every((i: Body) => i.urgency === 'low'));
        const service = [...sim.state.services.values()][0];
        const byService = await api.get(`/incidents?service_ids[]=${service.id}&date_range=all&limit=100`);
        assert.ok(byService.incidents.every((i: Body) => i.service.id === service.id));
        const p1 = [...sim.state.priorities.values()][0];
        const byPriority = await api.get(`/incidents?priority_ids[]=${p1.id}&date_range=all&limit=100`);
        assert.ok(byPriority.incidents.length > 0 && byPriority.incidents.every((i: Body) => i.priority.id === p1.id));
        const team = [...sim.state.teams.values()][0];
        const byTeam = await api.get(`/incidents?team_ids[]=${team.id}&date_range=all&limit=100`);
        assert.ok(byTeam.incidents.every((i: Body) => i.teams.some((t: Body) => t.id === team.id)));
      });
    });

    it('paginates with offset/limit/more/total, caps limit at 100, and sorts', async () => {
      await withSim(async (sim, api) => {
        const page1 = await api.get('/incidents?date_range=all&limit=25&offset=0&total=true');
        assert.equal(page1.incidents.length, 25);
        assert.equal(page1.total, 60);
        assert.equal(page1.more, true);
        const page3 = await api.get('/incidents?date_range=all&limit=25&offset=50');
        assert.equal(page3.incidents.length, 10);
        assert.equal(page3.more, false);
        assert.equal(page3.total, null, 'total is only counted when asked for');
        const capped = await api.get('/incidents?date_range=all&limit=500');
        assert.equal(capped.limit, 100);
        const desc = await api.get('/incidents?date_range=all&sort_by=incident_number:desc&limit=5');
        const numbers = desc.incidents.map((i: Body) => i.incident_number);
        assert.deepEqual(numbers, [...numbers].sort((a: number, b: number) => b - a));
        const bad = await api.call('GET', '/incidents?sort_by=title:asc');
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.errors[0], /sort_by/);
      });
    });

    it('defaults to the last 30 days; date_range=all and since/until widen or narrow it', async () => {
      await withSim(async (sim, api) => {
        const cutoff = NOW.getTime() - 30 * 24 * 3600 * 1000;
        const all = [...sim.state.incidents.values()];
        const recent = all.filter((i) => Date.parse(i.created_at) >= cutoff);
        assert.ok(recent.length < all.length, 'seed has incidents older than 30 days');
        assert.equal((await api.get('/incidents?total=true&limit=1')).total, recent.length);
        assert.equal((await api.get('/incidents?date_range=all&total=true&limit=1')).total, all.length);
        const since = new Date(NOW.getTime() - 24 * 3600 * 1000).toISOString();
        const day = await api.get(`/incidents?since=${since}&until=${NOW.toISOString()}&limit=100`);
        assert.ok(day.incidents.every((i: Body) => i.created_at >= since.replace('.000Z', 'Z')));
      });
    });

    it('gets one incident by id or number, expands include[] and 404s on unknown ids', async () => {
      await withSim(async (sim, api) => {
        const incident = [...sim.state.incidents.values()].find((i) => i.status === 'acknowledged')!;
        const byId = await api.get(`/incidents/${incident.id}?include[]=assignees&include[]=acknowledgers`);
        const byNumber = await api.get(`/incidents/${incident.number}`);
        assert.equal(byNumber.incident.id, incident.id);
        assert.equal(byId.incident.assignments[0].assignee.type, 'user');
        assert.equal(byNumber.incident.assignments[0].assignee.type, 'user_reference');
        assert.match(byId.incident.html_url, /^https:\/\/acme-sim\.pagerduty\.com\/incidents\/Q/);
        assert.match(byId.incident.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const missing = await api.call('GET', '/incidents/PNOPE00');
        assert.equal(missing.status, 404);
        assert.deepEqual(missing.body, { error: { message: 'Not Found', code: 2100 } });
      });
    });
  });

  describe('incident updates', () => {
    it('acknowledges and resolves, writing log entries, and refuses to resolve twice', async () => {
      await withSim(async (sim, api) => {
        const target = [...sim.state.incidents.values()].find((i) => i.status === 'triggered')!;
        const ack = await api.call('PUT', `/incidents/${target.id}`, { body: { incident: { type: 'incident_reference', status: 'acknowledged' } } });
        assert.equal(ack.status, 200);
        assert.equal(ack.body.incident.status, 'acknowledged');
        assert.equal(ack.body.incident.acknowledgements[0].acknowledger.id, sim.me.id);
        assert.equal(sim.state.incidents.get(target.id)!.status, 'acknowledged');

        const res = await api.call('PUT', '/incidents', {
          body: { incidents: [{ id: target.id, type: 'incident_reference', status: 'resolved' }] },
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.incidents[0].status, 'resolved');
        assert.equal(res.body.incidents[0].resolved_at, NOW.toISOString().replace('.000Z', 'Z'));

        const log = await api.get(`/incidents/${target.id}/log_entries`);
        const types = log.log_entries.map((e: Body) => e.type);
        assert.equal(types[0], 'resolve_log_entry', 'newest first');
        assert.ok(types.includes('acknowledge_log_entry'));
        assert.equal(log.log_entries[0].agent.id, sim.me.id);

        const again = await api.call('PUT', `/incidents/${target.id}`, { body: { incident: { type: 'incident_reference', status: 'resolved' } } });
        assert.equal(again.status, 400);
        assert.deepEqual(again.body.error.errors, ['Incident Already Resolved']);
        const unknown = await api.call('PUT', '/incidents/QUNKNOWN000000', { body: { incident: { type: 'incident_reference', status: 'resolved' } } });
        assert.equal(unknown.status, 404);
      });
    });

    it('reassigns, escalates and changes urgency', async () => {
      await withSim(async (sim, api) => {
        const target = [...sim.state.incidents.values()].find((i) => i.status === 'acknowledged')!;
        const other = [...sim.state.users.values()].find((u) => u.id !== sim.me.id && u.role === 'user')!;
        const reassigned = await api.call('PUT', `/incidents/${target.id}`, {
          body: { incident: { type: 'incident_reference', assignments: [{ assignee: { id: other.id, type: 'user_reference' } }] } },
        });
        assert.equal(reassigned.body.incident.status, 'triggered');
        assert.deepEqual(reassigned.body.incident.assignments.map((a: Body) => a.assignee.id), [other.id]);

        const escalated = await api.call('PUT', `/incidents/${target.id}`, { body: { incident: { type: 'incident_reference', escalation_level: 2 } } });
        assert.equal(escalated.status, 200);
        assert.equal(sim.state.incidents.get(target.id)!.escalationLevel, 2);
        const urgency = target.urgency === 'high' ? 'low' : 'high';
        const changed = await api.call('PUT', `/incidents/${target.id}`, { body: { incident: { type: 'incident_reference', urgency } } });
        assert.equal(changed.body.incident.urgency, urgency);
        const types = sim.state.logEntriesByIncident.get(target.id)!.map((e) => e.type);
        for (const t of ['assign_log_entry', 'escalate_log_entry', 'urgency_change_log_entry']) assert.ok(types.includes(t as never), t);
      });
    });

    it('appends notes and lists them oldest first', async () => {
      await withSim(async (sim, api) => {
        const target = [...sim.state.incidents.values()][0];
        const before = (await api.get(`/incidents/${target.id}/notes`)).notes.length;
        const posted = await api.call('POST', `/incidents/${target.id}/notes`, { body: { note: { content: 'Rolled back deploy 4411' } } });
        assert.equal(posted.status, 200);
        assert.equal(posted.body.note.user.id, sim.me.id);
        const notes = (await api.get(`/incidents/${target.id}/notes`)).notes;
        assert.equal(notes.length, before + 1);
        assert.equal(notes.at(-1).content, 'Rolled back deploy 4411');
        const empty = await api.call('POST', `/incidents/${target.id}/notes`, { body: { note: { content: '' } } });
        assert.equal(empty.status, 400);
      });
    });

    it('creates incidents (account key with From) and requests responders', async () => {
      await withSim(async (sim, api) => {
        const service = [...sim.state.services.values()][0];
        const created = await api.call('POST', '/incidents', {
          token: sim.tokens.accountKey,
          from: sim.me.email,
          body: { incident: { type: 'incident', title: 'Manual page', service: { id: service.id, type: 'service_reference' }, urgency: 'low' } },
        });
        assert.equal(created.status, 201);
        assert.equal(created.body.incident.incident_number, 1060);
        assert.equal(created.body.incident.status, 'triggered');
        assert.ok(created.body.incident.assignments.length > 0, 'assigned to the on-call of level 1');
        const requested = await api.call('POST', `/incidents/${created.body.incident.id}/responder_requests`, {
          body: {
            requester_id: sim.me.id,
            message: 'Need DB help',
            responder_request_targets: [{ responder_request_target: { id: [...sim.state.users.keys()][8], type: 'user_reference' } }],
          },
        });
        assert.equal(requested.status, 200);
        assert.equal(requested.body.responder_request.message, 'Need DB help');
        for (const extra of ['outlier_incident', 'past_incidents', 'related_incidents']) await api.get(`/incidents/${created.body.incident.id}/${extra}`);
      });
    });
  });

  describe('auth', () => {
    it('401s without or with a wrong token, in PagerDuty\'s error shape', async () => {
      await withSim(async (sim, api) => {
        for (const token of [null, 'not-a-token']) {
          const res = await api.call('GET', '/incidents', { token });
          assert.equal(res.status, 401);
          assert.deepEqual(res.body, { error: { message: 'Authentication failed', code: 2006 } });
        }
        const recorded = JSON.stringify(sim.requests);
        for (const token of Object.values(sim.tokens)) assert.ok(!recorded.includes(token), 'tokens are redacted in recorded requests');
      });
    });

    it('lets observers read but not write (403)', async () => {
      await withSim(async (sim, api) => {
        await api.get('/incidents', sim.tokens.observer);
        const target = [...sim.state.incidents.values()].find((i) => i.status === 'triggered')!;
        const res = await api.call('PUT', `/incidents/${target.id}`, { token: sim.tokens.observer, body: { incident: { type: 'incident_reference', status: 'acknowledged' } } });
        assert.equal(res.status, 403);
        assert.equal(sim.state.incidents.get(target.id)!.status, 'triggered');
      });
    });

    it('treats the account key as PagerDuty does: no /users/me, From required on marked writes', async () => {
      await withSim(async (sim, api) => {
        const me = await api.call('GET', '/users/me', { token: sim.tokens.accountKey });
        assert.equal(me.status, 400);
        assert.match(me.body.error.errors[0], /user-level token/);
        const target = [...sim.state.incidents.values()].find((i) => i.status === 'triggered')!;
        const body = { incident: { type: 'incident_reference', status: 'acknowledged' } };
        const noFrom = await api.call('PUT', `/incidents/${target.id}`, { token: sim.tokens.accountKey, body });
        assert.equal(noFrom.status, 400);
        assert.match(noFrom.body.error.message, /"From" header/);
        const other = [...sim.state.users.values()][3];
        const ok = await api.call('PUT', `/incidents/${target.id}`, { token: sim.tokens.accountKey, from: other.email, body });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.incident.acknowledgements[0].acknowledger.id, other.id, 'acts as the From user');
        const stranger = await api.call('PUT', `/incidents/${target.id}`, { token: sim.tokens.accountKey, from: 'nobody@example.com', body });
        assert.equal(stranger.status, 400);
        const accept = await api.call('GET', '/incidents', { headers: { Accept: 'application/vnd.pagerduty+json;version=1' } });
        assert.equal(accept.status, 400);
      });
    });
  });

  describe('on-call, schedules, teams', () => {
    it('renders final schedules, takes overrides, and reports on-calls for a window', async () => {
      await withSim(async (sim, api) => {
        const schedule = [...sim.state.schedules.values()][0];
        const since = NOW.toISOString();
        const until = new Date(NOW.getTime() + 14 * 24 * 3600 * 1000).toISOString();
        const full = await api.get(`/schedules/${schedule.id}?since=${since}&until=${until}`);
        const entries = full.schedule.final_schedule.rendered_schedule_entries;
        assert.ok(entries.length >= 3, 'rotation plus the seeded override');
        assert.equal(entries[0].user.id, sim.me.id);
        const users = await api.get(`/schedules/${schedule.id}/users`);
        assert.ok(users.users.some((u: Body) => u.id === sim.me.id));
        const kenji = [...sim.state.users.values()].find((u) => u.name.startsWith('Kenji'))!;
        const start = new Date(NOW.getTime() + 3600_000).toISOString();
        const end = new Date(NOW.getTime() + 2 * 3600_000).toISOString();
        const created = await api.call('POST', `/schedules/${schedule.id}/overrides`, { body: { overrides: [{ start, end, user: { id: kenji.id, type: 'user_reference' } }] } });
        assert.equal(created.status, 201);
        assert.equal(created.body[0].status, 201);
        const later = await api.get(`/oncalls?schedule_ids[]=${schedule.id}&since=${start}&until=${end}`);
        assert.ok(later.oncalls.some((o: Body) => o.user.id === kenji.id));
        const policies = await api.get('/escalation_policies');
        assert.equal(policies.escalation_policies.length, 6);
      });
    });

    it('creates and updates schedules, escalation policies, services and teams', async () => {
      await withSim(async (sim, api) => {
        const [, , owner, admin] = [...sim.state.users.keys()];
        const layer = (userId: string) => ({
          start: '2026-01-01T00:00:00Z',
          rotation_virtual_start: '2026-01-01T00:00:00Z',
          rotation_turn_length_seconds: 86400,
          users: [{ user: { id: userId, type: 'user_reference' } }],
        });
        const schedule = await api.call('POST', '/schedules', { body: { schedule: { type: 'schedule', name: 'Night', time_zone: 'Europe/Berlin', schedule_layers: [layer(owner)] } } });
        assert.equal(schedule.status, 201);
        const scheduleId = schedule.body.schedule.id;
        const renamed = await api.call('PUT', `/schedules/${scheduleId}`, { body: { schedule: { type: 'schedule', name: 'Night 2', time_zone: 'UTC', schedule_layers: [layer(admin)] } } });
        assert.equal(renamed.body.schedule.final_schedule.rendered_schedule_entries[0].user.id, admin);
        const target = { id: scheduleId, type: 'schedule_reference' };
        const policy = await api.call('POST', '/escalation_policies', { body: { escalation_policy: { type: 'escalation_policy', name: 'Night EP', escalation_rules: [{ escalation_delay_in_minutes: 10, targets: [target] }] } } });
        assert.equal(policy.status, 201);
        const policyRef = { id: policy.body.escalation_policy.id, type: 'escalation_policy_reference' };
        const service = await api.call('POST', '/services', { body: { service: { type: 'service', name: 'Night svc', escalation_policy: policyRef } } });
        assert.equal(service.status, 201);
        const updated = await api.call('PUT', `/services/${service.body.service.id}`, { body: { service: { type: 'service', name: 'Night svc 2', escalation_policy: policyRef } } });
        assert.equal(updated.body.service.name, 'Night svc 2');
        const oncalls = await api.get(`/oncalls?escalation_policy_ids[]=${policyRef.id}&include[]=users`);
        assert.equal(oncalls.oncalls[0].user.id, admin);
        assert.equal(oncalls.oncalls[0].user.type, 'user', 'include[]=users expands');
        const team = await api.call('POST', '/teams', { body: { team: { type: 'team', name: 'Night team' } } });
        assert.equal(team.status, 201);
        assert.equal((await api.call('PUT', `/teams/${team.body.team.id}`, { body: { team: { type: 'team', name: 'Night team 2' } } })).body.team.name, 'Night team 2');
        assert.equal((await api.call('DELETE', `/teams/${team.body.team.id}`)).status, 204);
        assert.equal((await api.call('GET', `/teams/${team.body.team.id}`)).status, 404);
      });
    });

    it('manages team membership', async () => {
      await withSim(async (sim, api) => {
        const team = [...sim.state.teams.values()][2];
        const before = (await api.get(`/teams/${team.id}/members`)).members.length;
        const put = await api.call('PUT', `/teams/${team.id}/users/${sim.me.id}`, { body: { role: 'observer' } });
        assert.equal(put.status, 204);
        assert.equal((await api.get(`/teams/${team.id}/members`)).members.length, before + 1);
        assert.equal((await api.call('DELETE', `/teams/${team.id}/users/${sim.me.id}`)).status, 204);
        const services = await api.get(`/services?team_ids[]=${[...sim.state.teams.values()][0].id}&query=api`);
        assert.deepEqual(services.services.map((s: Body) => s.name), ['API Gateway']);
        assert.equal((await api.get('/priorities')).priorities.length, 5);
      });
    });
  });

  describe('faults', () => {
    it('injects 429 with rate-limit headers for the given number of matching requests', async () => {
      await withSim(async (sim, api) => {
        sim.faults.add({ match: { method: 'GET', path: /^\/incidents$/ }, times: 2, kind: 'status', status: 429 });
        await api.get('/services');
        for (let i = 0; i < 2; i++) {
          const res = await api.call('GET', '/incidents');
          assert.equal(res.status, 429);
          assert.equal(res.headers.get('ratelimit-reset'), '1');
          assert.equal(res.headers.get('retry-after'), '1');
          assert.equal(res.body.error.code, 2020);
        }
        assert.equal((await api.call('GET', '/incidents')).status, 200);
        sim.faults.add({ kind: 'status', status: 503, headers: { 'x-fault': 'yes' } });
        const unavailable = await api.call('GET', '/priorities');
        assert.equal(unavailable.status, 503);
        assert.equal(unavailable.headers.get('x-fault'), 'yes');
      });
    });

    it('delays, resets connections and sends malformed JSON; clear() removes pending faults', async () => {
      await withSim(async (sim, api) => {
        sim.faults.add({ kind: 'delay', ms: 150 });
        const started = Date.now();
        await api.get('/priorities');
        assert.ok(Date.now() - started >= 140);
        sim.faults.add({ kind: 'reset' });
        await assert.rejects(fetch(`${sim.url}/priorities`, { headers: { Authorization: `Token token=${sim.tokens.user}` } }));
        sim.faults.add({ kind: 'malformed' });
        const res = await fetch(`${sim.url}/incidents`, { headers: { Authorization: `Token token=${sim.tokens.user}` } });
        assert.equal(res.status, 200);
        await assert.rejects(res.json(), SyntaxError);
        sim.faults.add({ kind: 'status', status: 500, times: 5 });
        sim.faults.clear();
        assert.equal(sim.faults.pending, 0);
        await api.get('/priorities');
      });
    });
  });

  describe('OpenAPI validation', () => {
    it('catches a wrong response body and bad requests when called directly', () => {
      const op = matchOperation('GET', '/incidents')!.operation;
      assert.equal(op.operationId, 'listIncidents');
      const wrong = validateResponse(op, 200, { incidents: [{ id: 'Q1', type: 'incident', status: 'on fire', urgency: 'medium' }] });
      assert.equal(wrong.length, 1);
      assert.ok(wrong[0].details.some((d) => d.includes('/incidents/0/status')));
      assert.equal(validateResponse(op, 418, {}).length, 1, 'undocumented status');
      assert.equal(validateRequest({ method: 'GET', pathname: '/nope', query: new URLSearchParams(), headers: {}, body: undefined }).violations.length, 1);
      const badQuery = validateRequest({ method: 'GET', pathname: '/incidents', query: new URLSearchParams('statuses[]=open&limit=ten&colour=red'), headers: {}, body: undefined });
      assert.equal(badQuery.violations[0].details.length, 3);
      const badBody = validateRequest({ method: 'POST', pathname: '/incidents/Q1/notes', query: new URLSearchParams(), headers: {}, body: { note: {} } });
      assert.match(badBody.violations[0].details[0], /content/);
      assert.equal(matchOperation('GET', '/incidents/types')!.operation.operationId, 'listIncidentTypes', 'literal segments beat {id}');
    });

    it('records violations for bad traffic and assertNoViolations lists them', async () => {
      const sim = await startSimulator({ now: () => NOW });
      try {
        const api = new Api(sim);
        await api.call('GET', '/incidents?statuses[]=bogus');
        await api.call('GET', '/no/such/endpoint');
        assert.equal(sim.validation.violations.length, 2);
        assert.throws(() => assertNoViolations(sim), /2 OpenAPI violation\(s\):[\s\S]*statuses\[\][\s\S]*no operation GET \/no\/such\/endpoint/);
      } finally {
        totals.requests += sim.validation.requests;
        totals.responses += sim.validation.responses;
        // The two violations were provoked on purpose: keep them out of the run's totals.
        sim.validation.violations.length = 0;
        await sim.close();
      }
    });
  });
});
