import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, ref, refs, time, type Raw } from '../shape/common';
import { names } from '../../model/names';
import { finalLine, shapeScheduleHead, shapeV2Schedule, shapeV3Schedule } from '../shape/schedule';
import { fence } from '../../model/untrusted';
import { askChoice } from './ask';
import { items, listAnswer, listOutput, objectOutput } from './output';
import { isoTime, limit, offset, pdId, pdIds, query, text } from './params';
import { timeZone } from './params';
import { checkWindow, encode } from './scheduleParams';
import { CREATE, defineTool, READ, UPDATE, type ToolContext, type ToolDefinition } from './types';

const KINDS = ['layer_based', 'shift_based'] as const;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Like the peer: enriching v3 schedules (for user_ids) costs one request each, so it is capped. */
const MAX_V3_DETAILS = 50;
/** Users named only by id in a v3 final schedule that are looked up by GET /users/{id}. */
const MAX_NAME_LOOKUPS = 10;

type Head = ReturnType<typeof shapeScheduleHead>;

function headLine(s: Head): string {
  return [
    `${s.id} ${s.name} [${s.kind}]`,
    s.time_zone ? `tz: ${s.time_zone}` : undefined,
    s.teams?.length ? `teams: ${names(s.teams)}` : undefined,
    s.html_url,
  ]
    .filter(Boolean)
    .join(' | ');
}

async function getV3(ctx: ToolContext, id: string, since: string, until: string) {
  const { schedule } = await ctx.client.get<{ schedule: Raw }>(`/v3/schedules/${encode(id)}`, {
    signal: ctx.signal,
    query: { 'include[]': ['final_schedule'], since, until },
  });
  // Override members need not be listed in the schedule's users; look a few up so entries carry names.
  const known = new Set(refs(schedule.users).map((u) => u.id));
  const missing = [
    ...new Set<string>((schedule.final_schedule?.computed_shift_assignments ?? []).map((a: Raw) => a.member?.user_id).filter(Boolean)),
  ].filter((uid) => !known.has(uid));
  const extra = await Promise.all(
    missing.slice(0, MAX_NAME_LOOKUPS).map((uid) =>
      ctx.client
        .get<{ user: Raw }>(`/users/${encode(uid)}`, { signal: ctx.signal })
        .then((r) => ref(r.user))
        .catch(() => null),
    ),
  );
  return shapeV3Schedule(schedule, extra.filter((u): u is NonNullable<typeof u> => u !== null));
}

const getSchedule = defineTool({
  name: 'get_schedule',
  title: 'Get schedule',
  description: 'Get a schedule (layer- or shift-based) and who is on call when between since and until (default: the next 7 days).',
  toolset: 'schedules',
  annotations: READ,
  input: () => ({
    schedule_id: pdId('schedule'),
    kind: z.enum(KINDS).optional().describe('Skip detection: layer_based (v2) or shift_based (v3)'),
    since: isoTime('Start of rendered entries (default now)').optional(),
    until: isoTime('End of rendered entries (default since + 7 days)').optional(),
  }),
  output: () => objectOutput('schedule'),
  async handler(args, ctx) {
    checkWindow(args.since, args.until);
    const sinceMs = args.since ? Date.parse(args.since) : ctx.now().getTime();
    const since = args.since ?? new Date(sinceMs).toISOString();
    const until = args.until ?? new Date(sinceMs + WEEK_MS).toISOString();
    let schedule: ReturnType<typeof shapeV2Schedule> | ReturnType<typeof shapeV3Schedule>;
    if (args.kind === 'shift_based') {
      schedule = await getV3(ctx, args.schedule_id, since, until);
    } else {
      try {
        const { schedule: raw } = await ctx.client.get<{ schedule: Raw }>(`/schedules/${encode(args.schedule_id)}`, {
          signal: ctx.signal,
          query: { since, until },
        });
        schedule = shapeV2Schedule(raw);
      } catch (error) {
        // A shift-based schedule is not served by the v2 endpoint; PagerDuty answers 400 or 404 there.
        const v2Miss = error instanceof PagerDutyError && (error.kind === 'not_found' || error.kind === 'invalid_request');
        if (args.kind === 'layer_based' || !v2Miss) throw error;
        try {
          schedule = await getV3(ctx, args.schedule_id, since, until);
        } catch (v3Error) {
          if (v3Error instanceof PagerDutyError && v3Error.kind === 'not_found') {
            throw new PagerDutyError('not_found', `No schedule ${args.schedule_id} (neither layer-based nor shift-based); find ids with list_schedules.`, 404);
          }
          throw v3Error;
        }
      }
    }
    const final = schedule.final_schedule.length ? schedule.final_schedule.map(finalLine).join('\n') : 'Nobody is scheduled in this window.';
    const structure =
      'layers' in schedule
        ? schedule.layers.map((l: Raw) => `layer ${l.name}: ${names(l.users ?? [])}`).join('\n')
        : schedule.rotations.map((r: Raw) => `rotation ${r.id}: ${r.events.length} event(s)`).join('\n');
    const body = [headLine(schedule), structure, `On call ${since} → ${until}:`, final].filter(Boolean).join('\n');
    return { text: fence('Schedule', body), structured: { schedule } };
  },
});

