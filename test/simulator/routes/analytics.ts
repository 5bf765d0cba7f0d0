/**
 * /analytics/metrics: incident metrics (all, per service, per team, optionally per day/week/month) and
 * responder metrics (all, per team), computed from the simulator's incidents and their log entries.
 * Approximations a real account would compute more finely: an incident counts as acknowledged at its first
 * acknowledge or user resolve; uptime is 100% minus the time the service had an open high-urgency incident.
 */
import { invalidInput } from '../errors';
import type { HandlerContext, Route } from '../router';
import type { IncidentRec, LogEntryRec, SimState } from '../state';

type Body = Record<string, unknown>;
type Row = Record<string, string | number>;
type Unit = 'day' | 'week' | 'month';

export function analyticsRoutes(route: Route): void {
  route('POST', '/analytics/metrics/incidents/all', (ctx) => incidentMetrics(ctx, () => ({}), true));
  route('POST', '/analytics/metrics/incidents/services', (ctx) =>
    incidentMetrics(ctx, (i, s) => ({ service_id: i.serviceId, service_name: s.services.get(i.serviceId)?.name ?? i.serviceId })),
  );
  route('POST', '/analytics/metrics/incidents/teams', (ctx) =>
    incidentMetrics(
      ctx,
      (i, s) => {
        const teamId = i.teamIds[0] ?? '';
        return { team_id: teamId, team_name: s.teams.get(teamId)?.name ?? 'No team' };
      },
      true,
    ),
  );
  route('POST', '/analytics/metrics/responders/all', (ctx) => responderMetrics(ctx, false));
  route('POST', '/analytics/metrics/responders/teams', (ctx) => responderMetrics(ctx, true));
}

interface Window {
  body: Body;
  filters: Body;
  start: number;
  end: number;
}

function window(ctx: HandlerContext, startKey: string, endKey: string): Window {
  const body = (ctx.body ?? {}) as Body;
  const filters = (body.filters ?? {}) as Body;
  const start = Date.parse(String(filters[startKey] ?? ''));
  const end = Date.parse(String(filters[endKey] ?? ''));
  if (Number.isNaN(start) || Number.isNaN(end)) throw invalidInput(`filters.${startKey} and filters.${endKey} are required ISO 8601 date-times`);
  if (start >= end) throw invalidInput(`filters.${startKey} must be before filters.${endKey}`);
  return { body, filters, start, end };
}

function list(value: unknown): Set<string> | undefined {
  return Array.isArray(value) && value.length ? new Set(value.map(String)) : undefined;
}

function matchingIncidents(state: SimState, w: Window): IncidentRec[] {
  const teams = list(w.filters.team_ids);
  const services = list(w.filters.service_ids);
  const priorities = list(w.filters.priority_ids);
  return [...state.incidents.values()].filter((i) => {
    const at = Date.parse(i.created_at);
    return (
      at >= w.start &&
      at < w.end &&
      (!w.filters.urgency || i.urgency === w.filters.urgency) &&
      (!teams || i.teamIds.some((t) => teams.has(t))) &&
      (!services || services.has(i.serviceId)) &&
      (!priorities || (i.priorityId !== null && priorities.has(i.priorityId)))
    );
  });
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function firstResponse(entries: LogEntryRec[]): LogEntryRec | undefined {
  return entries.find((e) => (e.type === 'acknowledge_log_entry' || e.type === 'resolve_log_entry') && e.agent.type === 'user_reference');
}

function bucket(at: number, unit: Unit): string {
  const d = new Date(at);
  const start =
    unit === 'day'
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
      : unit === 'week'
        ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
        : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  // The live API writes range_start without an offset (UTC), e.g. 2024-01-01T00:00:00.
  return new Date(start).toISOString().replace('.000Z', '');
}

/** `scoped`: the spec says user-level keys must give team_ids or service_ids on this endpoint. */
function incidentMetrics(ctx: HandlerContext, groupOf: (i: IncidentRec, s: SimState) => Row, scoped = false) {
  const w = window(ctx, 'created_at_start', 'created_at_end');
  if (scoped && ctx.caller.token !== 'accountKey' && !list(w.filters.team_ids) && !list(w.filters.service_ids)) {
    throw invalidInput('A team_ids or service_ids filter is required for user-level API keys');
  }
  const unit = w.body.aggregate_unit as Unit | null | undefined;
  const groups = new Map<string, { key: Row; incidents: IncidentRec[] }>();
  for (const incident of matchingIncidents(ctx.state, w)) {
    const key = { ...groupOf(incident, ctx.state), ...(unit ? { range_start: bucket(Date.parse(incident.created_at), unit) } : {}) };
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, incidents: [] as IncidentRec[] };
    group.incidents.push(incident);
    groups.set(id, group);
  }
  const rangeSeconds = (w.end - w.start) / 1000;
  const data = [...groups.values()].map(({ key, incidents }) => {
    const entries = incidents.map((i) => ctx.state.logEntriesByIncident.get(i.id) ?? []);
    const toAck = entries.flatMap((list, n) => {
      const first = firstResponse(list);
      return first ? [seconds(incidents[n].created_at, first.created_at)] : [];
    });
    const toResolve = incidents.flatMap((i) => (i.resolved_at ? [seconds(i.created_at, i.resolved_at)] : []));
    const assigns = entries.map((list) => list.filter((e) => e.type === 'assign_log_entry').reduce((n, e) => n + (e.assigneeIds?.length ?? 1), 0));
    const escalations = entries.map((list) => list.filter((e) => e.type === 'escalate_log_entry').length);
    const serviceCount = new Set(incidents.map((i) => i.serviceId)).size;
    const downSeconds = incidents
      .filter((i) => i.urgency === 'high')
      .reduce((sum, i) => sum + seconds(i.created_at, i.resolved_at ?? new Date(Math.min(w.end, ctx.now.getTime())).toISOString()), 0);
    return {
      ...key,
      total_incident_count: incidents.length,
      total_incidents_acknowledged: toAck.length,
      total_escalation_count: escalations.reduce((a, b) => a + b, 0),
      total_incidents_timeout_escalated: escalations.filter((n) => n > 0).length,
      total_incidents_manual_escalated: 0,
      total_incidents_reassigned: assigns.filter((n) => n > 1).length,
      total_interruptions: assigns.reduce((a, b) => a + b, 0),
      total_notifications: assigns.reduce((a, b) => a + b, 0),
      mean_assignment_count: mean(assigns),
      mean_seconds_to_first_ack: mean(toAck),
      mean_seconds_to_resolve: mean(toResolve),
      p50_seconds_to_first_ack: percentile(toAck, 50),
      p90_seconds_to_first_ack: percentile(toAck, 90),
      p50_seconds_to_resolve: percentile(toResolve, 50),
      p90_seconds_to_resolve: percentile(toResolve, 90),
      up_time_pct: Math.max(0, Math.round((100 - (downSeconds / (rangeSeconds * serviceCount)) * 100) * 100) / 100),
    };
  });
  return { status: 200, body: { data: order(w.body, data), ...echo(w.body) } };
}

