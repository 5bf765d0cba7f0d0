/** /incidents: list with PagerDuty's filters, get by id or number, create, and the update actions. */
import { PdError, fromHeaderMissing, invalidInput, notFound } from '../errors';
import { usersOnLevel } from '../oncall';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import type { IncidentRec, LogEntryRec, SimState, Urgency } from '../state';
import { DAY, iso } from '../time';
import { includes, listParam, objectBody, refId, timeParam } from './params';

const SORT_FIELDS = new Set(['incident_number', 'created_at', 'resolved_at', 'urgency']);

export function incidentRoutes(route: Route): void {
  route('GET', '/incidents', (ctx) => {
    const { query, render } = ctx;
    const incidents = sortIncidents(filterIncidents(ctx), query.getAll('sort_by'));
    const { page, meta } = paginate(incidents, query);
    const include = includes(query);
    return { status: 200, body: { incidents: page.map((i) => render.incident(i, include)), ...meta } };
  });

  route('GET', '/incidents/{id}', ({ params, query, state, render }) => {
    const incident = findIncident(state, params.id);
    return { status: 200, body: { incident: render.incident(incident, includes(query)) } };
  });

  route('POST', '/incidents', (ctx) => {
    const { state, render, now } = ctx;
    const actor = requireActor(ctx);
    const input = objectBody(ctx.body, 'incident');
    const service = state.services.get(refId(input.service, 'incident.service'));
    if (!service) throw invalidInput('Service not found');
    if (typeof input.title !== 'string' || !input.title.trim()) throw invalidInput('incident.title is required');
    const key = typeof input.incident_key === 'string' ? input.incident_key : state.newId('K', 33).slice(1).toLowerCase();
    const duplicate = [...state.incidents.values()].find((i) => i.incident_key === key && i.serviceId === service.id && i.status !== 'resolved');
    if (duplicate) throw invalidInput(`Open incident with key '${key}' already exists`);
    const policyId = input.escalation_policy ? refId(input.escalation_policy, 'incident.escalation_policy') : service.escalationPolicyId;
    if (!state.escalationPolicies.has(policyId)) throw invalidInput('Escalation policy not found');
    const priorityId = input.priority ? refId(input.priority, 'incident.priority') : null;
    if (priorityId && !state.priorities.has(priorityId)) throw invalidInput('Priority not found');
    const at = iso(now);
    const assignees = Array.isArray(input.assignments)
      ? input.assignments.map((a) => userIdOf(state, (a as { assignee?: unknown }).assignee))
      : usersOnLevel(state, policyId, 1, now.getTime());
    const details = (input.body as { details?: unknown } | undefined)?.details;
    const incident: IncidentRec = {
      id: state.newId('Q', 14),
      number: state.nextIncidentNumber,
      title: input.title,
      details: typeof details === 'string' ? details : details ? JSON.stringify(details) : '',
      status: 'triggered',
      urgency: input.urgency === 'low' ? 'low' : 'high',
      created_at: at,
      updated_at: at,
      last_status_change_at: at,
      lastStatusChangeBy: { type: 'user_reference', id: actor.id },
      resolved_at: null,
      serviceId: service.id,
      escalationPolicyId: policyId,
      escalationLevel: 1,
      priorityId,
      incident_key: key,
      assignments: assignees.map((userId) => ({ userId, at })),
      acknowledgements: [],
      teamIds: service.teamIds,
      firstTriggerLogEntryId: '',
      responderRequests: [],
    };
    state.addIncident(incident);
    incident.firstTriggerLogEntryId = writeLog(ctx, incident, 'trigger_log_entry', `Triggered through the website by ${actor.name}.`).id;
    writeLog(ctx, incident, 'assign_log_entry', `Assigned to ${names(state, assignees)}.`, { assigneeIds: assignees });
    state.alerts.set(incident.id, []);
    return { status: 201, body: { incident: render.incident(incident) } };
  });

  route('PUT', '/incidents', (ctx) => {
    const list = (ctx.body as { incidents?: unknown } | undefined)?.incidents;
    if (!Array.isArray(list) || list.length === 0) throw invalidInput('request body must contain a non-empty "incidents" array');
    if (list.length > 250) throw invalidInput('at most 250 incidents can be updated at once');
    // Check every target first so a bad id leaves no incident half-updated.
    const targets = list.map((item) => {
      const id = (item as { id?: unknown }).id;
      const incident = typeof id === 'string' ? ctx.state.findIncident(id) : undefined;
      if (!incident) throw invalidInput(`Incident ${String(id)} not found`);
      checkUpdate(incident, item as Record<string, unknown>);
      return { incident, update: item as Record<string, unknown> };
    });
    const updated = targets.map(({ incident, update }) => applyUpdate(ctx, incident, update));
    return {
      status: 200,
      body: { incidents: updated.map((i) => ctx.render.incident(i)), limit: updated.length, offset: 0, more: false, total: null },
    };
  });

  route('PUT', '/incidents/{id}', (ctx) => {
    const incident = findIncident(ctx.state, ctx.params.id);
    const update = objectBody(ctx.body, 'incident');
    checkUpdate(incident, update);
    return { status: 200, body: { incident: ctx.render.incident(applyUpdate(ctx, incident, update)) } };
  });
}

