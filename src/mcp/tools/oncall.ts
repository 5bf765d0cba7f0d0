import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { ref, type Raw, type Ref } from '../shape/common';
import { shapeOnCall, type OnCallEntry } from '../shape/schedule';
import { fence } from '../../model/untrusted';
import { fittingCount, listOutput, pageAfterCut, pageFields } from './output';
import { isoTime, limit, offset, pdIds } from './params';
import { timeZone } from './params';
import { checkWindow, encode } from './scheduleParams';
import { defineTool, READ, type ToolDefinition } from './types';

function entryLine(e: OnCallEntry): string {
  const who = e.user ? `${e.user.name} (${e.user.id})` : 'unknown user';
  const via = e.schedule ? `via schedule ${e.schedule.name} (${e.schedule.id})` : 'directly (policy target)';
  const when = e.start === null && e.end === null ? 'always on call' : `${e.start ?? '…'} → ${e.end ?? 'open-ended'}`;
  return `  L${e.escalation_level}: ${who} ${via} | ${when}`;
}

/** Grouped by escalation policy and level, so "who is on call for X" reads off the first lines. */
function oncallText(entries: OnCallEntry[]): string {
  const groups = new Map<string, { policy: Ref | null; entries: OnCallEntry[] }>();
  for (const e of entries) {
    const key = e.escalation_policy?.id ?? '?';
    const group = groups.get(key) ?? { policy: e.escalation_policy, entries: [] };
    group.entries.push(e);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ policy, entries: list }) => {
      list.sort((a, b) => a.escalation_level - b.escalation_level || String(a.start).localeCompare(String(b.start)));
      return [`${policy ? `${policy.name} (${policy.id})` : 'Unknown escalation policy'}:`, ...list.map(entryLine)].join('\n');
    })
    .join('\n');
}

const listOncalls = defineTool({
  name: 'list_oncalls',
  title: 'List on-calls',
  description: 'Who is on call (now by default, or in since/until) per escalation policy and level. Filter by users, policies, schedules or services.',
  toolset: 'oncall',
  annotations: READ,
  input: () => ({
    user_ids: pdIds('user').optional(),
    escalation_policy_ids: pdIds('escalation policy').optional(),
    schedule_ids: pdIds('schedule').optional(),
    service_ids: pdIds('service', 20).optional().describe("Resolved to each service's escalation policy"),
    since: isoTime('Window start (default now)').optional(),
    until: isoTime('Window end (default since)').optional(),
    earliest: z.boolean().default(true).describe('Only the next on-call per user, policy and level'),
    time_zone: timeZone('Zone for start/end (IANA)').optional(),
    limit: limit(50, 1000),
    offset,
  }),
  output: () => listOutput('entries'),
  async handler(args, ctx) {
    checkWindow(args.since, args.until);
    let policyIds = args.escalation_policy_ids;
    const viaServices: string[] = [];
    if (args.service_ids) {
      const services = await Promise.all(
        args.service_ids.map(async (id) => {
          try {
            const { service } = await ctx.client.get<{ service: Raw }>(`/services/${encode(id)}`, { signal: ctx.signal });
            return service;
          } catch (error) {
            if (error instanceof PagerDutyError && error.kind === 'not_found') {
              throw new PagerDutyError('not_found', `service_ids: service ${id} does not exist; find ids with list_services.`, 404);
            }
            throw error;
          }
        }),
      );
      const found = services.map((s) => ({ service: ref(s), policy: ref(s.escalation_policy) }));
      for (const { service, policy } of found) {
        viaServices.push(`${service?.name ?? '?'} (${service?.id}) → ${policy ? `${policy.name} (${policy.id})` : 'no escalation policy'}`);
      }
      policyIds = [...new Set([...(policyIds ?? []), ...found.flatMap((f) => (f.policy ? [f.policy.id] : []))])];
      if (policyIds.length === 0) {
        return { text: `${fence('Services', viaServices.join('\n'))}\nNone of these services has an escalation policy, so nobody is on call for them.`, structured: { entries: [], more: false, total: 0 } };
      }
    }
    const page = await ctx.client.list<Raw>('/oncalls', 'oncalls', {
      signal: ctx.signal,
      limit: args.limit,
      offset: args.offset,
      query: {
        user_ids: args.user_ids,
        escalation_policy_ids: policyIds,
        schedule_ids: args.schedule_ids,
        since: args.since,
        until: args.until,
        earliest: args.earliest,
        time_zone: args.time_zone,
      },
    });
    const fetched = page.items.map(shapeOnCall);
    // Grouped by policy, so the answer cap is met by showing fewer entries (the rest by offset), not by a cut mid-group.
    const entries = fetched.slice(0, fittingCount(fetched, oncallText));
    const paging = pageAfterCut(entries.length, fetched.length, page, args.offset);
    const window = args.since || args.until ? `${args.since ?? 'now'} → ${args.until ?? args.since}` : 'now';
    const body = entries.length ? oncallText(entries) : 'Nobody matches: no on-call entries for these filters.';
    const mapping = viaServices.length ? `${fence('Services resolved to escalation policies', viaServices.join('\n'))}\n` : '';
    return {
      text: `${mapping}${fence(`On call (${window})`, body)}\n${paging.footer}`,
      structured: { entries, ...pageFields(paging.page) },
    };
  },
});

export const oncallTools: ToolDefinition[] = [listOncalls];
