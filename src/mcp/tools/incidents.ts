import { z } from 'zod';
import type { Query } from '../../pagerduty/client';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, ref, time, type Raw } from '../shape/common';
import { alertText, shapeAlert } from '../shape/alert';
import { incidentDetail, incidentLine, shapeIncident, type IncidentSummary } from '../shape/incident';
import { shapeNote } from '../shape/note';
import { shapeRelated } from '../shape/relatedIncident';
import { fence, truncate } from '../../model/untrusted';
import { chooseAssignee, confirmBulkResolve, NO_ASSIGNEE } from './incidentChoices';
import { incidentPath, incidentRef, resolveIncidentId } from './incidentRefs';
import { defineListTool } from './listTool';
import { items, listAnswer, listOutput, objectOutput } from './output';
import { isoTime, limit, offset, pdId, pdIds, text } from './params';
import { checkWindow } from './scheduleParams';
import { CREATE, defineTool, READ, UPDATE, type ToolContext } from './types';
import { incidentKey } from '../../model/incidentRef';

const STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
const URGENCIES = ['high', 'low'] as const;
const SORTS = ['created_at:desc', 'created_at:asc', 'incident_number:desc', 'incident_number:asc', 'resolved_at:desc', 'resolved_at:asc', 'urgency:desc', 'urgency:asc'] as const;

const incidentId = incidentRef;
/** The most incidents list_incidents reads to apply `query`: PagerDuty's API has no title search. */
const QUERY_SCAN_MAX = 500;
/** PagerDuty's largest page. */
const SCAN_PAGE = 100;

async function me(ctx: ToolContext) {
  return ctx.client.me(ctx.signal);
}

const listIncidents = defineTool({
  name: 'list_incidents',
  title: 'List incidents',
  description:
    'List incidents, newest first. scope: assigned (to me), teams (my teams) or all. Filter by status, urgency, service, team, user, priority and time; page with offset.',
  toolset: 'incidents',
  annotations: READ,
  addedOptions: ['query'],
  input: () => ({
    scope: z.enum(['all', 'assigned', 'teams']).default('all').describe('assigned = assigned to me; teams = my teams; all = everything visible'),
    statuses: z.array(z.enum(STATUSES)).max(3).optional().describe('Default: all statuses'),
    urgencies: z.array(z.enum(URGENCIES)).max(2).optional().describe('Default: both urgencies'),
    service_ids: pdIds('service').optional(),
    team_ids: pdIds('team').optional(),
    user_ids: pdIds('user').optional().describe('Assigned to any of these users'),
    priority_ids: pdIds('priority').optional(),
    since: isoTime('Start of the time window (default: 30 days ago)').optional(),
    until: isoTime('End of the time window (default: now)').optional(),
    date_range: z.enum(['all']).optional().describe('"all" ignores since/until: every incident ever'),
    sort_by: z.enum(SORTS).default('created_at:desc').describe('Sort order'),
    query: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .optional()
      .describe(`Words in title or service name (matched here, ≤${QUERY_SCAN_MAX} read)`),
    // 50: the open incidents of a busy account in one answer (a page of 50 lines is about a third of the answer cap).
    limit: limit(50),
    offset,
  }),
  output: () => ({ ...listOutput('incidents'), fetched: z.number().int().optional() }),
  async handler(args, ctx) {
    if (args.date_range && (args.since || args.until)) {
      throw new PagerDutyError('invalid_request', 'Use either date_range "all" or since/until, not both.');
    }
    checkWindow(args.since, args.until);
    let userIds = args.user_ids;
    let teamIds = args.team_ids;
    if (args.scope === 'assigned') {
      userIds = [(await me(ctx)).id];
    } else if (args.scope === 'teams') {
      const teams = (await me(ctx)).teams ?? [];
      if (teams.length === 0) {
        return { text: 'You are not a member of any team, so scope "teams" matches nothing; use scope "all" with team_ids.', structured: { incidents: [], more: false, total: 0 } };
      }
      teamIds = [...new Set([...(teamIds ?? []), ...teams.map((t) => t.id)])];
    }
    const filters: Query = {
      statuses: args.statuses,
      urgencies: args.urgencies,
      service_ids: args.service_ids,
      team_ids: teamIds,
      user_ids: userIds,
      priority_ids: args.priority_ids,
      since: args.since,
      until: args.until,
      date_range: args.date_range,
      sort_by: args.sort_by,
    };
    const label = `Incidents (scope: ${args.scope})`;
    if (args.query) return filteredIncidents(ctx, { ...args, query: args.query }, filters, label);
    const page = await ctx.client.list<Raw>('/incidents', 'incidents', { signal: ctx.signal, limit: args.limit, offset: args.offset, query: filters });
    const incidents = page.items.map(shapeIncident);
    return listAnswer({ label, key: 'incidents', items: incidents, line: incidentLine, page, offset: args.offset, empty: 'No incidents match.' });
  },
});

