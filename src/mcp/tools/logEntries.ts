import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import type { Raw } from '../shape/common';
import { logEntryLine, shapeLogEntry } from '../shape/logEntries';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { isoTime, limit, offset, pdId, pdIds, timeZone as timeZoneParam } from './params';
import { defineTool, READ, type ToolDefinition } from './types';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const timeZone = timeZoneParam('IANA time zone for returned times');

const listLogEntries = defineListTool({
  name: 'list_log_entries',
  title: 'List log entries',
  description: 'Account-wide incident log entries, newest first (default: last 7 days).',
  toolset: 'log_entries',
  input: () => ({
    since: isoTime('Start (default: 7 days before until)').optional(),
    until: isoTime('End (default: now)').optional(),
    is_overview: z.boolean().default(false).describe('Only state changes'),
    team_ids: pdIds('team').optional(),
    time_zone: timeZone.optional(),
    limit: limit(25),
    offset,
  }),
  prepare(args, ctx) {
    const untilMs = args.until ? Date.parse(args.until) : ctx.now().getTime();
    const sinceMs = args.since ? Date.parse(args.since) : untilMs - WEEK_MS;
    if (sinceMs >= untilMs) throw new PagerDutyError('invalid_request', 'since must be before until.');
    return { ...args, since: args.since ?? new Date(sinceMs).toISOString(), until: args.until ?? new Date(untilMs).toISOString() };
  },
  from: {
    path: '/log_entries',
    key: 'log_entries',
    query: (args) => ({ since: args.since, until: args.until, is_overview: args.is_overview, team_ids: args.team_ids, time_zone: args.time_zone }),
  },
  show: {
    shape: shapeLogEntry,
    line: logEntryLine,
    label: (args) => `Log entries ${args.since} – ${args.until}`,
    empty: 'No log entries in this window.',
  },
});

const getLogEntry = defineTool({
  name: 'get_log_entry',
  title: 'Get log entry',
  description: 'Get one log entry: what happened, who did it, which incident.',
  toolset: 'log_entries',
  annotations: READ,
  input: () => ({ log_entry_id: pdId('log entry'), time_zone: timeZone.optional() }),
  output: () => objectOutput('log_entry'),
  async handler(args, ctx) {
    const { log_entry } = await ctx.client.get<{ log_entry: Raw }>(`/log_entries/${encodeURIComponent(args.log_entry_id)}`, {
      signal: ctx.signal,
      query: { time_zone: args.time_zone },
    });
    const shaped = shapeLogEntry(log_entry);
    return { text: fence('Log entry', logEntryLine(shaped)), structured: { log_entry: shaped } };
  },
});

export const logEntriesTools: ToolDefinition[] = [getLogEntry, listLogEntries];