const listSchedules = defineTool({
  name: 'list_schedules',
  title: 'List schedules',
  description: 'List layer-based (v2) and shift-based (v3) schedules together, each with its kind. Filter by name, teams or member users.',
  toolset: 'schedules',
  annotations: READ,
  input: () => ({
    query,
    team_ids: pdIds('team').optional(),
    user_ids: pdIds('user', 20).optional().describe('Only schedules these users are members of'),
    limit: limit(25, 100),
    offset,
  }),
  output: () => ({ ...listOutput('schedules'), incomplete: z.string().optional() }),
  async handler(args, ctx) {
    const filter = { query: args.query, team_ids: args.team_ids };
    const start = args.offset ?? 0;
    let schedules: Head[];
    let more: boolean;
    let total: number | undefined;
    let incomplete: string | undefined;

    if (!args.user_ids) {
      // The merged list is all v2 schedules followed by all v3 ones; offsets count across both.
      const v2 = await ctx.client.list<Raw>('/schedules', 'schedules', { signal: ctx.signal, limit: args.limit, offset: start, query: filter });
      schedules = v2.items.map((r) => shapeScheduleHead(r, 'layer_based'));
      more = v2.more;
      if (!v2.more) {
        const v2Total = v2.total ?? start + v2.items.length;
        const room = args.limit - schedules.length;
        const v3 = await ctx.client.list<Raw>('/v3/schedules', 'schedules', {
          signal: ctx.signal,
          limit: Math.max(room, 1),
          offset: Math.max(0, start - v2Total),
          query: filter,
        });
        if (room > 0) {
          schedules.push(...v3.items.map((r) => shapeScheduleHead(r, 'shift_based')));
          more = v3.more;
          total = v3.total !== undefined ? v2Total + v3.total : !v3.more ? start + schedules.length : undefined;
        } else {
          more = v3.items.length > 0; // only probed whether any shift-based schedule follows
        }
      }
    } else {
      const wanted = new Set(args.user_ids);
      const v2 = await ctx.client.list<Raw>('/schedules', 'schedules', { signal: ctx.signal, limit: 1000, query: filter });
      const v3 = await ctx.client.list<Raw>('/v3/schedules', 'schedules', { signal: ctx.signal, limit: 1000, query: filter });
      const v3Checked = v3.items.slice(0, MAX_V3_DETAILS);
      const v3Details = await Promise.all(
        v3Checked.map((r) => ctx.client.get<{ schedule: Raw }>(`/v3/schedules/${encode(String(r.id))}`, { signal: ctx.signal }).then((d) => d.schedule)),
      );
      const matches = [
        ...v2.items.filter((r) => refs(r.users).some((u) => wanted.has(u.id))).map((r) => shapeScheduleHead(r, 'layer_based')),
        ...v3Details.filter((r) => refs(r.users).some((u) => wanted.has(u.id))).map((r) => shapeScheduleHead(r, 'shift_based')),
      ];
      if (v2.more || v3.more || v3.items.length > MAX_V3_DETAILS) {
        incomplete = `INCOMPLETE: only the first 1000 layer-based and ${MAX_V3_DETAILS} shift-based schedules were checked for these users; narrow with query or team_ids.`;
      }
      schedules = matches.slice(start, start + args.limit);
      more = start + args.limit < matches.length;
      total = matches.length;
    }
    const page = { more, total, nextOffset: more ? start + schedules.length : undefined };
    return listAnswer({
      label: 'Schedules',
      key: 'schedules',
      items: schedules,
      line: headLine,
      page,
      offset: start,
      empty: 'No schedules match.',
      intro: incomplete ? `${incomplete}\n` : undefined,
      extra: incomplete ? { incomplete } : undefined,
    });
  },
});