/** Every word of `query` in the incident's title or service name, in any case. */
function matchesQuery(incident: IncidentSummary, words: string[]): boolean {
  const haystack = `${incident.title} ${incident.service?.name ?? ''}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * list_incidents with `query`: pages through PagerDuty's list from `offset` (at most QUERY_SCAN_MAX incidents) and
 * keeps the matches, up to `limit`. next_offset is a position in PagerDuty's list, so paging on reads on from there.
 */
async function filteredIncidents(
  ctx: ToolContext,
  args: { query: string; limit: number; offset?: number },
  filters: Query,
  label: string,
) {
  const words = args.query.toLowerCase().split(/\s+/);
  const start = args.offset ?? 0;
  const matches: IncidentSummary[] = [];
  const positions: number[] = [];
  let next = start;
  let exhausted = false;
  scan: while (matches.length < args.limit && next - start < QUERY_SCAN_MAX && !exhausted) {
    const page = await ctx.client.list<Raw>('/incidents', 'incidents', {
      signal: ctx.signal,
      limit: Math.min(SCAN_PAGE, QUERY_SCAN_MAX - (next - start)),
      offset: next,
      query: filters,
    });
    for (const raw of page.items) {
      if (matches.length === args.limit) break scan;
      const incident = shapeIncident(raw);
      if (matchesQuery(incident, words)) {
        matches.push(incident);
        positions.push(next);
      }
      next += 1;
    }
    exhausted = !page.more;
  }
  const more = !exhausted;
  const intro = `Filtered here: ${matches.length} of ${next - start} fetched incidents have every word of "${args.query}" in their title or service name (PagerDuty's API has no text search).\n`;
  return listAnswer({
    label,
    key: 'incidents',
    items: matches,
    line: incidentLine,
    page: { more, nextOffset: more ? next : undefined },
    offset: start,
    positions,
    intro,
    empty: 'No fetched incident matches.',
    extra: { fetched: next - start },
  });
}

const getIncident = defineTool({
  name: 'get_incident',
  title: 'Get incident',
  description: 'Get one incident by id or number: status, urgency, priority, service, escalation policy, teams, assignees, link.',
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId }),
  output: () => objectOutput('incident'),
  async handler(args, ctx) {
    const { incident } = await ctx.client.get<{ incident: Raw }>(incidentPath(incidentKey(args.incident_id)), {
      signal: ctx.signal,
      query: { include: ['conference_bridge'] },
    });
    const shaped = shapeIncident(incident);
    return { text: fence('Incident', incidentDetail(shaped)), structured: { incident: shaped } };
  },
});

const createIncident = defineTool({
  name: 'create_incident',
  title: 'Create incident',
  description: 'Trigger a new incident on a service.',
  toolset: 'incidents',
  annotations: CREATE,
  input: () => ({
    title: text('Incident title', 1024),
    service_id: pdId('service'),
    urgency: z.enum(URGENCIES).default('high').describe('Incident urgency'),
    details: z.string().max(20_000).optional().describe('Body text with details for responders'),
    priority_id: pdId('priority').optional(),
    escalation_policy_id: pdId('escalation policy').optional().describe('Instead of the service default'),
    assignee_user_ids: pdIds('user', 10).optional().describe('Assign directly instead of escalating'),
    incident_key: z.string().trim().min(1).max(255).optional().describe('De-duplication key'),
  }),
  output: () => objectOutput('incident'),
  async handler(args, ctx) {
    if (args.escalation_policy_id && args.assignee_user_ids) {
      throw new PagerDutyError('invalid_request', 'Give either escalation_policy_id or assignee_user_ids, not both.');
    }
    const { incident } = await ctx.client.request<{ incident: Raw }>('POST', '/incidents', {
      signal: ctx.signal,
      needsFrom: true,
      body: {
        incident: compact({
          type: 'incident',
          title: args.title,
          service: { id: args.service_id, type: 'service_reference' },
          urgency: args.urgency,
          body: args.details ? { type: 'incident_body', details: args.details } : undefined,
          priority: args.priority_id ? { id: args.priority_id, type: 'priority_reference' } : undefined,
          escalation_policy: args.escalation_policy_id ? { id: args.escalation_policy_id, type: 'escalation_policy_reference' } : undefined,
          assignments: args.assignee_user_ids?.map((id) => ({ assignee: { id, type: 'user_reference' } })),
          incident_key: args.incident_key,
        }),
      },
    });
    const shaped = shapeIncident(incident);
    return { text: fence('Created incident', incidentDetail(shaped)), structured: { incident: shaped } };
  },
});

