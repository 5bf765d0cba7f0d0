/** Shift-based (v3) schedule parts: rotations and their events, custom shifts, overrides. */
import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, type Raw } from '../shape/common';
import { eventLine, memberText, shapeCustomShift, shapeEvent, shapeRotation, shapeV3Override } from '../shape/schedule';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { isoTime, limit, offset, pdId, text } from './params';
import { timeZone } from './params';
import { checkWindow, encode, listV3 } from './scheduleParams';
import { CREATE, defineTool, DESTRUCTIVE, READ, UPDATE, type ToolContext, type ToolDefinition } from './types';

const STRATEGIES = ['rotating_member_assignment_strategy', 'every_member_assignment_strategy'] as const;
const MEMBER_TYPES = ['user_member', 'empty_member'] as const;

const scheduleId = pdId('schedule').describe('Shift-based (v3) schedule id');
const rotationId = pdId('rotation');
const eventId = pdId('rotation event');
const shiftId = pdId('custom shift');
const overrideId = pdId('override');

const member = z
  .strictObject({
    type: z.enum(MEMBER_TYPES).describe('empty_member = nobody'),
    user_id: pdId('user').optional().describe('For user_member'),
  })
  .refine((m) => (m.type === 'user_member') === (m.user_id !== undefined), { message: 'user_member needs user_id; empty_member takes none' });
type MemberInput = z.infer<typeof member>;

const memberBody = (m: MemberInput) => compact({ type: m.type, user_id: m.user_id });
const path = (id: string, ...rest: string[]) => ['/v3/schedules', id, ...rest].map((p, i) => (i === 0 ? p : encode(p))).join('/');
const deletedOutput = { deleted: z.boolean(), id: z.string() };

async function remove(ctx: ToolContext, url: string, what: string, id: string) {
  await ctx.client.request('DELETE', url, { signal: ctx.signal });
  return { text: `Deleted ${what} ${id}.`, structured: { deleted: true, id } };
}

function rotationText(r: ReturnType<typeof shapeRotation>): string {
  return [`rotation ${r.id}: ${r.events.length} event(s)`, ...r.events.map((e: ReturnType<typeof shapeEvent>) => `  ${eventLine(e)}`)].join('\n');
}

function shiftLine(s: ReturnType<typeof shapeCustomShift>): string {
  return `${s.id} ${s.start_time} → ${s.end_time}: ${memberText(s.member)}`;
}

function overrideLine(o: ReturnType<typeof shapeV3Override>): string {
  const on = o.rotation_id ? `rotation ${o.rotation_id}` : `custom shift ${o.custom_shift_id}`;
  return `${o.id} ${o.start_time} → ${o.end_time} on ${on}: ${memberText(o.overriding_member)} replaces ${memberText(o.overridden_member)}`;
}

// ---- schedules --------------------------------------------------------------------------------------

const deleteSchedule = defineTool({
  name: 'delete_schedule_v3',
  title: 'Delete shift-based schedule',
  description: 'Delete a shift-based (v3) schedule with all its rotations, shifts and overrides.',
  toolset: 'schedules_v3',
  annotations: DESTRUCTIVE,
  input: () => ({ schedule_id: scheduleId }),
  output: () => deletedOutput,
  async handler(args, ctx) {
    return remove(ctx, path(args.schedule_id), 'schedule', args.schedule_id);
  },
});

// ---- rotations --------------------------------------------------------------------------------------

const listRotations = defineListTool({
  name: 'list_schedule_v3_rotations',
  title: 'List schedule rotations',
  description: 'List the rotations of a shift-based schedule with their events.',
  toolset: 'schedules_v3',
  input: () => ({ schedule_id: scheduleId, limit: limit(25, 100), offset }),
  from: { path: (args) => path(args.schedule_id, 'rotations'), key: 'rotations', list: listV3 },
  show: { shape: shapeRotation, line: rotationText, label: (args) => `Rotations of ${args.schedule_id}`, empty: 'None.' },
});

const getRotation = defineTool({
  name: 'get_schedule_v3_rotation',
  title: 'Get schedule rotation',
  description: 'Get one rotation of a shift-based schedule with its events.',
  toolset: 'schedules_v3',
  annotations: READ,
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId }),
  output: () => objectOutput('rotation'),
  async handler(args, ctx) {
    const { rotation } = await ctx.client.get<{ rotation: Raw }>(path(args.schedule_id, 'rotations', args.rotation_id), { signal: ctx.signal });
    const shaped = shapeRotation(rotation);
    return { text: fence('Rotation', rotationText(shaped)), structured: { rotation: shaped } };
  },
});

