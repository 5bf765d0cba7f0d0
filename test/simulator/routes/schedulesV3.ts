/**
 * /v3/schedules (shift-based schedules): schedules, rotations, rotation events, custom shifts and
 * overrides, plus the computed final schedule (`include[]=final_schedule`).
 */
import { PdError, notFound } from '../errors';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import type { SimState } from '../state';
import { DAY, HOUR, iso } from '../time';
import { listParam, objectBody as v2ObjectBody, timeParam as v2TimeParam } from './params';
import {
  v3State,
  type Member,
  type V3CustomShift,
  type V3Event,
  type V3Override,
  type V3Rotation,
  type V3Schedule,
  type V3State,
} from '../seed/schedulesV3';

type Json = Record<string, unknown>;

/** The v3 API's 400 body names the offending field: `errors: {field: [messages]}`, not v2's list of strings. */
class V3BadRequest extends PdError {
  constructor(message: string) {
    super(400, 2001, 'Invalid Input Provided', [message]);
  }

  override get body() {
    const field = /^([\w.[\]]+)(:| must| is)/.exec(this.errors[0])?.[1] ?? 'base';
    // Typed as the base shape only because a getter override must keep the base type; the JSON differs on purpose.
    return { error: { message: this.message, code: this.code, errors: { [field]: this.errors } } } as unknown as PdError['body'];
  }
}

const invalidInput = (message: string) => new V3BadRequest(message);

/** The shared helpers throw v2-shaped errors; re-shape them for v3. */
function asV3<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PdError && err.status === 400 && !(err instanceof V3BadRequest)) throw invalidInput(err.errors[0] ?? err.message);
    throw err;
  }
}
const objectBody = (body: unknown, key: string) => asV3(() => v2ObjectBody(body, key));
const timeParam = (query: URLSearchParams, name: string) => asV3(() => v2TimeParam(query, name));