interface Outcome {
  incident_id: string;
  ok: boolean;
  status?: string;
  error?: string;
  incident?: ReturnType<typeof shapeIncident>;
}

const manageIncidents = defineTool({
  name: 'manage_incidents',
  title: 'Acknowledge, resolve, reassign or escalate incidents',
  description:
    'Change up to 100 incidents at once: status (acknowledged/resolved), urgency, priority, reassign to users, or escalation level. Reports the outcome per incident.',
  toolset: 'incidents',
  annotations: UPDATE,
  input: () => ({
    incident_ids: z.array(incidentId).min(1).max(100).describe('Incident ids or numbers'),
    status: z.enum(['acknowledged', 'resolved']).optional().describe('New status'),
    urgency: z.enum(URGENCIES).optional().describe('New urgency'),
    priority_id: pdId('priority').optional().describe('New priority id'),
    assignee_user_ids: z.array(pdId('user')).max(10).optional().describe('Reassign to these users; [] lets the person choose (never guess)'),
    escalation_level: z.number().int().min(1).max(20).optional().describe('Escalate to this level of the policy'),
  }),
  output: () => ({ results: items, succeeded: z.number().int(), failed: z.number().int() }),
  async handler(args, ctx) {
    const pickAssignee = args.assignee_user_ids?.length === 0;
    if (pickAssignee && !ctx.elicit) throw new PagerDutyError('invalid_request', NO_ASSIGNEE);
    const change = compact({
      status: args.status,
      urgency: args.urgency,
      priority: args.priority_id ? { id: args.priority_id, type: 'priority_reference' } : undefined,
      assignments: args.assignee_user_ids?.map((id) => ({ assignee: { id, type: 'user_reference' } })),
      escalation_level: args.escalation_level,
    });
    if (Object.keys(change).length === 0 && !pickAssignee) {
      throw new PagerDutyError('invalid_request', 'Nothing to change: give at least one of status, urgency, priority_id, assignee_user_ids, escalation_level.');
    }
    // Numbers are resolved to ids first, so one incident given as Q1ABC and as #1005 is updated and reported once.
    const given = [...new Set(args.incident_ids.map(incidentKey))];
    const results: Outcome[] = [];
    const resolved = await Promise.all(
      given.map(async (ref) => {
        try {
          return await resolveIncidentId(ctx, ref);
        } catch (error) {
          if (error instanceof PagerDutyError && ['cancelled', 'timeout', 'unauthorized'].includes(error.kind)) throw error;
          results.push({ incident_id: ref, ok: false, error: (error as Error).message });
          return undefined;
        }
      }),
    );
    const targets = [...new Set(resolved.filter((id): id is string => Boolean(id)))];
    // Asked only now, after the reads: the choices depend on the incidents, and nothing is written before the answer.
    if (pickAssignee && targets.length) {
      change.assignments = [{ assignee: { id: await chooseAssignee(ctx, targets), type: 'user_reference' } }];
    }
    if (args.status === 'resolved') await confirmBulkResolve(ctx, targets.length);
    const update = (id: string) => ({ id, type: 'incident_reference', ...change });

    let bulkDone = false;
    if (targets.length > 1) {
      try {
        const { incidents } = await ctx.client.request<{ incidents: Raw[] }>('PUT', '/incidents', {
          signal: ctx.signal,
          needsFrom: true,
          body: { incidents: targets.map(update) },
        });
        for (const raw of incidents ?? []) {
          const shaped = shapeIncident(raw);
          results.push({ incident_id: shaped.id, ok: true, status: shaped.status, incident: shaped });
        }
        bulkDone = true;
      } catch (error) {
        // One bad incident fails the whole bulk request; fall through to one request per incident to say which.
        if (!(error instanceof PagerDutyError) || !['invalid_request', 'not_found'].includes(error.kind)) throw error;
      }
    }
    if (!bulkDone) {
      for (const id of targets) {
        try {
          const { incident } = await ctx.client.request<{ incident: Raw }>('PUT', incidentPath(id), {
            signal: ctx.signal,
            needsFrom: true,
            body: { incident: { type: 'incident_reference', ...change } },
          });
          const shaped = shapeIncident(incident);
          results.push({ incident_id: id, ok: true, status: shaped.status, incident: shaped });
        } catch (error) {
          if (error instanceof PagerDutyError && ['cancelled', 'timeout', 'unauthorized'].includes(error.kind)) throw error;
          results.push({ incident_id: id, ok: false, error: (error as Error).message });
        }
      }
    }
    const failed = results.filter((r) => !r.ok);
    const lines = results.map((r) =>
      r.ok ? `✔ ${r.incident ? incidentLine(r.incident) : r.incident_id}` : `✘ ${r.incident_id}: ${r.error}`,
    );
    return {
      text: `${results.length - failed.length} of ${results.length} incidents updated${failed.length ? `, ${failed.length} failed` : ''}.\n${fence('Results', lines.join('\n'))}`,
      structured: { results, succeeded: results.length - failed.length, failed: failed.length },
    };
  },
});

