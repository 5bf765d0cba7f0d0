/**
 * Deterministic account seed. Everything is drawn from one seeded PRNG and placed relative to `now`,
 * so the same `now` gives the same account, and incidents are always recent.
 */
import { DAY, HOUR, MINUTE, iso } from '../time';
import type { EscalationPolicyRec, IncidentRec, IncidentStatus, LogEntryRec, ServiceRec, SimState, UserRec } from '../state';
import { COLORS, EMAIL_DOMAIN, HOSTILE_DETAILS, HOSTILE_TITLE, HOSTS, PRIORITIES, PROBLEMS, SCHEDULES, SERVICES, TEAMS, USERS, seededIntegrationKey } from './data';
import type { Prng } from './prng';

export interface SeedResult {
  me: UserRec;
  observer: UserRec;
  /** Id of the incident whose alert carries prompt-injection text and bidi/zero-width characters. */
  hostileIncidentId?: string;
}

export function seedState(state: SimState, prng: Prng, incidentCount: number, now: number): SeedResult {
  const users = USERS.map((u, i): UserRec => {
    const local = u.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase().replace(/\s+/g, '.');
    return {
      id: state.newId(),
      name: u.name,
      email: `${local}@${EMAIL_DOMAIN}`,
      time_zone: u.time_zone,
      role: u.role,
      color: COLORS[i % COLORS.length],
      job_title: u.job_title,
      description: '',
    };
  });
  for (const u of users) state.users.set(u.id, u);
  const [me, observer] = users;
  const byName = (name: string) => users.find((u) => u.name.startsWith(name))!;

  const teams = TEAMS.map((name) => ({ id: state.newId(), name, description: `${name} team`, members: new Map() }));
  for (const t of teams) state.teams.set(t.id, t);
  users.forEach((u, i) => {
    teams[i % teams.length].members.set(u.id, i < teams.length ? 'manager' : 'responder');
    if (i % 4 === 0) teams[(i + 1) % teams.length].members.set(u.id, 'responder');
  });
  teams[0].members.set(me.id, 'responder');
  teams[0].members.set(observer.id, 'observer');

  for (const [name, description] of PRIORITIES) {
    const id = state.newId();
    state.priorities.set(id, { id, name, description });
  }
  const priorityIds = [...state.priorities.keys()];

  // Schedules: me is on Platform Primary's current turn (a week-long turn that began two days ago).
  const dayStart = Math.floor(now / DAY) * DAY;
  const scheduleSpecs: { members: string[]; turn: number; offset: number }[] = [
    { members: ['Dana', 'Kenji', 'Tom', 'Elias'], turn: 7 * DAY, offset: -2 * DAY },
    { members: ['Hannah', 'Omar', 'Freya'], turn: DAY, offset: 0 },
    { members: ['Aisha', 'Sofia', 'Samuel', 'Diego'], turn: 7 * DAY, offset: -3 * DAY },
    { members: ['Amara', 'Grace', 'Mei'], turn: 8 * HOUR, offset: 0 },
    { members: ['Noah', 'Marcus'], turn: 7 * DAY, offset: -5 * DAY },
  ];
  const schedules = SCHEDULES.map((name, i) => {
    const spec = scheduleSpecs[i];
    const tz = byName(spec.members[0]).time_zone;
    return {
      id: state.newId(),
      name,
      description: `${name} rotation`,
      time_zone: tz,
      layers: [
        {
          id: state.newId(),
          name: 'Layer 1',
          start: iso(dayStart - 90 * DAY),
          end: null,
          rotation_virtual_start: iso(dayStart + spec.offset),
          rotation_turn_length_seconds: spec.turn / 1000,
          userIds: spec.members.map((m) => byName(m).id),
        },
      ],
      overrides: [] as { id: string; start: string; end: string; userId: string }[],
      teamIds: [teams[[0, 0, 1, 2, 4][i]].id],
    };
  });
  // A future override on my schedule (tomorrow, 4 h), so overrides render without changing who is on call now.
  schedules[0].overrides.push({ id: state.newId(), start: iso(dayStart + DAY + 10 * HOUR), end: iso(dayStart + DAY + 14 * HOUR), userId: byName('Kenji').id });
  for (const s of schedules) state.schedules.set(s.id, s);

  const sched = (i: number) => ({ type: 'schedule_reference' as const, id: schedules[i].id });
  const user = (name: string) => ({ type: 'user_reference' as const, id: byName(name).id });
  const policyTargets = [
    [[sched(0)], [sched(1)], [user('Marcus')]],
    [[sched(2)], [user('Aisha')]],
    [[sched(3)], [user('Grace')]],
    [[user('Jack'), user('Isabela')]],
    [[sched(4)], [user('Noah')]],
    [[user('Priya'), user('Dana')]],
  ];
  const policies: EscalationPolicyRec[] = policyTargets.map((levels, i) => ({
    id: state.newId(),
    name: `${TEAMS[i]} Escalation`,
    description: `Escalation for ${TEAMS[i]}`,
    num_loops: i % 2,
    on_call_handoff_notifications: 'if_has_services',
    rules: levels.map((targets, level) => ({ id: state.newId(), escalation_delay_in_minutes: 15 + level * 15, targets })),
    teamIds: [teams[i].id],
  }));
  for (const p of policies) state.escalationPolicies.set(p.id, p);

  const services: ServiceRec[] = SERVICES.map(([name, team], i) => ({
    id: state.newId(),
    name,
    description: `${name} (production)`,
    status: 'active' as const,
    escalationPolicyId: policies[team].id,
    teamIds: [teams[team].id],
    created_at: iso(now - 400 * DAY),
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 1800,
    alert_creation: 'create_alerts_and_incidents' as const,
    // Every other service's integration has a key, derived from its name (no PRNG draw: the seeded ids do not move).
    ...(i % 2 === 0 ? { integrationKey: seededIntegrationKey(`${i}:${name}`) } : {}),
  }));
  for (const s of services) state.services.set(s.id, s);
  const platformServices = services.filter((s) => s.escalationPolicyId === policies[0].id);

  // Who an incident of each policy is assigned to when it is not mine: members of level 1's schedule or users.
  const levelOneUsers = policies.map((p) =>
    p.rules[0].targets.flatMap((t) => (t.type === 'user_reference' ? [t.id] : state.schedules.get(t.id)!.layers[0].userIds)),
  );

  /** The first user on a later level of the policy (directly or through its schedule) who is not `busy`. */
  const helperOf = (policy: EscalationPolicyRec, busy: string) =>
    policy.rules
      .slice(1)
      .flatMap((r) => r.targets.flatMap((t) => (t.type === 'user_reference' ? [t.id] : state.schedules.get(t.id)!.layers[0].userIds)))
      .find((id) => id !== busy) ?? byName('Marcus').id;

  // k counts back from the newest incident: every 5th is triggered, the one after acknowledged, the rest resolved.
  const statusOf = (k: number): IncidentStatus => (k % 5 === 0 || k === 2 ? 'triggered' : k % 5 === 1 ? 'acknowledged' : 'resolved');
  const created: number[] = [];
  for (let k = 0; k < incidentCount; k++) {
    const open = statusOf(k) !== 'resolved';
    created.push(now - (open ? prng.int(2, 7 * 24 * 60) : prng.int(30, 45 * 24 * 60)) * MINUTE);
  }
  // Numbers follow creation time, oldest first; each k keeps its status.
  // Times are drawn as before (so the seed's ids stay put), then kept in the past: no timeline entry is later than now.
  const past = (at: number) => Math.min(at, now);
  const order = created.map((t, k) => ({ t, k })).sort((a, b) => a.t - b.t || b.k - a.k);
  const firstNumber = 1000;
  let hostileIncidentId: string | undefined;

  order.forEach(({ t, k }, n) => {
    const status = statusOf(k);
    const mine = status !== 'resolved' && Math.floor(k / 5) % 2 === 0;
    const service = mine ? prng.pick(platformServices) : prng.pick(services);
    const policy = state.escalationPolicies.get(service.escalationPolicyId)!;
    const hostile = k === 2;
    const host = prng.pick(HOSTS);
    const title = hostile ? HOSTILE_TITLE : prng.pick(PROBLEMS).replace('{svc}', service.name).replace('{host}', host);
    const policyIndex = policies.indexOf(policy);
    const assignee = mine ? me.id : prng.pick(levelOneUsers[policyIndex]);
    const ackAt = past(t + prng.int(1, 30) * MINUTE);
    const resolvedAt = past(t + prng.int(5, 600) * MINUTE);
    const id = state.newId('Q', 14);
    const resolver = prng.pick(levelOneUsers[policyIndex]);
    const lastChange = status === 'resolved' ? resolvedAt : status === 'acknowledged' ? ackAt : t;
    const incident: IncidentRec = {
      id,
      number: firstNumber + n,
      title,
      details: hostile ? HOSTILE_DETAILS.message : `${title}. Runbook: https://runbooks.${EMAIL_DOMAIN}/${service.name.toLowerCase().replace(/\W+/g, '-')}`,
      status,
      urgency: hostile || prng.chance(0.6) ? 'high' : 'low',
      created_at: iso(t),
      updated_at: iso(lastChange),
      last_status_change_at: iso(lastChange),
      lastStatusChangeBy:
        status === 'resolved' ? { type: 'user_reference', id: resolver } : status === 'acknowledged' ? { type: 'user_reference', id: assignee } : { type: 'service_reference', id: service.id },
      resolved_at: status === 'resolved' ? iso(resolvedAt) : null,
      serviceId: service.id,
      escalationPolicyId: policy.id,
      escalationLevel: 1,
      priorityId: prng.chance(0.7) ? prng.pick(priorityIds) : null,
      incident_key: prng.hexKey(),
      assignments: status === 'resolved' ? [] : [{ userId: assignee, at: iso(t) }],
      acknowledgements: status === 'acknowledged' ? [{ userId: assignee, at: iso(ackAt) }] : [],
      teamIds: service.teamIds,
      firstTriggerLogEntryId: '',
      // Whoever acknowledged asked the policy's next responder to join; no PRNG draw, so the seed's ids stay put.
      responderRequests:
        status === 'acknowledged'
          ? [{ requesterId: assignee, requested_at: iso(past(ackAt + 3 * MINUTE)), message: 'Please join the bridge.', targets: [{ type: 'user_reference', id: helperOf(policy, assignee) }] }]
          : [],
    };
    if (hostile) hostileIncidentId = id;

    const log = (type: LogEntryRec['type'], at: number, agent: LogEntryRec['agent'], channel: string, summary: string, extra: Partial<LogEntryRec> = {}) => {
      const entry: LogEntryRec = { id: state.newId('R', 26), type, created_at: iso(at), incidentId: id, agent, channel, summary, ...extra };
      state.addLogEntry(entry);
      return entry;
    };
    const serviceAgent = { type: 'service_reference' as const, id: service.id };
    incident.firstTriggerLogEntryId = log('trigger_log_entry', t, serviceAgent, 'api', 'Triggered through the API.').id;
    const firstAssignee = status === 'resolved' ? resolver : assignee;
    log('assign_log_entry', t, serviceAgent, 'auto', `Assigned to ${state.users.get(firstAssignee)!.name}.`, { assigneeIds: [firstAssignee] });
    if (status === 'acknowledged') {
      log('acknowledge_log_entry', ackAt, { type: 'user_reference', id: assignee }, 'website', `Acknowledged by ${state.users.get(assignee)!.name}.`);
    }
    if (status === 'resolved') {
      log('resolve_log_entry', resolvedAt, { type: 'user_reference', id: resolver }, 'website', `Resolved by ${state.users.get(resolver)!.name}.`);
    }
    state.addIncident(incident);

    const alertCount = hostile ? 1 : prng.int(1, 3);
    state.alerts.set(
      id,
      Array.from({ length: alertCount }, (_, a) => ({
        id: state.newId('Q', 14),
        incidentId: id,
        status: status === 'resolved' ? ('resolved' as const) : ('triggered' as const),
        created_at: iso(t + a * MINUTE),
        alert_key: prng.hexKey(),
        summary: title,
        severity: prng.pick(['critical', 'error', 'warning', 'info'] as const),
        details: hostile
          ? { ...HOSTILE_DETAILS }
          : { host, metric: 'error_rate', value: prng.int(5, 95), threshold: 5, runbook: incident.details.split('Runbook: ')[1] },
      })),
    );

    if (status === 'acknowledged' || prng.chance(0.2)) {
      const author = status === 'acknowledged' ? assignee : resolver;
      const at = past(status === 'acknowledged' ? ackAt + MINUTE : t + 2 * MINUTE);
      state.notes.set(id, [{ id: state.newId(), incidentId: id, userId: author, content: `Looking into ${host}; first suspect is the last deploy.`, created_at: iso(at) }]);
      log('annotate_log_entry', at, { type: 'user_reference', id: author }, 'note', 'Note added.');
    }
  });

  return { me, observer, hostileIncidentId };
}