const createRotation = defineTool({
  name: 'create_schedule_v3_rotation',
  title: 'Create schedule rotation',
  description: 'Add an empty rotation to a shift-based schedule; then add events to it.',
  toolset: 'schedules_v3',
  annotations: CREATE,
  input: () => ({ schedule_id: scheduleId }),
  output: () => objectOutput('rotation'),
  async handler(args, ctx) {
    const { rotation } = await ctx.client.request<{ rotation: Raw }>('POST', path(args.schedule_id, 'rotations'), { signal: ctx.signal, body: {} });
    const shaped = shapeRotation(rotation);
    return { text: `Created rotation ${shaped.id} on schedule ${args.schedule_id}; add events with create_schedule_v3_rotation_event.`, structured: { rotation: shaped } };
  },
});

const deleteRotation = defineTool({
  name: 'delete_schedule_v3_rotation',
  title: 'Delete schedule rotation',
  description: 'Delete a rotation (and its events) from a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: DESTRUCTIVE,
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId }),
  output: () => deletedOutput,
  async handler(args, ctx) {
    return remove(ctx, path(args.schedule_id, 'rotations', args.rotation_id), 'rotation', args.rotation_id);
  },
});

// ---- rotation events --------------------------------------------------------------------------------

const eventFields = {
  name: text('Event name', 255),
  start_time: isoTime('First shift start'),
  end_time: isoTime('First shift end'),
  time_zone: timeZone('IANA zone of the shift times'),
  effective_since: isoTime('When the event takes effect'),
  effective_until: isoTime('When it ends (omit: never)').optional(),
  recurrence: z
    .array(z.string().trim().regex(/^RRULE:/, { message: 'expected an RRULE such as RRULE:FREQ=WEEKLY;INTERVAL=1' }))
    .max(5)
    .describe('e.g. RRULE:FREQ=WEEKLY;INTERVAL=1'),
  assignment_strategy: z.enum(STRATEGIES).describe('rotating = take turns; every = all at once'),
  shifts_per_member: z.number().int().min(1).max(100).optional().describe('Shifts in a row per member'),
  members: z.array(member).min(1).max(20).describe('In rotation order'),
};

type EventArgs = Partial<{ [K in keyof typeof eventFields]: z.infer<(typeof eventFields)[K]> }>;

function eventBody(a: EventArgs) {
  if ((a.start_time || a.end_time) && !a.time_zone) {
    throw new PagerDutyError('invalid_request', 'time_zone is required with start_time/end_time.');
  }
  if (a.start_time && a.end_time) checkWindow(a.start_time, a.end_time, ['start_time', 'end_time']);
  if (a.effective_since && a.effective_until) checkWindow(a.effective_since, a.effective_until, ['effective_since', 'effective_until']);
  if ((a.assignment_strategy === undefined) !== (a.members === undefined)) {
    throw new PagerDutyError('invalid_request', 'Give assignment_strategy and members together.');
  }
  if (a.shifts_per_member !== undefined && a.assignment_strategy === undefined) {
    throw new PagerDutyError('invalid_request', 'shifts_per_member needs assignment_strategy and members.');
  }
  return compact({
    name: a.name,
    start_time: a.start_time ? { date_time: a.start_time, time_zone: a.time_zone } : undefined,
    end_time: a.end_time ? { date_time: a.end_time, time_zone: a.time_zone } : undefined,
    effective_since: a.effective_since,
    effective_until: a.effective_until,
    recurrence: a.recurrence,
    assignment_strategy: a.assignment_strategy
      ? compact({ type: a.assignment_strategy, shifts_per_member: a.shifts_per_member, members: (a.members ?? []).map(memberBody) })
      : undefined,
  });
}

const listEvents = defineListTool({
  name: 'list_schedule_v3_rotation_events',
  title: 'List rotation events',
  description: 'List the events (recurring shift patterns) of a rotation.',
  toolset: 'schedules_v3',
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId, limit: limit(25, 100), offset }),
  from: { path: (args) => path(args.schedule_id, 'rotations', args.rotation_id, 'events'), key: 'events', list: listV3 },
  show: { shape: shapeEvent, line: eventLine, label: (args) => `Events of rotation ${args.rotation_id}`, empty: 'None.' },
});

const getEvent = defineTool({
  name: 'get_schedule_v3_rotation_event',
  title: 'Get rotation event',
  description: 'Get one event of a rotation: times, recurrence, assignment strategy, members.',
  toolset: 'schedules_v3',
  annotations: READ,
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId, event_id: eventId }),
  output: () => objectOutput('event'),
  async handler(args, ctx) {
    const { event } = await ctx.client.get<{ event: Raw }>(path(args.schedule_id, 'rotations', args.rotation_id, 'events', args.event_id), { signal: ctx.signal });
    const shaped = shapeEvent(event);
    return { text: fence('Rotation event', eventLine(shaped)), structured: { event: shaped } };
  },
});