export function findIncident(state: SimState, idOrNumber: string): IncidentRec {
  const incident = state.findIncident(idOrNumber);
  if (!incident) throw notFound();
  return incident;
}

export function requireActor(ctx: HandlerContext) {
  if (!ctx.actor) throw fromHeaderMissing();
  return ctx.actor;
}

export function writeLog(
  ctx: HandlerContext,
  incident: IncidentRec,
  type: LogEntryRec['type'],
  summary: string,
  extra: Partial<LogEntryRec> = {},
): LogEntryRec {
  const entry: LogEntryRec = {
    id: ctx.state.newId('R', 26),
    type,
    created_at: iso(ctx.now),
    incidentId: incident.id,
    agent: { type: 'user_reference', id: requireActor(ctx).id },
    channel: 'api',
    summary,
    ...extra,
  };
  ctx.state.addLogEntry(entry);
  return entry;
}

function names(state: SimState, userIds: string[]): string {
  return userIds.map((id) => state.users.get(id)?.name ?? id).join(', ');
}

function userIdOf(state: SimState, ref: unknown): string {
  const id = refId(ref, 'assignee');
  if (!state.users.has(id)) throw invalidInput(`User ${id} not found`);
  return id;
}

function filterIncidents({ query, state, now }: HandlerContext): IncidentRec[] {
  const statuses = new Set(listParam(query, 'statuses'));
  const urgencies = new Set(listParam(query, 'urgencies'));
  const services = new Set(listParam(query, 'service_ids'));
  const teams = new Set(listParam(query, 'team_ids'));
  const users = new Set(listParam(query, 'user_ids'));
  const priorities = new Set(listParam(query, 'priority_ids'));
  const key = query.get('incident_key');
  let since = -Infinity;
  let until = Infinity;
  if (query.get('date_range') !== 'all') {
    // PagerDuty's default window is the last 30 days up to now.
    until = timeParam(query, 'until') ?? now.getTime();
    since = timeParam(query, 'since') ?? until - 30 * DAY;
    if (since > until) throw new PdError(400, 2004, "Invalid 'since' or 'until' parameter values", ['since must be before until']);
  }
  const out: IncidentRec[] = [];
  for (const i of state.incidents.values()) {
    const created = Date.parse(i.created_at);
    if (created < since || created >= until) continue;
    if (statuses.size && !statuses.has(i.status)) continue;
    if (urgencies.size && !urgencies.has(i.urgency)) continue;
    if (services.size && !services.has(i.serviceId)) continue;
    if (teams.size && !i.teamIds.some((t) => teams.has(t))) continue;
    if (users.size && !i.assignments.some((a) => users.has(a.userId))) continue;
    if (priorities.size && !(i.priorityId && priorities.has(i.priorityId))) continue;
    if (key && i.incident_key !== key) continue;
    out.push(i);
  }
  return out;
}

function sortIncidents(incidents: IncidentRec[], sortBy: string[]): IncidentRec[] {
  const keys = (sortBy.length ? sortBy : ['created_at:asc']).map((raw) => {
    const [field, dir = 'asc'] = raw.split(':');
    if (!SORT_FIELDS.has(field) || (dir !== 'asc' && dir !== 'desc')) {
      throw invalidInput(`sort_by "${raw}" is not supported; use one of ${[...SORT_FIELDS].join(', ')} with :asc or :desc`);
    }
    return { field, sign: dir === 'desc' ? -1 : 1 };
  });
  const value = (i: IncidentRec, field: string): number | string =>
    field === 'incident_number' ? i.number : field === 'urgency' ? (i.urgency === 'high' ? 1 : 0) : field === 'resolved_at' ? (i.resolved_at ?? '') : i.created_at;
  return [...incidents].sort((a, b) => {
    for (const { field, sign } of keys) {
      const va = value(a, field);
      const vb = value(b, field);
      if (va !== vb) return (va < vb ? -1 : 1) * sign;
    }
    return a.number - b.number;
  });
}