export function schedulesV3Routes(route: Route): void {
  route('GET', '/v3/schedules', (ctx) => {
    const { query, state, now } = ctx;
    const teams = new Set(listParam(query, 'team_ids'));
    const q = query.get('query')?.toLowerCase();
    const list = [...v3State(state, now.getTime()).schedules.values()]
      .filter((s) => (!q || s.name.toLowerCase().includes(q)) && (!teams.size || s.teamIds.some((t) => teams.has(t))))
      .sort((a, b) => a.name.localeCompare(b.name));
    const { page, meta } = paginate(list, query, 1000);
    const { total: _total, ...rest } = meta;
    return { status: 200, body: { schedules: page.map((s) => scheduleRef(ctx, s)), ...rest } };
  });

  route('POST', '/v3/schedules', (ctx) => {
    const input = objectBody(ctx.body, 'schedule');
    const v3 = v3State(ctx.state, ctx.now.getTime());
    if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('schedule.name is required');
    if (typeof input.time_zone !== 'string' || !validZone(input.time_zone)) throw invalidInput('schedule.time_zone must be an IANA time zone');
    const schedule: V3Schedule = {
      id: v3.newId('PS'),
      name: input.name,
      time_zone: input.time_zone,
      teamIds: teamIds(ctx.state, input.teams),
      rotations: [],
      customShifts: [],
      overrides: [],
    };
    v3.schedules.set(schedule.id, schedule);
    return { status: 201, body: { schedule: fullSchedule(ctx, schedule) } };
  });

  route('GET', '/v3/schedules/{id}', (ctx) => {
    const schedule = findSchedule(ctx);
    const include = new Set(listParam(ctx.query, 'include'));
    return { status: 200, body: { schedule: fullSchedule(ctx, schedule, include.has('final_schedule')) } };
  });

  route('PUT', '/v3/schedules/{id}', (ctx) => {
    const schedule = findSchedule(ctx);
    const input = objectBody(ctx.body, 'schedule');
    if (input.name !== undefined) {
      if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('schedule.name must not be empty');
      schedule.name = input.name;
    }
    if (input.time_zone !== undefined) {
      if (typeof input.time_zone !== 'string' || !validZone(input.time_zone)) throw invalidInput('schedule.time_zone must be an IANA time zone');
      schedule.time_zone = input.time_zone;
    }
    return { status: 200, body: { schedule: fullSchedule(ctx, schedule) } };
  });

  route('DELETE', '/v3/schedules/{id}', (ctx) => {
    const schedule = findSchedule(ctx);
    v3State(ctx.state, ctx.now.getTime()).schedules.delete(schedule.id);
    return { status: 204 };
  });

  // Rotations
  route('GET', '/v3/schedules/{id}/rotations', (ctx) => {
    const schedule = findSchedule(ctx);
    const { page, meta } = paginate(schedule.rotations, ctx.query);
    return { status: 200, body: { rotations: page.map((r) => rotationBody(ctx, schedule, r)), ...pageMeta(meta) } };
  });
  route('POST', '/v3/schedules/{id}/rotations', (ctx) => {
    const schedule = findSchedule(ctx);
    const rotation: V3Rotation = { id: store(ctx).newId('PR'), events: [] };
    schedule.rotations.push(rotation);
    return { status: 201, body: { rotation: rotationBody(ctx, schedule, rotation) } };
  });
  route('GET', '/v3/schedules/{id}/rotations/{rotation_id}', (ctx) => {
    const { schedule, rotation } = findRotation(ctx);
    return { status: 200, body: { rotation: rotationBody(ctx, schedule, rotation) } };
  });
  route('DELETE', '/v3/schedules/{id}/rotations/{rotation_id}', (ctx) => {
    const { schedule, rotation } = findRotation(ctx);
    schedule.rotations = schedule.rotations.filter((r) => r !== rotation);
    schedule.overrides = schedule.overrides.filter((o) => o.rotation_id !== rotation.id);
    return { status: 204 };
  });

  // Rotation events
  route('GET', '/v3/schedules/{id}/rotations/{rotation_id}/events', (ctx) => {
    const { schedule, rotation } = findRotation(ctx);
    const { page, meta } = paginate(rotation.events, ctx.query);
    return { status: 200, body: { events: page.map((e) => eventBody(ctx, schedule, rotation, e)), ...pageMeta(meta) } };
  });
  route('POST', '/v3/schedules/{id}/rotations/{rotation_id}/events', (ctx) => {
    const { schedule, rotation } = findRotation(ctx);
    const event = parseEvent(ctx.state, objectBody(ctx.body, 'event'), store(ctx).newId('PE'));
    rotation.events.push(event);
    return { status: 201, body: { event: eventBody(ctx, schedule, rotation, event) } };
  });
  route('GET', '/v3/schedules/{id}/rotations/{rotation_id}/events/{event_id}', (ctx) => {
    const { schedule, rotation, event } = findEvent(ctx);
    return { status: 200, body: { event: eventBody(ctx, schedule, rotation, event) } };
  });
  route('PUT', '/v3/schedules/{id}/rotations/{rotation_id}/events/{event_id}', (ctx) => {
    const { schedule, rotation, event } = findEvent(ctx);
    const merged = { ...eventInput(event), ...objectBody(ctx.body, 'event') };
    const updated = parseEvent(ctx.state, merged, event.id);
    rotation.events[rotation.events.indexOf(event)] = updated;
    return { status: 200, body: { event: eventBody(ctx, schedule, rotation, updated) } };
  });
  route('DELETE', '/v3/schedules/{id}/rotations/{rotation_id}/events/{event_id}', (ctx) => {
    const { rotation, event } = findEvent(ctx);
    rotation.events = rotation.events.filter((e) => e !== event);
    return { status: 204 };
  });

  // Custom shifts
  route('GET', '/v3/schedules/{id}/custom_shifts', (ctx) => {
    const schedule = findSchedule(ctx);
    const [since, until] = requiredWindow(ctx);
    const inWindow = schedule.customShifts.filter((s) => overlaps(s.start_time, s.end_time, since, until));
    const { page, meta } = paginate(inWindow, ctx.query);
    return { status: 200, body: { custom_shifts: page.map((s) => shiftBody(ctx, schedule, s)), ...pageMeta(meta) } };
  });
  route('POST', '/v3/schedules/{id}/custom_shifts', (ctx) => {
    const schedule = findSchedule(ctx);
    const list = arrayBody(ctx.body, 'custom_shifts');
    const created = list.map((item, i) => parseShift(ctx, item as Json, `custom_shifts[${i}]`));
    schedule.customShifts.push(...created);
    return { status: 201, body: { custom_shifts: created.map((s) => shiftBody(ctx, schedule, s)) } };
  });
  route('GET', '/v3/schedules/{id}/custom_shifts/{custom_shift_id}', (ctx) => {
    const { schedule, shift } = findShift(ctx);
    return { status: 200, body: { custom_shift: shiftBody(ctx, schedule, shift) } };
  });
  route('PUT', '/v3/schedules/{id}/custom_shifts/{custom_shift_id}', (ctx) => {
    const { schedule, shift } = findShift(ctx);
    const input = objectBody(ctx.body, 'custom_shift');
    const merged = {
      start_time: input.start_time ?? shift.start_time,
      end_time: input.end_time ?? shift.end_time,
      assignments: input.assignments ?? [{ type: 'shift_assignment', member: shift.member }],
    };
    const updated = { ...parseShift(ctx, merged, 'custom_shift'), id: shift.id, assignmentId: shift.assignmentId };
    schedule.customShifts[schedule.customShifts.indexOf(shift)] = updated;
    return { status: 200, body: { custom_shift: shiftBody(ctx, schedule, updated) } };
  });
  route('DELETE', '/v3/schedules/{id}/custom_shifts/{custom_shift_id}', (ctx) => {
    const { schedule, shift } = findShift(ctx);
    schedule.customShifts = schedule.customShifts.filter((s) => s !== shift);
    schedule.overrides = schedule.overrides.filter((o) => o.custom_shift_id !== shift.id);
    return { status: 204 };
  });

  // Overrides
  route('GET', '/v3/schedules/{id}/overrides', (ctx) => {
    const schedule = findSchedule(ctx);
    const [since, until] = requiredWindow(ctx);
    const inWindow = schedule.overrides.filter((o) => overlaps(o.start_time, o.end_time, since, until));
    const { page, meta } = paginate(inWindow, ctx.query);
    return { status: 200, body: { overrides: page.map((o) => overrideBody(ctx, schedule, o)), ...pageMeta(meta) } };
  });
  route('POST', '/v3/schedules/{id}/overrides', (ctx) => {
    const schedule = findSchedule(ctx);
    const list = arrayBody(ctx.body, 'overrides');
    const created = list.map((item, i) => parseOverride(ctx, schedule, item as Json, `overrides[${i}]`));
    schedule.overrides.push(...created);
    return { status: 201, body: { overrides: created.map((o) => overrideBody(ctx, schedule, o)) } };
  });
  route('GET', '/v3/schedules/{id}/overrides/{override_id}', (ctx) => {
    const { schedule, override } = findOverride(ctx);
    return { status: 200, body: { override: overrideBody(ctx, schedule, override) } };
  });
  route('PUT', '/v3/schedules/{id}/overrides/{override_id}', (ctx) => {
    const { schedule, override } = findOverride(ctx);
    const input = objectBody(ctx.body, 'override');
    const merged = {
      ...override,
      start_time: input.start_time ?? override.start_time,
      end_time: input.end_time ?? override.end_time,
      overriding_member: input.overriding_member ?? override.overriding_member,
    };
    const updated = { ...parseOverride(ctx, schedule, merged, 'override'), id: override.id };
    schedule.overrides[schedule.overrides.indexOf(override)] = updated;
    return { status: 200, body: { override: overrideBody(ctx, schedule, updated) } };
  });
  route('DELETE', '/v3/schedules/{id}/overrides/{override_id}', (ctx) => {
    const { schedule, override } = findOverride(ctx);
    schedule.overrides = schedule.overrides.filter((o) => o !== override);
    return { status: 204 };
  });
}

