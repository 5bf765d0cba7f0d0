/**
 * Incident tools PagerDuty's official server lacks, added for the incident page (and useful to the model):
 * snooze, merge, status updates and one incident's own log, each marked `extra`.
 */
import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, ref, time, type Raw } from '../shape/common';
import { incidentDetail, shapeIncident } from '../shape/incident';
import { logEntryLine, shapeLogEntry, type LogEntry } from '../shape/logEntries';
import { fence } from '../../model/untrusted';
import { incidentPath, incidentRef, resolveIncidentId } from './incidentRefs';
import { fittingCount, listOutput, objectOutput, pageAfterCut, pageFields } from './output';
import { limit, offset, text, visibleText } from './params';
import { CREATE, defineTool, DESTRUCTIVE, READ, UPDATE, type ToolDefinition } from './types';

const incidentId = incidentRef;

/** PagerDuty accepts 1 second to 7 days; minutes is what people (and models) think in. */
const MAX_SNOOZE_MINUTES = 7 * 24 * 60;

const snoozeIncident = defineTool({
  name: 'snooze_incident',
  extra: true,
  title: 'Snooze incident',
  description: 'Snooze an acknowledged incident: it returns to triggered (and notifies again) after the given minutes.',
  toolset: 'incidents',
  annotations: UPDATE,
  input: () => ({
    incident_id: incidentId,
    duration_minutes: z.number().int().min(1).max(MAX_SNOOZE_MINUTES).describe(`Minutes until it triggers again (1-${MAX_SNOOZE_MINUTES})`),
  }),
  output: () => objectOutput('incident'),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { incident } = await ctx.client.request<{ incident: Raw }>('POST', incidentPath(id, '/snooze'), {
      signal: ctx.signal,
      needsFrom: true,
      body: { duration: args.duration_minutes * 60 },
    });
    const shaped = shapeIncident(incident);
    return { text: fence(`Snoozed for ${args.duration_minutes} minutes`, incidentDetail(shaped)), structured: { incident: shaped } };
  },
});

const mergeIncidents = defineTool({
  name: 'merge_incidents',
  extra: true,
  title: 'Merge incidents',
  description: "Merge source incidents into a target incident: their alerts move to the target and the sources are resolved. Cannot be undone.",
  toolset: 'incidents',
  annotations: DESTRUCTIVE,
  input: () => ({
    target_incident_id: incidentId.describe('The incident that keeps all alerts (id or number)'),
    source_incident_ids: z.array(incidentId).min(1).max(50).describe('Incidents merged into the target and resolved (ids or numbers)'),
  }),
  output: () => objectOutput('incident'),
  async handler(args, ctx) {
    const target = await resolveIncidentId(ctx, args.target_incident_id);
    const sources = [...new Set(await Promise.all(args.source_incident_ids.map((s) => resolveIncidentId(ctx, s))))];
    if (sources.includes(target)) throw new PagerDutyError('invalid_request', 'An incident cannot be merged into itself: remove the target from source_incident_ids.');
    const { incident } = await ctx.client.request<{ incident: Raw }>('PUT', incidentPath(target, '/merge'), {
      signal: ctx.signal,
      needsFrom: true,
      body: { source_incidents: sources.map((id) => ({ id, type: 'incident_reference' })) },
    });
    const shaped = compact({ id: String(incident?.id ?? target), name: ref(incident)?.name, html_url: incident?.html_url, merged: sources });
    return { text: fence(`Merged ${sources.length} incident(s) into ${target}`, `${shaped.name ?? target}\nresolved by the merge: ${sources.join(', ')}`), structured: { incident: shaped } };
  },
});

const createStatusUpdate = defineTool({
  name: 'create_incident_status_update',
  extra: true,
  title: 'Send incident status update',
  description: "Post a status update to an incident's stakeholders (subscribers are notified). subject and html_message go together, for a custom email.",
  toolset: 'incidents',
  annotations: CREATE,
  input: () => ({
    incident_id: incidentId,
    message: text('Status update text', 10_000),
    subject: z.string().trim().min(1).max(255).refine(...visibleText).optional().describe('Email subject (with html_message)'),
    html_message: z.string().trim().min(1).max(50_000).refine(...visibleText).optional().describe('Custom HTML email body (with subject)'),
  }),
  output: () => objectOutput('status_update'),
  async handler(args, ctx) {
    if (Boolean(args.subject) !== Boolean(args.html_message)) {
      throw new PagerDutyError('invalid_request', 'Give subject and html_message together (a custom email), or neither.');
    }
    const id = await resolveIncidentId(ctx, args.incident_id);
    const { status_update } = await ctx.client.request<{ status_update: Raw }>('POST', incidentPath(id, '/status_updates'), {
      signal: ctx.signal,
      needsFrom: true,
      body: compact({ message: args.message, subject: args.subject, html_message: args.html_message }),
    });
    const shaped = compact({
      id: String(status_update?.id ?? ''),
      incident_id: id,
      message: String(status_update?.message ?? args.message),
      subject: status_update?.subject,
      sender: ref(status_update?.sender),
      created_at: time(status_update?.created_at),
    });
    return { text: fence(`Status update ${shaped.id} sent on incident ${id}`, shaped.message), structured: { status_update: shaped } };
  },
});

const listIncidentLogEntries = defineTool({
  name: 'list_incident_log_entries',
  extra: true,
  title: "List an incident's log entries",
  description: "One incident's timeline, oldest first: triggered, notified, acknowledged, assigned, escalated, annotated, resolved.",
  toolset: 'incidents',
  annotations: READ,
  input: () => ({
    incident_id: incidentId,
    is_overview: z.boolean().default(false).describe('Only state changes (no notifications)'),
    limit: limit(100),
    offset,
  }),
  output: () => listOutput('log_entries'),
  async handler(args, ctx) {
    const id = await resolveIncidentId(ctx, args.incident_id);
    const page = await ctx.client.list<Raw>(incidentPath(id, '/log_entries'), 'log_entries', {
      signal: ctx.signal,
      limit: args.limit,
      offset: args.offset,
      query: { is_overview: args.is_overview },
    });
    // PagerDuty lists newest first. Shown oldest first: reversed before the stable sort so entries of the same second
    // keep their order. Over the answer cap, the newest (the start of the page) are kept, so the offset continues there.
    const newestFirst = page.items.map(shapeLogEntry);
    const readingOrder = (list: LogEntry[]) => [...list].reverse().sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
    const render = (list: LogEntry[]) => readingOrder(list).map(logEntryLine).join('\n');
    const shown = newestFirst.slice(0, fittingCount(newestFirst, render));
    const paging = pageAfterCut(shown.length, newestFirst.length, page, args.offset);
    const entries = readingOrder(shown);
    const body = entries.length ? entries.map(logEntryLine).join('\n') : 'No log entries.';
    return { text: `${fence(`Log of incident ${id}`, body)}\n${paging.footer}`, structured: { log_entries: entries, ...pageFields(paging.page) } };
  },
});

export const incidentActionsTools: ToolDefinition[] = [snoozeIncident, mergeIncidents, createStatusUpdate, listIncidentLogEntries];