const createEvent = defineTool({
  name: 'create_schedule_v3_rotation_event',
  title: 'Create rotation event',
  description: 'Add a recurring shift pattern (times, RRULE, members) to a rotation.',
  toolset: 'schedules_v3',
  annotations: CREATE,
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId, ...eventFields }),
  output: () => objectOutput('event'),
  async handler(args, ctx) {
    const { schedule_id, rotation_id, ...fields } = args;
    const { event } = await ctx.client.request<{ event: Raw }>('POST', path(schedule_id, 'rotations', rotation_id, 'events'), {
      signal: ctx.signal,
      body: { event: eventBody(fields) },
    });
    const shaped = shapeEvent(event);
    return { text: fence('Created rotation event', eventLine(shaped)), structured: { event: shaped } };
  },
});

const updateEvent = defineTool({
  name: 'update_schedule_v3_rotation_event',
  title: 'Update rotation event',
  description: 'Change a rotation event; only the given fields change (members replace the whole list).',
  toolset: 'schedules_v3',
  annotations: UPDATE,
  input: () => ({
    schedule_id: scheduleId,
    rotation_id: rotationId,
    event_id: eventId,
    ...Object.fromEntries(Object.entries(eventFields).map(([k, v]) => [k, v.optional()])),
  } as { schedule_id: typeof scheduleId; rotation_id: typeof rotationId; event_id: typeof eventId } & {
    [K in keyof typeof eventFields]: z.ZodOptional<(typeof eventFields)[K]>;
  }),
  output: () => objectOutput('event'),
  async handler(args, ctx) {
    const { schedule_id, rotation_id, event_id, ...fields } = args;
    const body = eventBody(fields as EventArgs);
    if (Object.keys(body).length === 0) throw new PagerDutyError('invalid_request', 'Nothing to change: give at least one event field.');
    const { event } = await ctx.client.request<{ event: Raw }>('PUT', path(schedule_id, 'rotations', rotation_id, 'events', event_id), {
      signal: ctx.signal,
      body: { event: body },
    });
    const shaped = shapeEvent(event);
    return { text: fence('Updated rotation event', eventLine(shaped)), structured: { event: shaped } };
  },
});

const deleteEvent = defineTool({
  name: 'delete_schedule_v3_rotation_event',
  title: 'Delete rotation event',
  description: 'Delete an event from a rotation.',
  toolset: 'schedules_v3',
  annotations: DESTRUCTIVE,
  input: () => ({ schedule_id: scheduleId, rotation_id: rotationId, event_id: eventId }),
  output: () => deletedOutput,
  async handler(args, ctx) {
    return remove(ctx, path(args.schedule_id, 'rotations', args.rotation_id, 'events', args.event_id), 'rotation event', args.event_id);
  },
});

// ---- custom shifts ----------------------------------------------------------------------------------

const windowInput = {
  since: isoTime('Window start'),
  until: isoTime('Window end'),
};

/** The lists over since..until: the window is checked before anything is sent. */
function windowChecked<A extends { since: string; until: string }>(args: A): A {
  checkWindow(args.since, args.until);
  return args;
}

/** Where a schedule's custom shifts or overrides over since..until are. */
const windowList = (kind: 'custom_shifts' | 'overrides') => ({
  path: (args: { schedule_id: string }) => path(args.schedule_id, kind),
  key: kind,
  list: listV3,
  query: (args: { since: string; until: string }) => ({ since: args.since, until: args.until }),
});

const listShifts = defineListTool({
  name: 'list_schedule_v3_custom_shifts',
  title: 'List custom shifts',
  description: 'List one-off custom shifts of a shift-based schedule that overlap since..until.',
  toolset: 'schedules_v3',
  input: () => ({ schedule_id: scheduleId, ...windowInput, limit: limit(25, 100), offset }),
  prepare: windowChecked,
  from: windowList('custom_shifts'),
  show: { shape: shapeCustomShift, line: shiftLine, label: (args) => `Custom shifts of ${args.schedule_id}`, empty: 'None.' },
});