// ---- lookup -------------------------------------------------------------------------------------

function store(ctx: HandlerContext): V3State {
  return v3State(ctx.state, ctx.now.getTime());
}

function findSchedule(ctx: HandlerContext): V3Schedule {
  const schedule = store(ctx).schedules.get(ctx.params.id);
  if (!schedule) throw notFound();
  return schedule;
}

function findRotation(ctx: HandlerContext) {
  const schedule = findSchedule(ctx);
  const rotation = schedule.rotations.find((r) => r.id === ctx.params.rotation_id);
  if (!rotation) throw notFound();
  return { schedule, rotation };
}

function findEvent(ctx: HandlerContext) {
  const { schedule, rotation } = findRotation(ctx);
  const event = rotation.events.find((e) => e.id === ctx.params.event_id);
  if (!event) throw notFound();
  return { schedule, rotation, event };
}

function findShift(ctx: HandlerContext) {
  const schedule = findSchedule(ctx);
  const shift = schedule.customShifts.find((s) => s.id === ctx.params.custom_shift_id);
  if (!shift) throw notFound();
  return { schedule, shift };
}

function findOverride(ctx: HandlerContext) {
  const schedule = findSchedule(ctx);
  const override = schedule.overrides.find((o) => o.id === ctx.params.override_id);
  if (!override) throw notFound();
  return { schedule, override };
}

