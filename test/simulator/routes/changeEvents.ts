/** Change events: account-wide, per service, and those related to an incident. */
import type { JsonBody, Renderer } from '../render';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import { changeEventsState, type ChangeEventRec } from '../seed/changeEvents';
import { DAY } from '../time';
import { findIncident } from './incidents';
import { getOr404 } from './lookup';
import { listParam, timeParam } from './params';

function render(state: HandlerContext['state'], r: Renderer, e: ChangeEventRec, extra: JsonBody = {}): JsonBody {
  return {
    id: e.id,
    type: 'change_event',
    summary: e.summary,
    self: `${state.apiBase}/change_events/${e.id}`,
    html_url: null,
    timestamp: e.timestamp,
    services: e.serviceIds.map((id) => r.ref('service', id)),
    integration: {
      id: e.integrationId,
      type: 'inbound_integration_reference',
      summary: 'Change events',
      self: `${state.apiBase}/services/${e.serviceIds[0]}/integrations/${e.integrationId}`,
      html_url: null,
    },
    routing_key: `R0${e.integrationId.toLowerCase()}`,
    source: e.source,
    links: e.links,
    images: [],
    custom_details: e.custom_details,
    ...extra,
  };
}

function listed(ctx: HandlerContext, events: ChangeEventRec[]) {
  const { query, state, render: r } = ctx;
  const since = timeParam(query, 'since') ?? -Infinity;
  const until = timeParam(query, 'until') ?? Infinity;
  const teams = new Set(listParam(query, 'team_ids'));
  const integrations = new Set(listParam(query, 'integration_ids'));
  const filtered = events.filter((e) => {
    const t = Date.parse(e.timestamp);
    const teamOk = !teams.size || e.serviceIds.some((id) => state.services.get(id)?.teamIds.some((t) => teams.has(t)));
    return t >= since && t < until && teamOk && (!integrations.size || integrations.has(e.integrationId));
  });
  const { page, meta } = paginate(filtered, query);
  return { status: 200, body: { change_events: page.map((e) => render(state, r, e)), ...meta } };
}

export function changeEventRoutes(route: Route): void {
  route('GET', '/change_events', (ctx) => listed(ctx, changeEventsState(ctx.state, ctx.now.getTime()).events));

  route('GET', '/change_events/{id}', ({ params, state, render: r, now }) => {
    const events = changeEventsState(state, now.getTime()).events;
    const event = getOr404(new Map(events.map((e) => [e.id, e])), params.id);
    return { status: 200, body: { change_event: render(state, r, event) } };
  });

  route('GET', '/services/{id}/change_events', (ctx) => {
    getOr404(ctx.state.services, ctx.params.id);
    return listed(ctx, changeEventsState(ctx.state, ctx.now.getTime()).events.filter((e) => e.serviceIds.includes(ctx.params.id)));
  });

  // Changes in the day before the incident: on its service ("most_recent"), or on another service of its team ("related_service").
  route('GET', '/incidents/{id}/related_change_events', ({ params, query, state, render: r, now }) => {
    const incident = findIncident(state, params.id);
    const created = Date.parse(incident.created_at);
    const related = changeEventsState(state, now.getTime())
      .events.filter((e) => Date.parse(e.timestamp) <= created && Date.parse(e.timestamp) > created - DAY)
      .flatMap((e) => {
        if (e.serviceIds.includes(incident.serviceId)) return [{ e, reason: 'most_recent' }];
        const sameTeam = e.serviceIds.some((id) => state.services.get(id)?.teamIds.some((t) => incident.teamIds.includes(t)));
        return sameTeam ? [{ e, reason: 'related_service' }] : [];
      });
    const { page, meta } = paginate(related, query);
    return { status: 200, body: { change_events: page.map(({ e, reason }) => render(state, r, e, { correlation_reason: { reason } })), ...meta } };
  });
}