const listScheduleUsers = defineTool({
  name: 'list_schedule_users',
  title: 'List schedule users',
  description: 'List the users of a layer-based schedule; with since/until, only those on call in that window.',
  toolset: 'schedules',
  annotations: READ,
  input: () => ({
    schedule_id: pdId('schedule'),
    since: isoTime('Window start').optional(),
    until: isoTime('Window end').optional(),
  }),
  output: () => ({ users: items }),
  async handler(args, ctx) {
    checkWindow(args.since, args.until);
    const { users } = await ctx.client.get<{ users: Raw[] }>(`/schedules/${encode(args.schedule_id)}/users`, {
      signal: ctx.signal,
      query: { since: args.since, until: args.until },
    });
    const shaped = (users ?? []).map((u) =>
      compact({ id: String(u.id), name: String(u.name ?? u.summary ?? u.id), email: u.email, time_zone: u.time_zone, html_url: u.html_url }),
    );
    const window = args.since || args.until ? ` on call ${args.since ?? '…'} → ${args.until ?? '…'}` : '';
    const body = shaped.length ? shaped.map((u) => `${u.id} ${u.name}${u.email ? ` <${u.email}>` : ''}`).join('\n') : 'No users.';
    return { text: fence(`Users of schedule ${args.schedule_id}${window}`, body), structured: { users: shaped } };
  },
});

const createSchedule = defineTool({
  name: 'create_schedule',
  title: 'Create schedule',
  description: 'Create an empty shift-based (v3) schedule; then add rotations/events or custom shifts with the schedules_v3 tools.',
  toolset: 'schedules',
  annotations: CREATE,
  input: () => ({
    name: text('Schedule name', 255),
    time_zone: timeZone('IANA time zone, e.g. Europe/Berlin'),
    team_ids: pdIds('team', 20).optional(),
  }),
  output: () => objectOutput('schedule'),
  async handler(args, ctx) {
    const { schedule } = await ctx.client.request<{ schedule: Raw }>('POST', '/v3/schedules', {
      signal: ctx.signal,
      body: {
        schedule: compact({ name: args.name, time_zone: args.time_zone, teams: args.team_ids?.map((id) => ({ id, type: 'team_reference' })) }),
      },
    });
    const shaped = shapeScheduleHead(schedule, 'shift_based');
    return { text: fence('Created schedule', headLine(shaped)), structured: { schedule: shaped } };
  },
});