// ---- parsing ------------------------------------------------------------------------------------

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function teamIds(state: SimState, raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidInput('schedule.teams must be an array of team references');
  return raw.map((t) => {
    const id = (t as { id?: unknown }).id;
    if (typeof id !== 'string' || !state.teams.has(id)) throw invalidInput(`Team ${String(id)} not found`);
    return id;
  });
}

function arrayBody(body: unknown, key: string): unknown[] {
  const list = (body as Json | undefined)?.[key];
  if (!Array.isArray(list) || list.length === 0) throw invalidInput(`request body must contain a non-empty "${key}" array`);
  return list;
}

function time(raw: unknown, what: string): number {
  const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw invalidInput(`${what} must be an ISO 8601 date-time`);
  return ms;
}

function member(state: SimState, raw: unknown, what: string): Member {
  const m = raw as Json | undefined;
  if (m?.type === 'empty_member') return { type: 'empty_member' };
  if (m?.type !== 'user_member') throw invalidInput(`${what}.type must be user_member or empty_member`);
  if (typeof m.user_id !== 'string' || !state.users.has(m.user_id)) throw invalidInput(`${what}.user_id: user ${String(m.user_id)} not found`);
  return { type: 'user_member', user_id: m.user_id };
}

function zoned(raw: unknown, what: string): { date_time: string; time_zone: string } {
  const z = raw as Json | undefined;
  const ms = time(z?.date_time, `${what}.date_time`);
  if (typeof z?.time_zone !== 'string' || !validZone(z.time_zone)) throw invalidInput(`${what}.time_zone must be an IANA time zone`);
  return { date_time: iso(ms), time_zone: z.time_zone };
}

function eventInput(e: V3Event): Json {
  return { ...e };
}