const getShift = defineTool({
  name: 'get_schedule_v3_custom_shift',
  title: 'Get custom shift',
  description: 'Get one custom shift of a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: READ,
  input: () => ({ schedule_id: scheduleId, custom_shift_id: shiftId }),
  output: () => objectOutput('custom_shift'),
  async handler(args, ctx) {
    const { custom_shift } = await ctx.client.get<{ custom_shift: Raw }>(path(args.schedule_id, 'custom_shifts', args.custom_shift_id), { signal: ctx.signal });
    const shaped = shapeCustomShift(custom_shift);
    return { text: fence('Custom shift', shiftLine(shaped)), structured: { custom_shift: shaped } };
  },
});

const shiftInput = z.strictObject({ start_time: isoTime('Shift start'), end_time: isoTime('Shift end'), member });

const shiftBody = (s: { start_time?: string; end_time?: string; member?: MemberInput }) =>
  compact({
    type: 'custom_shift',
    start_time: s.start_time,
    end_time: s.end_time,
    assignments: s.member ? [{ type: 'shift_assignment', member: memberBody(s.member) }] : undefined,
  });

const createShifts = defineTool({
  name: 'create_schedule_v3_custom_shifts',
  title: 'Create custom shifts',
  description: 'Add one-off shifts, each with one member, to a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: CREATE,
  input: () => ({ schedule_id: scheduleId, custom_shifts: z.array(shiftInput).min(1).max(50).describe('Shifts to add') }),
  output: () => ({ custom_shifts: z.array(z.looseObject({})) }),
  async handler(args, ctx) {
    args.custom_shifts.forEach((s, i) => checkWindow(s.start_time, s.end_time, [`custom_shifts[${i}].start_time`, `custom_shifts[${i}].end_time`]));
    const { custom_shifts } = await ctx.client.request<{ custom_shifts: Raw[] }>('POST', path(args.schedule_id, 'custom_shifts'), {
      signal: ctx.signal,
      body: { custom_shifts: args.custom_shifts.map(shiftBody) },
    });
    const shaped = (custom_shifts ?? []).map(shapeCustomShift);
    return { text: fence(`Created ${shaped.length} custom shift(s)`, shaped.map(shiftLine).join('\n')), structured: { custom_shifts: shaped } };
  },
});

const updateShift = defineTool({
  name: 'update_schedule_v3_custom_shift',
  title: 'Update custom shift',
  description: 'Change the times or member of a custom shift; only given fields change.',
  toolset: 'schedules_v3',
  annotations: UPDATE,
  input: () => ({
    schedule_id: scheduleId,
    custom_shift_id: shiftId,
    start_time: isoTime('New start').optional(),
    end_time: isoTime('New end').optional(),
    member: member.optional().describe('New member'),
  }),
  output: () => objectOutput('custom_shift'),
  async handler(args, ctx) {
    checkWindow(args.start_time, args.end_time, ['start_time', 'end_time']);
    const { type: _type, ...body } = shiftBody(args);
    if (Object.keys(body).length === 0) throw new PagerDutyError('invalid_request', 'Nothing to change: give start_time, end_time or member.');
    const { custom_shift } = await ctx.client.request<{ custom_shift: Raw }>('PUT', path(args.schedule_id, 'custom_shifts', args.custom_shift_id), {
      signal: ctx.signal,
      body: { custom_shift: body },
    });
    const shaped = shapeCustomShift(custom_shift);
    return { text: fence('Updated custom shift', shiftLine(shaped)), structured: { custom_shift: shaped } };
  },
});

const deleteShift = defineTool({
  name: 'delete_schedule_v3_custom_shift',
  title: 'Delete custom shift',
  description: 'Delete a custom shift from a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: DESTRUCTIVE,
  input: () => ({ schedule_id: scheduleId, custom_shift_id: shiftId }),
  output: () => deletedOutput,
  async handler(args, ctx) {
    return remove(ctx, path(args.schedule_id, 'custom_shifts', args.custom_shift_id), 'custom shift', args.custom_shift_id);
  },
});

// ---- overrides --------------------------------------------------------------------------------------

const listOverrides = defineListTool({
  name: 'list_schedule_v3_overrides',
  title: 'List schedule overrides',
  description: 'List overrides of a shift-based schedule that overlap since..until.',
  toolset: 'schedules_v3',
  input: () => ({ schedule_id: scheduleId, ...windowInput, limit: limit(25, 100), offset }),
  prepare: windowChecked,
  from: windowList('overrides'),
  show: { shape: shapeV3Override, line: overrideLine, label: (args) => `Overrides of ${args.schedule_id}`, empty: 'None.' },
});