const updateSchedule = defineTool({
  name: 'update_schedule',
  title: 'Update schedule',
  description: 'Rename a shift-based (v3) schedule or change its time zone. Layer-based schedules are not editable here.',
  toolset: 'schedules',
  annotations: UPDATE,
  input: () => ({
    schedule_id: pdId('schedule'),
    name: text('New name', 255).optional(),
    time_zone: timeZone('New IANA time zone').optional(),
  }),
  output: () => objectOutput('schedule'),
  async handler(args, ctx) {
    if (args.name === undefined && args.time_zone === undefined) {
      throw new PagerDutyError('invalid_request', 'Nothing to change: give name and/or time_zone.');
    }
    const { schedule } = await ctx.client.request<{ schedule: Raw }>('PUT', `/v3/schedules/${encode(args.schedule_id)}`, {
      signal: ctx.signal,
      body: { schedule: compact({ name: args.name, time_zone: args.time_zone }) },
    });
    const shaped = shapeScheduleHead(schedule, 'shift_based');
    return { text: fence('Updated schedule', headLine(shaped)), structured: { schedule: shaped } };
  },
});

/** Who covers the shift is the person's choice: ask among the schedule's users, or say what is missing. */
async function chooseOverrideUser(ctx: ToolContext, scheduleId: string, start: string, end: string): Promise<string> {
  if (!ctx.elicit) {
    throw new PagerDutyError(
      'invalid_request',
      'user_id is required: ask the person who should cover the shift (list_schedule_users lists the schedule\'s users); this client cannot ask them directly.',
    );
  }
  const { users } = await ctx.client.get<{ users: Raw[] }>(`/schedules/${encode(scheduleId)}/users`, { signal: ctx.signal });
  const choices = refs(users).map((u) => ({ id: u.id, label: u.name ?? u.id }));
  if (!choices.length) throw new PagerDutyError('invalid_request', `Schedule ${scheduleId} has no users to offer: give user_id.`);
  return askChoice(ctx, {
    message: `Who should be on call on schedule ${scheduleId} from ${start} to ${end}?`,
    field: 'user_id',
    title: 'On call',
    choices,
    about: 'who covers the shift',
    consequence: 'no override was created',
  });
}

const createOverride = defineTool({
  name: 'create_schedule_override',
  title: 'Create schedule override',
  description: 'Put a given user on call on a layer-based schedule from start to end, replacing whoever is scheduled.',
  toolset: 'schedules',
  annotations: CREATE,
  input: () => ({
    schedule_id: pdId('schedule'),
    user_id: pdId('user').optional().describe('User to put on call; leave out to let the person choose (never guess)'),
    start: isoTime('Override start'),
    end: isoTime('Override end, after start'),
  }),
  output: () => objectOutput('override'),
  async handler(args, ctx) {
    checkWindow(args.start, args.end, ['start', 'end']);
    const userId = args.user_id ?? (await chooseOverrideUser(ctx, args.schedule_id, args.start, args.end));
    const results = await ctx.client.request<Raw[]>('POST', `/schedules/${encode(args.schedule_id)}/overrides`, {
      signal: ctx.signal,
      body: { overrides: [{ start: args.start, end: args.end, user: { id: userId, type: 'user_reference' } }] },
    });
    const result = Array.isArray(results) ? results[0] : undefined;
    if (!result || (typeof result.status === 'number' && result.status >= 300)) {
      const why = (result?.errors ?? []).map(String).join('; ') || 'no reason given';
      throw new PagerDutyError('invalid_request', `PagerDuty rejected the override: ${why}`, result?.status);
    }
    const o = result.override ?? {};
    const shaped = compact({ id: o.id, schedule_id: args.schedule_id, start: time(o.start), end: time(o.end), user: ref(o.user) });
    return {
      text: fence('Created override', `${shaped.id}: ${shaped.user?.name ?? userId} on call ${shaped.start} → ${shaped.end} on schedule ${args.schedule_id}`),
      structured: { override: shaped },
    };
  },
});

export const schedulesTools: ToolDefinition[] = [getSchedule, listSchedules, listScheduleUsers, createSchedule, updateSchedule, createOverride];