function parseEvent(state: SimState, input: Json, id: string): V3Event {
  if (typeof input.name !== 'string' || !input.name.trim()) throw invalidInput('event.name is required');
  const start_time = zoned(input.start_time, 'event.start_time');
  const end_time = zoned(input.end_time, 'event.end_time');
  if (Date.parse(end_time.date_time) <= Date.parse(start_time.date_time)) throw invalidInput('event.end_time must be after event.start_time');
  const since = time(input.effective_since, 'event.effective_since');
  const until = input.effective_until == null ? null : time(input.effective_until, 'event.effective_until');
  if (until !== null && until <= since) throw invalidInput('event.effective_until must be after event.effective_since');
  if (!Array.isArray(input.recurrence) || input.recurrence.some((r) => typeof r !== 'string' || !/^RRULE:/.test(r))) {
    throw invalidInput('event.recurrence must be a list of RRULE strings');
  }
  const strategy = input.assignment_strategy as Json | undefined;
  if (strategy?.type !== 'rotating_member_assignment_strategy' && strategy?.type !== 'every_member_assignment_strategy') {
    throw invalidInput('event.assignment_strategy.type must be rotating_member_assignment_strategy or every_member_assignment_strategy');
  }
  if (!Array.isArray(strategy.members) || strategy.members.length === 0) throw invalidInput('event.assignment_strategy.members must not be empty');
  const perMember = strategy.shifts_per_member;
  if (perMember !== undefined && (!Number.isInteger(perMember) || (perMember as number) < 1)) {
    throw invalidInput('event.assignment_strategy.shifts_per_member must be a positive integer');
  }
  return {
    id,
    name: input.name,
    start_time,
    end_time,
    effective_since: iso(since),
    effective_until: until === null ? null : iso(until),
    recurrence: input.recurrence as string[],
    assignment_strategy: {
      type: strategy.type,
      ...(perMember !== undefined ? { shifts_per_member: perMember as number } : {}),
      members: strategy.members.map((m, i) => member(state, m, `event.assignment_strategy.members[${i}]`)),
    },
  };
}

function parseShift(ctx: HandlerContext, input: Json, what: string): V3CustomShift {
  const start = time(input.start_time, `${what}.start_time`);
  const end = time(input.end_time, `${what}.end_time`);
  if (end <= start) throw invalidInput(`${what}.end_time must be after start_time`);
  const assignments = input.assignments;
  if (!Array.isArray(assignments) || assignments.length !== 1) throw invalidInput(`${what}.assignments must hold exactly one assignment`);
  return {
    id: store(ctx).newId('PC'),
    start_time: iso(start),
    end_time: iso(end),
    assignmentId: store(ctx).newId('PA'),
    member: member(ctx.state, (assignments[0] as Json).member, `${what}.assignments[0].member`),
  };
}

function parseOverride(ctx: HandlerContext, schedule: V3Schedule, input: Json, what: string): V3Override {
  const start = time(input.start_time, `${what}.start_time`);
  const end = time(input.end_time, `${what}.end_time`);
  if (end <= start) throw invalidInput(`${what}.end_time must be after start_time`);
  const rotationId = typeof input.rotation_id === 'string' ? input.rotation_id : undefined;
  const shiftId = typeof input.custom_shift_id === 'string' ? input.custom_shift_id : undefined;
  if (!rotationId === !shiftId) throw invalidInput(`${what}: give exactly one of rotation_id or custom_shift_id`);
  if (rotationId && !schedule.rotations.some((r) => r.id === rotationId)) throw invalidInput(`${what}.rotation_id: rotation ${rotationId} not found`);
  if (shiftId && !schedule.customShifts.some((s) => s.id === shiftId)) throw invalidInput(`${what}.custom_shift_id: custom shift ${shiftId} not found`);
  return {
    id: typeof input.id === 'string' ? input.id : store(ctx).newId('PO'),
    ...(rotationId ? { rotation_id: rotationId } : {}),
    ...(shiftId ? { custom_shift_id: shiftId } : {}),
    start_time: iso(start),
    end_time: iso(end),
    overridden_member: member(ctx.state, input.overridden_member, `${what}.overridden_member`),
    overriding_member: member(ctx.state, input.overriding_member, `${what}.overriding_member`),
  };
}

function requiredWindow(ctx: HandlerContext): [number, number] {
  const since = timeParam(ctx.query, 'since');
  const until = timeParam(ctx.query, 'until');
  if (since === undefined || until === undefined) throw invalidInput('since and until are required');
  if (until <= since) throw invalidInput('until must be after since');
  return [since, until];
}

function overlaps(start: string, end: string, since: number, until: number): boolean {
  return Date.parse(end) > since && Date.parse(start) < until;
}

function pageMeta(meta: Json): Json {
  const { total: _total, ...rest } = meta;
  return rest;
}

// ---- rendering ----------------------------------------------------------------------------------