const getOverride = defineTool({
  name: 'get_schedule_v3_override',
  title: 'Get schedule override',
  description: 'Get one override of a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: READ,
  input: () => ({ schedule_id: scheduleId, override_id: overrideId }),
  output: () => objectOutput('override'),
  async handler(args, ctx) {
    const { override } = await ctx.client.get<{ override: Raw }>(path(args.schedule_id, 'overrides', args.override_id), { signal: ctx.signal });
    const shaped = shapeV3Override(override);
    return { text: fence('Override', overrideLine(shaped)), structured: { override: shaped } };
  },
});

const overrideInput = z.strictObject({
  rotation_id: rotationId.optional().describe('Or custom_shift_id'),
  custom_shift_id: shiftId.optional(),
  start_time: isoTime('Override start'),
  end_time: isoTime('Override end'),
  overridden_member: member.describe('Who is replaced'),
  overriding_member: member.describe('Who takes over'),
});

const createOverrides = defineTool({
  name: 'create_schedule_v3_overrides',
  title: 'Create schedule overrides',
  description: 'Replace a member of a rotation or custom shift for a time span (one or more overrides).',
  toolset: 'schedules_v3',
  annotations: CREATE,
  input: () => ({ schedule_id: scheduleId, overrides: z.array(overrideInput).min(1).max(50).describe('Overrides to add') }),
  output: () => ({ overrides: z.array(z.looseObject({})) }),
  async handler(args, ctx) {
    args.overrides.forEach((o, i) => {
      if ((o.rotation_id === undefined) === (o.custom_shift_id === undefined)) {
        throw new PagerDutyError('invalid_request', `overrides[${i}]: give exactly one of rotation_id or custom_shift_id.`);
      }
      checkWindow(o.start_time, o.end_time, [`overrides[${i}].start_time`, `overrides[${i}].end_time`]);
    });
    const { overrides } = await ctx.client.request<{ overrides: Raw[] }>('POST', path(args.schedule_id, 'overrides'), {
      signal: ctx.signal,
      body: {
        overrides: args.overrides.map((o) =>
          compact({
            type: 'override_shift',
            rotation_id: o.rotation_id,
            custom_shift_id: o.custom_shift_id,
            start_time: o.start_time,
            end_time: o.end_time,
            overridden_member: memberBody(o.overridden_member),
            overriding_member: memberBody(o.overriding_member),
          }),
        ),
      },
    });
    const shaped = (overrides ?? []).map(shapeV3Override);
    return { text: fence(`Created ${shaped.length} override(s)`, shaped.map(overrideLine).join('\n')), structured: { overrides: shaped } };
  },
});

const updateOverride = defineTool({
  name: 'update_schedule_v3_override',
  title: 'Update schedule override',
  description: 'Change the times or the overriding member of an override; only given fields change.',
  toolset: 'schedules_v3',
  annotations: UPDATE,
  input: () => ({
    schedule_id: scheduleId,
    override_id: overrideId,
    start_time: isoTime('New start').optional(),
    end_time: isoTime('New end').optional(),
    overriding_member: member.optional().describe('New member taking over'),
  }),
  output: () => objectOutput('override'),
  async handler(args, ctx) {
    checkWindow(args.start_time, args.end_time, ['start_time', 'end_time']);
    const body = compact({
      start_time: args.start_time,
      end_time: args.end_time,
      overriding_member: args.overriding_member ? memberBody(args.overriding_member) : undefined,
    });
    if (Object.keys(body).length === 0) throw new PagerDutyError('invalid_request', 'Nothing to change: give start_time, end_time or overriding_member.');
    const { override } = await ctx.client.request<{ override: Raw }>('PUT', path(args.schedule_id, 'overrides', args.override_id), {
      signal: ctx.signal,
      body: { override: body },
    });
    const shaped = shapeV3Override(override);
    return { text: fence('Updated override', overrideLine(shaped)), structured: { override: shaped } };
  },
});

const deleteOverride = defineTool({
  name: 'delete_schedule_v3_override',
  title: 'Delete schedule override',
  description: 'Delete an override from a shift-based schedule.',
  toolset: 'schedules_v3',
  annotations: DESTRUCTIVE,
  input: () => ({ schedule_id: scheduleId, override_id: overrideId }),
  output: () => deletedOutput,
  async handler(args, ctx) {
    return remove(ctx, path(args.schedule_id, 'overrides', args.override_id), 'override', args.override_id);
  },
});

export const schedulesV3Tools: ToolDefinition[] = [
  listRotations,
  getRotation,
  listEvents,
  getEvent,
  listShifts,
  getShift,
  listOverrides,
  getOverride,
  deleteSchedule,
  createRotation,
  deleteRotation,
  createEvent,
  updateEvent,
  deleteEvent,
  createShifts,
  updateShift,
  deleteShift,
  createOverrides,
  updateOverride,
  deleteOverride,
];