type Interruption = 'business' | 'off' | 'sleep';

interface ResponderStats {
  incidents: Set<string>;
  /** Seconds from assignment to this responder's acknowledgement. */
  acked: number[];
  interruptions: Record<Interruption, number>;
}

/** Business hours 09–17 on weekdays and sleep hours 22–07, in the responder's own time zone. */
function interruptionKind(at: string, timeZone: string): Interruption {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(at));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  if (hour >= 22 || hour < 7) return 'sleep';
  return hour >= 9 && hour < 17 && weekday !== 'Sat' && weekday !== 'Sun' ? 'business' : 'off';
}

function responderMetrics(ctx: HandlerContext, perTeam: boolean) {
  const w = window(ctx, 'date_range_start', 'date_range_end');
  const responders = list(w.filters.responder_ids);
  const teams = list(w.filters.team_ids);
  const stats = new Map<string, ResponderStats>();
  for (const incident of matchingIncidents(ctx.state, { ...w, filters: { ...w.filters, team_ids: undefined } })) {
    const entries = ctx.state.logEntriesByIncident.get(incident.id) ?? [];
    for (const entry of entries) {
      const users = entry.type === 'assign_log_entry' ? (entry.assigneeIds ?? []) : [];
      for (const userId of users) {
        const user = ctx.state.users.get(userId);
        if (!user || (responders && !responders.has(userId))) continue;
        const s = stats.get(userId) ?? { incidents: new Set(), acked: [], interruptions: { business: 0, off: 0, sleep: 0 } };
        s.incidents.add(incident.id);
        s.interruptions[interruptionKind(entry.created_at, user.time_zone)] += 1;
        const ack = entries.find((e) => e.type === 'acknowledge_log_entry' && e.agent.id === userId);
        if (ack) s.acked.push(seconds(entry.created_at, ack.created_at));
        stats.set(userId, s);
      }
    }
  }
  const data: Row[] = [];
  if (!perTeam) {
    // One row aggregated over every selected responder (on teams in team_ids, when given).
    const selected = [...stats].filter(([userId]) => !teams || [...teams].some((t) => ctx.state.teams.get(t)?.members.has(userId)));
    if (selected.length) data.push(responderRow(selected.map(([, s]) => s)));
  } else {
    for (const [userId, s] of stats) {
      const user = ctx.state.users.get(userId)!;
      for (const team of ctx.state.teams.values()) {
        if (team.members.has(userId) && (!teams || teams.has(team.id))) {
          data.push({ team_id: team.id, team_name: team.name, responder_id: userId, responder_name: user.name, ...responderRow([s]) });
        }
      }
    }
  }
  return { status: 200, body: { data: order(w.body, data), ...echo(w.body) } };
}

function responderRow(list: ResponderStats[]): Row {
  const sum = (pick: (s: ResponderStats) => number) => list.reduce((n, s) => n + pick(s), 0);
  const interruptions = sum((s) => s.interruptions.business + s.interruptions.off + s.interruptions.sleep);
  return {
    total_incident_count: new Set(list.flatMap((s) => [...s.incidents])).size,
    total_incidents_acknowledged: sum((s) => s.acked.length),
    mean_time_to_acknowledge_seconds: mean(list.flatMap((s) => s.acked)),
    total_interruptions: interruptions,
    total_notifications: interruptions,
    total_business_hour_interruptions: sum((s) => s.interruptions.business),
    total_off_hour_interruptions: sum((s) => s.interruptions.off),
    total_sleep_hour_interruptions: sum((s) => s.interruptions.sleep),
  };
}

function order(body: Body, rows: Row[]): Row[] {
  const by = typeof body.order_by === 'string' ? body.order_by : undefined;
  const dir = body.order === 'asc' ? 1 : -1;
  if (!by) return rows;
  return [...rows].sort((a, b) => {
    const x = a[by] ?? 0;
    const y = b[by] ?? 0;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

/** The response repeats the request's filters and options, as PagerDuty does. */
function echo(body: Body): Body {
  const out: Body = {};
  for (const key of ['filters', 'time_zone', 'order', 'order_by', 'aggregate_unit']) if (body[key] !== undefined) out[key] = body[key];
  return out;
}