function links(ctx: HandlerContext, path: string): { self: string; html_url: string } {
  return { self: `${ctx.state.apiBase}/v3/schedules/${path}`, html_url: `${ctx.state.webBase}/schedules/${path.split('/')[0]}` };
}

function scheduleRef(ctx: HandlerContext, s: V3Schedule): Json {
  return { id: s.id, type: 'schedule_v3_reference', summary: s.name, ...links(ctx, s.id) };
}

function memberBody(m: Member): Json {
  return m.type === 'user_member' ? { type: m.type, user_id: m.user_id } : { type: m.type };
}

function eventBody(ctx: HandlerContext, s: V3Schedule, r: V3Rotation, e: V3Event): Json {
  return {
    id: e.id,
    type: 'schedule_event',
    name: e.name,
    start_time: e.start_time,
    end_time: e.end_time,
    effective_since: e.effective_since,
    effective_until: e.effective_until,
    recurrence: e.recurrence,
    assignment_strategy: { ...e.assignment_strategy, members: e.assignment_strategy.members.map(memberBody) },
    ...links(ctx, `${s.id}/rotations/${r.id}/events/${e.id}`),
  };
}

function rotationBody(ctx: HandlerContext, s: V3Schedule, r: V3Rotation): Json {
  return { id: r.id, type: 'schedule_rotation', schedule: { id: s.id, type: 'schedule_v3_reference' }, events: r.events.map((e) => eventBody(ctx, s, r, e)), ...links(ctx, `${s.id}/rotations/${r.id}`) };
}

function shiftBody(ctx: HandlerContext, s: V3Schedule, c: V3CustomShift): Json {
  return {
    id: c.id,
    type: 'custom_shift',
    start_time: c.start_time,
    end_time: c.end_time,
    assignments: [{ id: c.assignmentId, type: 'shift_assignment', member: memberBody(c.member) }],
    ...links(ctx, `${s.id}/custom_shifts/${c.id}`),
  };
}

function overrideBody(ctx: HandlerContext, s: V3Schedule, o: V3Override): Json {
  return {
    id: o.id,
    type: 'override_shift',
    ...(o.rotation_id ? { rotation_id: o.rotation_id } : {}),
    ...(o.custom_shift_id ? { custom_shift_id: o.custom_shift_id } : {}),
    start_time: o.start_time,
    end_time: o.end_time,
    overridden_member: memberBody(o.overridden_member),
    overriding_member: memberBody(o.overriding_member),
    ...links(ctx, `${s.id}/overrides/${o.id}`),
  };
}

function fullSchedule(ctx: HandlerContext, s: V3Schedule, withFinal = false): Json {
  const userIds = new Set<string>();
  for (const r of s.rotations) for (const e of r.events) for (const m of e.assignment_strategy.members) if (m.user_id) userIds.add(m.user_id);
  for (const c of s.customShifts) if (c.member.user_id) userIds.add(c.member.user_id);
  const body: Json = {
    id: s.id,
    type: 'schedule_v3',
    name: s.name,
    time_zone: s.time_zone,
    teams: s.teamIds.map((id) => ctx.render.ref('team', id)),
    escalation_policies: [],
    users: [...userIds].map((id) => ctx.render.ref('user', id)),
    rotations: s.rotations.map((r) => rotationBody(ctx, s, r)),
    ...links(ctx, s.id),
  };
  if (withFinal) {
    const since = timeParam(ctx.query, 'since') ?? ctx.now.getTime();
    const until = timeParam(ctx.query, 'until') ?? since + 7 * DAY;
    if (until <= since) throw invalidInput('until must be after since');
    body.final_schedule = finalSchedule(s, since, until);
  }
  return body;
}

// ---- final schedule -----------------------------------------------------------------------------

interface Assignment {
  start: number;
  end: number;
  member: Member;
  source: Json;
}

const PERIODS: Record<string, number> = { HOURLY: HOUR, DAILY: DAY, WEEKLY: 7 * DAY };