const addNote = defineTool({
  name: 'add_note_to_incident',
  title: 'Add note to incident',
  description: 'Append a note to an incident timeline (notes cannot be edited or deleted later).',
  toolset: 'incidents',
  annotations: CREATE,
  input: () => ({ incident_id: incidentId, note: text('Note text', 25_000) }),
  output: () => objectOutput('note'),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { note } = await ctx.client.request<{ note: Raw }>('POST', incidentPath(id, '/notes'), {
      signal: ctx.signal,
      needsFrom: true,
      body: { note: { content: args.note } },
    });
    const shaped = shapeNote(note);
    return { text: `Note ${shaped.id} added to incident ${id}.`, structured: { note: shaped } };
  },
});

const listNotes = defineTool({
  name: 'list_incident_notes',
  title: 'List incident notes',
  description: "List an incident's notes, oldest first.",
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId }),
  output: () => ({ notes: items }),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { notes } = await ctx.client.get<{ notes: Raw[] }>(incidentPath(id, '/notes'), { signal: ctx.signal });
    const shaped = (notes ?? []).map(shapeNote);
    const body = shaped.length ? shaped.map((n) => `[${n.created_at}] ${n.user?.name ?? 'unknown'}: ${truncate(n.content)}`).join('\n') : 'No notes.';
    return { text: fence(`Notes on incident ${id}`, body), structured: { notes: shaped } };
  },
});

const addResponders = defineTool({
  name: 'add_responders',
  title: 'Request responders',
  description: 'Ask users and/or escalation policies to join an incident, with a message.',
  toolset: 'incidents',
  annotations: CREATE,
  input: () => ({
    incident_id: incidentId,
    message: text('Message sent to the responders', 2000),
    user_ids: pdIds('user', 20).optional(),
    escalation_policy_ids: pdIds('escalation policy', 10).optional(),
  }),
  output: () => objectOutput('responder_request'),
  async handler(args, ctx) {
    const targets = [
      ...(args.user_ids ?? []).map((id) => ({ responder_request_target: { id, type: 'user_reference' } })),
      ...(args.escalation_policy_ids ?? []).map((id) => ({ responder_request_target: { id, type: 'escalation_policy_reference' } })),
    ];
    if (targets.length === 0) {
      throw new PagerDutyError('invalid_request', 'Give at least one of user_ids or escalation_policy_ids.');
    }
    const id = await resolveIncidentId(ctx, args.incident_id);
    const requester = await me(ctx);
    const { responder_request } = await ctx.client.request<{ responder_request: Raw }>('POST', incidentPath(id, '/responder_requests'), {
      signal: ctx.signal,
      needsFrom: true,
      body: { requester_id: requester.id, message: args.message, responder_request_targets: targets },
    });
    const shaped = compact({
      incident_id: id,
      requester: ref(responder_request?.requester),
      requested_at: time(responder_request?.requested_at),
      targets: (responder_request?.responder_request_targets ?? []).map((t: Raw) => ref(t.responder_request_target ?? t)).filter(Boolean),
    });
    return { text: `Requested ${targets.length} responder target(s) on incident ${id}.`, structured: { responder_request: shaped } };
  },
});

const listAlerts = defineListTool({
  name: 'list_alerts_from_incident',
  title: 'List alerts of an incident',
  description: 'List the alerts grouped into an incident, with their summaries and details.',
  toolset: 'incidents',
  input: () => ({ incident_id: incidentId, statuses: z.array(z.enum(['triggered', 'resolved'])).max(2).optional().describe('Default: both'), limit: limit(25), offset }),
  prepare: async (args, ctx) => ({ ...args, incident_id: await resolveIncidentId(ctx, args.incident_id) }),
  from: { path: (args) => incidentPath(args.incident_id, '/alerts'), key: 'alerts', query: (args) => ({ statuses: args.statuses }) },
  show: {
    shape: shapeAlert,
    line: (a) => alertText(a, true),
    separator: '\n---\n',
    label: (args) => `Alerts of incident ${args.incident_id}`,
    empty: 'No alerts.',
  },
});

