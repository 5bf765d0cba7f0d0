import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { incidentMetricsLine, responderMetricsLine, shapeMetricsRow, type MetricsRow } from '../shape/analytics';
import type { Raw } from '../shape/common';
import { fence } from '../../model/untrusted';
import { items } from './output';
import { isoTime, pdIds, timeZone as timeZoneParam } from './params';
import { defineTool, READ, type ToolContext, type ToolDefinition } from './types';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

const INCIDENT_ORDER = [
  'total_incident_count',
  'mean_seconds_to_first_ack',
  'mean_seconds_to_resolve',
  'total_escalation_count',
  'total_interruptions',
  'up_time_pct',
] as const;
const RESPONDER_ORDER = [
  'total_incident_count',
  'mean_time_to_acknowledge_seconds',
  'total_interruptions',
  'total_off_hour_interruptions',
  'total_sleep_hour_interruptions',
] as const;

const timeZone = timeZoneParam('IANA zone for periods (default UTC)').optional();
const urgency = z.enum(['high', 'low']).optional().describe('Only this urgency');
const order = z.enum(['asc', 'desc']).optional().describe('Sort direction (default desc)');

const output = { metrics: items, start: z.string(), end: z.string(), team_ids: z.array(z.string()).optional() };

/** Resolves the window: defaults to the last 30 days, and start must come before end. */
function range(start: string | undefined, end: string | undefined, ctx: ToolContext, names: [string, string]) {
  const endMs = end ? Date.parse(end) : ctx.now().getTime();
  const startMs = start ? Date.parse(start) : endMs - DEFAULT_DAYS * DAY_MS;
  if (startMs >= endMs) {
    throw new PagerDutyError('invalid_request', `${names[0]} must be before ${names[1]} (got ${new Date(startMs).toISOString()} ≥ ${new Date(endMs).toISOString()}).`);
  }
  return { start: start ?? new Date(startMs).toISOString(), end: end ?? new Date(endMs).toISOString() };
}

/**
 * PagerDuty requires team_ids or service_ids on some endpoints for user tokens; default to the caller's teams
 * then. Account keys have no user and no such requirement, so they are sent unscoped.
 */
async function defaultTeams(ctx: ToolContext): Promise<string[] | undefined> {
  try {
    const teams = (await ctx.client.me(ctx.signal)).teams ?? [];
    return teams.length ? teams.map((t) => t.id) : undefined;
  } catch (error) {
    if (error instanceof PagerDutyError && error.kind === 'configuration') return undefined;
    throw error;
  }
}

async function post(ctx: ToolContext, path: string, body: Record<string, unknown>): Promise<MetricsRow[]> {
  try {
    const { data } = await ctx.client.request<{ data?: Raw[] }>('POST', `/analytics/metrics/${path}`, { signal: ctx.signal, body });
    return (data ?? []).map(shapeMetricsRow);
  } catch (error) {
    if (error instanceof PagerDutyError && error.kind === 'invalid_request' && /team_ids|service_ids/.test(error.message)) {
      throw new PagerDutyError('invalid_request', `${error.message} Give team_ids or service_ids to scope the metrics.`, error.status);
    }
    throw error;
  }
}

interface IncidentSpec {
  name: string;
  path: string;
  title: string;
  description: string;
  /** The endpoint needs team_ids or service_ids for user tokens. */
  scoped: boolean;
}

