/** Incident sub-resources: notes, alerts, responder requests, and the outlier/past/related analytics. */
import { invalidInput, notFound } from '../errors';
import { paginate } from '../render';
import type { Route } from '../router';
import type { IncidentRec, SimState } from '../state';
import { DAY, iso } from '../time';
import { findIncident, requireActor, writeLog } from './incidents';
import { includes, listParam, objectBody, timeParam } from './params';

export function incidentDetailRoutes(route: Route): void {
  route('GET', '/incidents/{id}/notes', ({ params, state, render }) => {
    const incident = findIncident(state, params.id);
    const notes = [...(state.notes.get(incident.id) ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at));
    return { status: 200, body: { notes: notes.map((n) => render.note(n)) } };
  });

  route('POST', '/incidents/{id}/notes', (ctx) => {
    const { params, state, render, now } = ctx;
    const incident = findIncident(state, params.id);
    const actor = requireActor(ctx);
    const content = objectBody(ctx.body, 'note').content;
    if (typeof content !== 'string' || !content.trim()) throw invalidInput('note.content must be a non-empty string');
    if (content.length > 25_000) throw invalidInput('note.content must be at most 25000 characters');
    const note = { id: state.newId(), incidentId: incident.id, userId: actor.id, content, created_at: iso(now) };
    state.notes.set(incident.id, [...(state.notes.get(incident.id) ?? []), note]);
    writeLog(ctx, incident, 'annotate_log_entry', `Note added by ${actor.name}.`, { channel: 'note' });
    return { status: 200, body: { note: render.note(note) } };
  });

  route('GET', '/incidents/{id}/alerts', ({ params, query, state, render }) => {
    const incident = findIncident(state, params.id);
    const statuses = new Set(listParam(query, 'statuses'));
    const key = query.get('alert_key');
    const alerts = (state.alerts.get(incident.id) ?? []).filter((a) => (!statuses.size || statuses.has(a.status)) && (!key || a.alert_key === key));
    const { page, meta } = paginate(alerts, query);
    return { status: 200, body: { alerts: page.map((a) => render.alert(a)), ...meta } };
  });

  route('GET', '/incidents/{id}/alerts/{alert_id}', ({ params, state, render }) => {
    const incident = findIncident(state, params.id);
    const alert = (state.alerts.get(incident.id) ?? []).find((a) => a.id === params.alert_id);
    if (!alert) throw notFound();
    return { status: 200, body: { alert: render.alert(alert) } };
  });

  route('POST', '/incidents/{id}/responder_requests', (ctx) => {
    const { params, state, render, now } = ctx;
    const incident = findIncident(state, params.id);
    const body = (ctx.body ?? {}) as { requester_id?: unknown; message?: unknown; responder_request_targets?: unknown };
    const requester = typeof body.requester_id === 'string' ? state.users.get(body.requester_id) : undefined;
    if (!requester) throw invalidInput('requester_id must be the id of a user');
    if (typeof body.message !== 'string') throw invalidInput('message is required');
    if (!Array.isArray(body.responder_request_targets) || body.responder_request_targets.length === 0) {
      throw invalidInput('responder_request_targets must list at least one user or escalation policy');
    }
    const targets = body.responder_request_targets.map((item) => {
      const target = (item as { responder_request_target?: { id?: unknown; type?: unknown } }).responder_request_target;
      const id = String(target?.id ?? '');
      if (target?.type === 'user_reference' && state.users.has(id)) return { type: 'user_reference' as const, id };
      if (target?.type === 'escalation_policy_reference' && state.escalationPolicies.has(id)) return { type: 'escalation_policy_reference' as const, id };
      throw invalidInput(`responder request target ${id || '(missing id)'} is not a known user_reference or escalation_policy_reference`);
    });
    const request = { requesterId: requester.id, requested_at: iso(now), message: body.message, targets };
    incident.responderRequests.push(request);
    incident.updated_at = iso(now);
    if (ctx.actor) writeLog(ctx, incident, 'notify_log_entry', `Responders requested by ${requester.name}.`);
    return { status: 200, body: { responder_request: render.responderRequest(incident, request) } };
  });

  // How often incidents of the same template hit the service since `since` (default 90 days back), up to now.
  route('GET', '/incidents/{id}/outlier_incident', ({ params, query, state, render, now }) => {
    const incident = findIncident(state, params.id);
    const detailed = listParam(query, 'additional_details').includes('incident');
    const minedText = template(incident.title);
    const until = now.getTime();
    const since = timeParam(query, 'since') ?? until - 90 * DAY;
    const count = [...state.incidents.values()].filter(
      (i) => i.serviceId === incident.serviceId && template(i.title) === minedText && Date.parse(i.created_at) >= since && Date.parse(i.created_at) <= until,
    ).length;
    const frequency = Math.round((count / Math.max((until - since) / DAY, 1)) * 100) / 100;
    return {
      status: 200,
      body: {
        outlier_incident: {
          incident: {
            ...(detailed ? render.incident(incident) : summaryOf(state, incident)),
            occurrence: { count, frequency, category: count <= 1 ? 'rare' : frequency >= 0.5 ? 'frequent' : 'anomalous', since: iso(since), until: iso(until) },
          },
          incident_template: { id: `T${incident.serviceId}`, cluster_id: `C${incident.serviceId}`, mined_text: minedText },
        },
      },
    };
  });

  route('GET', '/incidents/{id}/past_incidents', ({ params, query, state }) => {
    const incident = findIncident(state, params.id);
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 5) || 5, 1), 999);
    const past = [...state.incidents.values()]
      .filter((i) => i.serviceId === incident.serviceId && i.id !== incident.id && i.created_at < incident.created_at)
      .reverse();
    return {
      status: 200,
      body: {
        past_incidents: past.slice(0, limit).map((i, rank) => ({
          incident: summaryOf(state, i),
          score: Math.round((1 - rank / (limit + 1)) * 1000) / 1000,
        })),
        limit,
        // PagerDuty documents total as null unless total=true is asked for.
        total: query.get('total') === 'true' ? past.length : null,
      },
    };
  });

  route('GET', '/incidents/{id}/related_incidents', ({ params, query, state, render }) => {
    const incident = findIncident(state, params.id);
    const detailed = listParam(query, 'additional_details').includes('incident');
    const related = [...state.incidents.values()]
      .filter((i) => i.id !== incident.id && i.status !== 'resolved' && i.teamIds.some((t) => incident.teamIds.includes(t)))
      .slice(-5);
    return {
      status: 200,
      body: {
        related_incidents: related.map((i) => ({
          incident: detailed ? render.incident(i, includes(query)) : summaryOf(state, i),
          relationships: [
            {
              type: 'machine_learning_inferred',
              metadata: { grouping_classification: 'similar_contents', user_feedback: { positive_feedback_count: 0, negative_feedback_count: 0 } },
            },
          ],
        })),
      },
    };
  });
}

/** The short incident form the AIOps endpoints answer with unless additional_details[]=incident is asked for. */
function summaryOf(state: SimState, i: IncidentRec) {
  return { id: i.id, created_at: i.created_at, self: `${state.apiBase}/incidents/${i.id}`, title: i.title };
}

/** An incident title with its variable parts (numbers) masked, as PagerDuty's template mining does. */
function template(title: string): string {
  return title.replace(/\d+/g, '<*>');
}