const getAlert = defineTool({
  name: 'get_alert_from_incident',
  title: 'Get alert of an incident',
  description: 'Get one alert of an incident, including its body details.',
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId, alert_id: pdId('alert') }),
  output: () => objectOutput('alert'),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { alert } = await ctx.client.get<{ alert: Raw }>(incidentPath(id, `/alerts/${encodeURIComponent(args.alert_id)}`), { signal: ctx.signal });
    const shaped = shapeAlert(alert);
    return { text: fence('Alert', alertText(shaped, true)), structured: { alert: shaped } };
  },
});

const getOutlier = defineTool({
  name: 'get_outlier_incident',
  title: 'Get outlier information',
  description: "Is this incident rare, anomalous or frequent for its service (AIOps)? Returns the occurrence category and pattern.",
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId, since: isoTime('Look back to this time').optional() }),
  output: () => objectOutput('outlier_incident'),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { outlier_incident } = await ctx.client.get<{ outlier_incident: Raw }>(incidentPath(id, '/outlier_incident'), {
      signal: ctx.signal,
      query: { since: args.since },
    });
    const occurrence = outlier_incident?.incident?.occurrence ?? {};
    const shaped = compact({
      incident_id: id,
      title: typeof outlier_incident?.incident?.title === 'string' ? outlier_incident.incident.title : undefined,
      created_at: time(outlier_incident?.incident?.created_at),
      category: occurrence.category,
      count: occurrence.count,
      frequency: occurrence.frequency,
      since: time(occurrence.since),
      until: time(occurrence.until),
      pattern: outlier_incident?.incident_template?.mined_text,
    });
    const head = shaped.title ? `${shaped.title}${shaped.created_at ? ` | created: ${shaped.created_at}` : ''}\n` : '';
    const body = `${head}category: ${shaped.category ?? 'unknown'}; occurrences: ${shaped.count ?? 'n/a'}; frequency: ${shaped.frequency ?? 'n/a'}${shaped.pattern ? `\npattern: ${shaped.pattern}` : ''}`;
    return { text: fence(`Outlier information for ${id}`, body), structured: { outlier_incident: shaped } };
  },
});

const getPast = defineTool({
  name: 'get_past_incidents',
  title: 'Get similar past incidents',
  description: 'Past incidents on the same service with similar content, with a similarity score.',
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId, limit: limit(5, 999) }),
  output: () => ({ past_incidents: items, total: z.number().int().optional() }),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const page = await ctx.client.get<{ past_incidents: Raw[]; total?: number }>(incidentPath(id, '/past_incidents'), {
      signal: ctx.signal,
      query: { limit: args.limit, total: true },
    });
    const past = (page.past_incidents ?? []).map(shapeRelated);
    const body = past.length ? past.map((p) => `${p.id} (score ${p.score ?? 'n/a'}) ${p.title} | created: ${p.created_at}`).join('\n') : 'No similar past incidents.';
    return {
      text: fence(`Past incidents similar to ${id}`, body),
      structured: { past_incidents: past, ...(typeof page.total === 'number' ? { total: page.total } : {}) },
    };
  },
});

const getRelated = defineTool({
  name: 'get_related_incidents',
  title: 'Get related incidents',
  description: 'Recent incidents related to this one (machine-learning inferred or through service dependencies).',
  toolset: 'incidents',
  annotations: READ,
  input: () => ({ incident_id: incidentId }),
  output: () => ({ related_incidents: items }),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { related_incidents } = await ctx.client.get<{ related_incidents: Raw[] }>(incidentPath(id, '/related_incidents'), {
      signal: ctx.signal,
      query: { additional_details: ['incident'] },
    });
    const related = (related_incidents ?? []).map(shapeRelated);
    const body = related.length ? related.map((r) => `${r.id} ${r.title} | created: ${r.created_at} | why: ${(r.relationships ?? []).join(', ')}`).join('\n') : 'No related incidents.';
    return { text: fence(`Incidents related to ${id}`, body), structured: { related_incidents: related } };
  },
});

export const incidentsTools = [
  listIncidents,
  getIncident,
  createIncident,
  manageIncidents,
  addNote,
  listNotes,
  addResponders,
  listAlerts,
  getAlert,
  getOutlier,
  getPast,
  getRelated,
];

