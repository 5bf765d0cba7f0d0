import { PagerDutyError } from '../../pagerduty/errors';
import type { Raw } from '../shape/common';
import type { ChangeEvent } from '../../model/shapes';
import { changeEventLine, shapeChangeEvent } from '../shape/changeEvents';
import { fence } from '../../model/untrusted';
import { incidentPath, incidentRef, resolveIncidentId } from './incidentRefs';
import { defineListTool } from './listTool';
import { items, objectOutput } from './output';
import { isoTime, limit, offset, pdId, pdIds } from './params';
import { defineTool, READ, type ToolDefinition } from './types';

const filters = {
  since: isoTime('Start of the window').optional(),
  until: isoTime('End of the window').optional(),
  team_ids: pdIds('team').optional(),
  integration_ids: pdIds('integration').optional(),
  limit: limit(25),
  offset,
};
type Filters = { since?: string; until?: string; team_ids?: string[]; integration_ids?: string[]; limit: number; offset?: number };

/** What the account's and a service's lists of change events share: the window check, the request and the lines. */
function checkWindow<A extends Filters>(args: A): A {
  if (args.since && args.until && Date.parse(args.since) >= Date.parse(args.until)) {
    throw new PagerDutyError('invalid_request', 'since must be before until.');
  }
  return args;
}
const changes = {
  from: { key: 'change_events', query: (args: Filters) => ({ since: args.since, until: args.until, team_ids: args.team_ids, integration_ids: args.integration_ids }) },
  show: { shape: shapeChangeEvent, line: (e: ChangeEvent) => changeEventLine(e), empty: 'No change events match.' },
};

const listChangeEvents = defineListTool({
  name: 'list_change_events',
  title: 'List change events',
  description: 'List change events (deploys, config changes), newest first.',
  toolset: 'change_events',
  input: () => filters,
  prepare: checkWindow,
  from: { ...changes.from, path: '/change_events' },
  show: { ...changes.show, label: 'Change events' },
});

const listServiceChangeEvents = defineListTool({
  name: 'list_service_change_events',
  title: 'List change events of a service',
  description: 'List change events of one service, newest first.',
  toolset: 'change_events',
  input: () => ({ service_id: pdId('service'), ...filters }),
  prepare: checkWindow,
  from: { ...changes.from, path: (args) => `/services/${encodeURIComponent(args.service_id)}/change_events` },
  show: { ...changes.show, label: (args) => `Change events of service ${args.service_id}` },
});

const getChangeEvent = defineTool({
  name: 'get_change_event',
  title: 'Get change event',
  description: 'Get one change event with its links and custom details.',
  toolset: 'change_events',
  annotations: READ,
  input: () => ({ change_event_id: pdId('change event') }),
  output: () => objectOutput('change_event'),
  async handler(args, ctx) {
    const { change_event } = await ctx.client.get<{ change_event: Raw }>(`/change_events/${encodeURIComponent(args.change_event_id)}`, { signal: ctx.signal });
    const shaped = shapeChangeEvent(change_event);
    return { text: fence('Change event', changeEventLine(shaped, true)), structured: { change_event: shaped } };
  },
});

const listIncidentChangeEvents = defineTool({
  name: 'list_incident_change_events',
  title: 'List change events related to an incident',
  description: 'Change events likely related to an incident, with the reason.',
  toolset: 'change_events',
  annotations: READ,
  input: () => ({
    incident_id: incidentRef,
    limit: limit(25, 100),
  }),
  output: () => ({ change_events: items }),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { change_events } = await ctx.client.get<{ change_events?: Raw[] }>(incidentPath(id, '/related_change_events'), {
      signal: ctx.signal,
      query: { limit: args.limit },
    });
    const events = (change_events ?? []).map(shapeChangeEvent);
    const body = events.length ? events.map((e) => changeEventLine(e)).join('\n') : 'No related change events.';
    return { text: fence(`Change events related to incident ${id}`, body), structured: { change_events: events } };
  },
});

export const changeEventsTools: ToolDefinition[] = [getChangeEvent, listChangeEvents, listIncidentChangeEvents, listServiceChangeEvents];