function incidentMetricsTool(spec: IncidentSpec): ToolDefinition {
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    toolset: 'analytics',
    annotations: READ,
    input: () => ({
      created_at_start: isoTime('Created from (default: 30 days ago)').optional(),
      created_at_end: isoTime('Created until (default: now)').optional(),
      team_ids: pdIds('team').optional(),
      service_ids: pdIds('service').optional(),
      urgency,
      aggregate_unit: z.enum(['day', 'week', 'month']).optional().describe('One row per period'),
      time_zone: timeZone,
      order_by: z.enum(INCIDENT_ORDER).optional().describe('Sort by metric'),
      order,
    }),
    output: () => output,
    async handler(args, ctx) {
      const { start, end } = range(args.created_at_start, args.created_at_end, ctx, ['created_at_start', 'created_at_end']);
      let teamIds = args.team_ids;
      const defaulted = spec.scoped && !teamIds && !args.service_ids ? await defaultTeams(ctx) : undefined;
      teamIds ??= defaulted;
      const rows = await post(ctx, spec.path, {
        filters: { created_at_start: start, created_at_end: end, urgency: args.urgency, team_ids: teamIds, service_ids: args.service_ids },
        aggregate_unit: args.aggregate_unit,
        time_zone: args.time_zone,
        order_by: args.order_by,
        order: args.order ?? (args.order_by ? 'desc' : undefined),
      });
      const scope = defaulted ? `\nScoped to your teams (${defaulted.join(', ')}); pass team_ids or service_ids to change that.` : '';
      const body = rows.length ? rows.map(incidentMetricsLine).join('\n') : 'No incidents in this range.';
      return {
        text: `Incident metrics ${start} → ${end}${args.urgency ? ` (${args.urgency} urgency)` : ''}.${scope}\n${fence('Metrics', body)}`,
        structured: { metrics: rows, start, end, ...(teamIds ? { team_ids: teamIds } : {}) },
      };
    },
  });
}

function responderMetricsTool(name: string, path: string, title: string, description: string, perResponder: boolean): ToolDefinition {
  return defineTool({
    name,
    title,
    description,
    toolset: 'analytics',
    annotations: READ,
    input: () => ({
      date_range_start: isoTime('From (default: 30 days ago)').optional(),
      date_range_end: isoTime('Until (default: now)').optional(),
      team_ids: pdIds('team').optional(),
      ...(perResponder ? { responder_ids: pdIds('user').optional().describe('Only these responders (user ids)') } : {}),
      urgency,
      time_zone: timeZone,
      order_by: z.enum(RESPONDER_ORDER).optional().describe('Sort by metric'),
      order,
    }),
    output: () => output,
    async handler(args, ctx) {
      const { start, end } = range(args.date_range_start, args.date_range_end, ctx, ['date_range_start', 'date_range_end']);
      const responderIds = (args as { responder_ids?: string[] }).responder_ids;
      const rows = await post(ctx, path, {
        filters: { date_range_start: start, date_range_end: end, urgency: args.urgency, team_ids: args.team_ids, responder_ids: responderIds },
        time_zone: args.time_zone,
        order_by: args.order_by,
        order: args.order ?? (args.order_by ? 'desc' : undefined),
      });
      const body = rows.length ? rows.map(responderMetricsLine).join('\n') : 'No responder activity in this range.';
      return {
        text: `Responder metrics ${start} → ${end}${args.urgency ? ` (${args.urgency} urgency)` : ''}.\n${fence('Metrics', body)}`,
        structured: { metrics: rows, start, end, ...(args.team_ids ? { team_ids: args.team_ids } : {}) },
      };
    },
  });
}

export const analyticsTools: ToolDefinition[] = [
  responderMetricsTool(
    'get_responder_metrics',
    'responders/teams',
    'Responder metrics by team',
    'Per responder and team: incidents, MTTA, interruptions by business/off/sleep hours. Default: last 30 days.',
    true,
  ),
  incidentMetricsTool({
    name: 'get_incident_metrics_by_service',
    path: 'incidents/services',
    title: 'Incident metrics by service',
    description: 'Per service: incidents, MTTA, MTTR, escalations, uptime; optionally per day/week/month. Default: last 30 days.',
    scoped: false,
  }),
  incidentMetricsTool({
    name: 'get_incident_metrics_by_team',
    path: 'incidents/teams',
    title: 'Incident metrics by team',
    description: 'Per team: incidents, MTTA, MTTR, escalations; optionally per day/week/month. Default: your teams, last 30 days.',
    scoped: true,
  }),
  responderMetricsTool(
    'get_responder_load_metrics',
    'responders/all',
    'Responder load metrics',
    'Totals across responders: incidents, MTTA, interruptions by business/off/sleep hours. Default: last 30 days.',
    false,
  ),
  incidentMetricsTool({
    name: 'get_incident_metrics_all',
    path: 'incidents/all',
    title: 'Incident metrics (totals)',
    description: 'Incident totals: count, MTTA, MTTR, escalations; optionally per day/week/month. Default: your teams, last 30 days.',
    scoped: true,
  }),
];
