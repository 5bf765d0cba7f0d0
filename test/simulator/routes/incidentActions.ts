/**
 * The incident actions PagerDuty's official MCP server lacks, as the REST API documents them:
 * POST /incidents/{id}/snooze, PUT /incidents/{id}/merge, POST /incidents/{id}/status_updates.
 */
import { invalidInput, PdError } from '../errors';
import type { Route } from '../router';
import type { SimState } from '../state';
import { iso } from '../time';
import { findIncident, requireActor, writeLog } from './incidents';

/** PagerDuty's limits for `duration` (seconds). */
const MAX_SNOOZE_SECONDS = 604_800;

export function incidentActionRoutes(route: Route): void {
  route('POST', '/incidents/{id}/snooze', (ctx) => {
    const incident = findIncident(ctx.state, ctx.params.id);
    const actor = requireActor(ctx);
    const duration = (ctx.body as { duration?: unknown } | undefined)?.duration;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > MAX_SNOOZE_SECONDS) {
      throw invalidInput(`duration must be an integer number of seconds from 1 to ${MAX_SNOOZE_SECONDS}`);
    }
    // PagerDuty snoozes acknowledged incidents only; the web UI offers Snooze after Acknowledge.
    if (incident.status === 'resolved') throw invalidInput('Incident Already Resolved');
    if (incident.status !== 'acknowledged') throw new PdError(400, 2001, 'Invalid Input Provided', ['Incident must be acknowledged before it can be snoozed']);
    const at = iso(ctx.now);
    incident.updated_at = at;
    incident.snoozedUntil = iso(ctx.now.getTime() + duration * 1000);
    writeLog(ctx, incident, 'snooze_log_entry', `Snoozed for ${formatDuration(duration)} by ${actor.name}.`, { channel: 'website' });
    return { status: 201, body: { incident: ctx.render.incident(incident) } };
  });

  route('PUT', '/incidents/{id}/merge', (ctx) => {
    const { state, now } = ctx;
    const target = findIncident(state, ctx.params.id);
    const actor = requireActor(ctx);
    const list = (ctx.body as { source_incidents?: unknown } | undefined)?.source_incidents;
    if (!Array.isArray(list) || list.length === 0) throw invalidInput('source_incidents must list at least one incident reference');
    // Check every source first so a bad one merges nothing.
    const sources = list.map((ref) => {
      const id = (ref as { id?: unknown } | null)?.id;
      const source = typeof id === 'string' ? state.findIncident(id) : undefined;
      if (!source) throw invalidInput(`Incident ${String(id)} not found`);
      if (source.id === target.id) throw invalidInput('An incident cannot be merged into itself');
      if (source.status === 'resolved') throw invalidInput(`Incident ${source.id} is already resolved and cannot be merged`);
      return source;
    });
    if (target.status === 'resolved') throw invalidInput('The target incident is resolved');
    const at = iso(now);
    for (const source of sources) {
      const moved = state.alerts.get(source.id) ?? [];
      for (const alert of moved) alert.incidentId = target.id;
      state.alerts.set(target.id, [...(state.alerts.get(target.id) ?? []), ...moved]);
      state.alerts.set(source.id, []);
      source.status = 'resolved';
      source.resolved_at = at;
      source.last_status_change_at = at;
      source.lastStatusChangeBy = { type: 'user_reference', id: actor.id };
      source.updated_at = at;
      source.assignments = [];
      source.acknowledgements = [];
      writeLog(ctx, source, 'resolve_log_entry', `Resolved by ${actor.name} by merging into #${target.number}.`, { channel: 'website' });
    }
    target.updated_at = at;
    return { status: 200, body: { incident: ctx.render.ref('incident', target.id) } };
  });

  route('POST', '/incidents/{id}/status_updates', (ctx) => {
    const { state, now } = ctx;
    const incident = findIncident(state, ctx.params.id);
    const actor = requireActor(ctx);
    const body = (ctx.body ?? {}) as { message?: unknown; subject?: unknown; html_message?: unknown };
    if (typeof body.message !== 'string' || !body.message.trim()) throw invalidInput('message is required');
    const custom = [body.subject, body.html_message].filter((v) => v !== undefined);
    if (custom.length === 1) throw invalidInput('subject and html_message are both required for a custom html email');
    const update = {
      id: state.newId(),
      message: body.message,
      sender: ctx.render.ref('user', actor.id),
      created_at: iso(now),
      ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
      ...(typeof body.html_message === 'string' ? { html_message: body.html_message } : {}),
    };
    incident.updated_at = update.created_at;
    return { status: 200, body: { status_update: update } };
  });
}

/**
 * PagerDuty: a snoozed incident "will return to the triggered state" when the snooze runs out, and notifies again.
 * Run before every request, on the simulator's clock, so a test moves time forward instead of waiting.
 */
export function wakeSnoozedIncidents(state: SimState, now: Date): void {
  for (const incident of state.incidents.values()) {
    if (!incident.snoozedUntil || Date.parse(incident.snoozedUntil) > now.getTime()) continue;
    const at = incident.snoozedUntil;
    incident.snoozedUntil = undefined;
    if (incident.status !== 'acknowledged') continue;
    incident.status = 'triggered';
    incident.acknowledgements = [];
    incident.last_status_change_at = at;
    incident.lastStatusChangeBy = { type: 'service_reference', id: incident.serviceId };
    incident.updated_at = at;
    state.addLogEntry({
      id: state.newId('R', 26),
      type: 'unacknowledge_log_entry',
      created_at: at,
      incidentId: incident.id,
      agent: { type: 'service_reference', id: incident.serviceId },
      channel: 'timeout',
      summary: 'Unacknowledged: the snooze ran out.',
    });
  }
}

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour(s)`;
  if (seconds % 60 === 0) return `${seconds / 60} minute(s)`;
  return `${seconds} second(s)`;
}