/** Rejects updates PagerDuty rejects, before anything changes. */
function checkUpdate(incident: IncidentRec, update: Record<string, unknown>): void {
  if (update.status === 'resolved' && incident.status === 'resolved') throw invalidInput('Incident Already Resolved');
  if (update.status !== undefined && !['acknowledged', 'resolved', 'triggered'].includes(String(update.status))) {
    throw invalidInput(`status "${String(update.status)}" is not one of triggered, acknowledged, resolved`);
  }
  if (update.urgency !== undefined && update.urgency !== 'high' && update.urgency !== 'low') {
    throw invalidInput(`urgency "${String(update.urgency)}" is not one of high, low`);
  }
}

function applyUpdate(ctx: HandlerContext, incident: IncidentRec, update: Record<string, unknown>): IncidentRec {
  const { state, now } = ctx;
  const actor = requireActor(ctx);
  const at = iso(now);
  const changeStatus = (status: IncidentRec['status']) => {
    incident.status = status;
    incident.snoozedUntil = undefined; // a new acknowledgement, a resolve or a re-trigger ends the snooze
    incident.last_status_change_at = at;
    incident.lastStatusChangeBy = { type: 'user_reference', id: actor.id };
  };
  const reassign = (userIds: string[]) => {
    incident.assignments = userIds.map((userId) => ({ userId, at }));
    incident.acknowledgements = [];
    if (incident.status !== 'triggered') changeStatus('triggered');
    incident.resolved_at = null;
  };

  if (typeof update.title === 'string') incident.title = update.title;
  if (update.urgency !== undefined && update.urgency !== incident.urgency) {
    incident.urgency = update.urgency as Urgency;
    writeLog(ctx, incident, 'urgency_change_log_entry', `Urgency changed to ${incident.urgency} by ${actor.name}.`);
  }
  if (update.priority !== undefined) {
    const id = update.priority === null ? null : refId(update.priority, 'priority');
    if (id && !state.priorities.has(id)) throw invalidInput(`Priority ${id} not found`);
    incident.priorityId = id;
  }
  if (update.escalation_policy !== undefined) {
    const id = refId(update.escalation_policy, 'escalation_policy');
    if (!state.escalationPolicies.has(id)) throw invalidInput(`Escalation policy ${id} not found`);
    incident.escalationPolicyId = id;
    incident.escalationLevel = 1;
    const users = usersOnLevel(state, id, 1, now.getTime());
    reassign(users);
    writeLog(ctx, incident, 'assign_log_entry', `Reassigned to ${names(state, users)} by ${actor.name}.`, { assigneeIds: users });
  }
  if (Array.isArray(update.assignments)) {
    const users = update.assignments.map((a) => userIdOf(state, (a as { assignee?: unknown }).assignee));
    reassign(users);
    writeLog(ctx, incident, 'assign_log_entry', `Reassigned to ${names(state, users)} by ${actor.name}.`, { assigneeIds: users });
  }
  if (update.escalation_level !== undefined) {
    const policy = state.escalationPolicies.get(incident.escalationPolicyId)!;
    const level = Number(update.escalation_level);
    if (!Number.isInteger(level) || level < 1 || level > policy.rules.length) {
      throw invalidInput(`escalation_level must be between 1 and ${policy.rules.length} for ${policy.name}`);
    }
    incident.escalationLevel = level;
    const users = usersOnLevel(state, policy.id, level, now.getTime());
    reassign(users);
    writeLog(ctx, incident, 'escalate_log_entry', `Escalated to level ${level} by ${actor.name}.`, { assigneeIds: users });
  }
  if (update.status === 'acknowledged') {
    if (incident.status === 'resolved') incident.resolved_at = null;
    changeStatus('acknowledged');
    if (!incident.acknowledgements.some((a) => a.userId === actor.id)) incident.acknowledgements.push({ userId: actor.id, at });
    writeLog(ctx, incident, 'acknowledge_log_entry', `Acknowledged by ${actor.name}.`, { channel: 'website' });
  } else if (update.status === 'resolved') {
    changeStatus('resolved');
    incident.resolved_at = at;
    incident.assignments = [];
    incident.acknowledgements = [];
    for (const alert of state.alerts.get(incident.id) ?? []) alert.status = 'resolved';
    const note = typeof update.resolution === 'string' ? update.resolution : undefined;
    writeLog(ctx, incident, 'resolve_log_entry', `Resolved by ${actor.name}.`, { channel: 'website', note });
  } else if (update.status === 'triggered' && incident.status !== 'triggered') {
    incident.resolved_at = null;
    changeStatus('triggered');
    incident.acknowledgements = [];
  }
  incident.updated_at = at;
  return incident;
}