/** Occurrences of one event within the window; supports the FREQ/INTERVAL subset of RRULE the seed and tests use. */
function eventAssignments(rotationId: string, e: V3Event, since: number, until: number): Assignment[] {
  const first = Date.parse(e.start_time.date_time);
  const length = Date.parse(e.end_time.date_time) - first;
  const rule = e.recurrence[0] ?? '';
  const freq = /FREQ=(\w+)/.exec(rule)?.[1] ?? '';
  const period = (PERIODS[freq] ?? 0) * Number(/INTERVAL=(\d+)/.exec(rule)?.[1] ?? 1);
  const from = Math.max(since, Date.parse(e.effective_since));
  const to = Math.min(until, e.effective_until ? Date.parse(e.effective_until) : Infinity);
  const { members, type, shifts_per_member: perMember = 1 } = e.assignment_strategy;
  const out: Assignment[] = [];
  const kStart = period ? Math.max(0, Math.floor((from - first - length) / period)) : 0;
  for (let k = kStart; out.length < 500; k++) {
    const start = first + k * period;
    if (start >= to || (!period && k > 0)) break;
    const end = start + length;
    if (end <= from) continue;
    const chosen = type === 'every_member_assignment_strategy' ? members : [members[Math.floor(k / perMember) % members.length]];
    for (const m of chosen) {
      out.push({ start: Math.max(start, from), end: Math.min(end, to), member: m, source: { type: 'schedule_rotation', rotation_id: rotationId } });
    }
  }
  return out;
}

function sameMember(a: Member, b: Member): boolean {
  return a.type === b.type && a.user_id === b.user_id;
}

/** Rotations and custom shifts, with overrides cut into the assignments of the member they replace. */
function finalSchedule(s: V3Schedule, since: number, until: number): Json {
  let assignments: Assignment[] = [
    ...s.rotations.flatMap((r) => r.events.flatMap((e) => eventAssignments(r.id, e, since, until))),
    ...s.customShifts
      .filter((c) => overlaps(c.start_time, c.end_time, since, until))
      .map((c) => ({
        start: Math.max(Date.parse(c.start_time), since),
        end: Math.min(Date.parse(c.end_time), until),
        member: c.member,
        source: { type: 'custom_shift', shift_id: c.id },
      })),
  ];
  for (const o of s.overrides) {
    const oStart = Math.max(Date.parse(o.start_time), since);
    const oEnd = Math.min(Date.parse(o.end_time), until);
    if (oEnd <= oStart) continue;
    const next: Assignment[] = [];
    for (const a of assignments) {
      const target = o.rotation_id ? a.source.rotation_id === o.rotation_id : a.source.shift_id === o.custom_shift_id;
      if (!target || !sameMember(a.member, o.overridden_member) || a.end <= oStart || a.start >= oEnd) {
        next.push(a);
        continue;
      }
      if (a.start < oStart) next.push({ ...a, end: oStart });
      next.push({
        start: Math.max(a.start, oStart),
        end: Math.min(a.end, oEnd),
        member: o.overriding_member,
        source: o.rotation_id
          ? { type: 'schedule_rotation_override', rotation_id: o.rotation_id, override_id: o.id }
          : { type: 'custom_shift_override', shift_id: o.custom_shift_id, override_id: o.id },
      });
      if (a.end > oEnd) next.push({ ...a, start: oEnd });
    }
    assignments = next;
  }
  assignments.sort((a, b) => a.start - b.start || a.end - b.end);
  const covered = coverage(assignments, since, until);
  return {
    type: 'final_schedule',
    rendered_coverage_percentage: Math.round(covered * 10000) / 100,
    computed_shift_assignments: assignments.map((a) => ({
      type: 'computed_shift_assignment',
      start_time: iso(a.start),
      end_time: iso(a.end),
      member: memberBody(a.member),
      source: a.source,
    })),
  };
}

function coverage(sorted: Assignment[], since: number, until: number): number {
  let covered = 0;
  let cursor = since;
  for (const a of sorted) {
    if (a.member.type !== 'user_member') continue;
    const start = Math.max(a.start, cursor);
    if (a.end > start) {
      covered += a.end - start;
      cursor = a.end;
    }
  }
  return until > since ? covered / (until - since) : 0;
}
