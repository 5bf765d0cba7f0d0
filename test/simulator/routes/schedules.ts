/** /schedules (v2): list, get with a rendered final schedule, users, overrides, create, update. */
import { invalidInput } from '../errors';
import { renderSpans } from '../oncall';
import { paginate, type Renderer } from '../render';
import type { Route } from '../router';
import type { LayerRec, ScheduleRec, SimState } from '../state';
import { DAY, iso } from '../time';
import { objectBody, refId, timeParam } from './params';
import { byName, getOr404, matchesQuery } from './lookup';

export function scheduleRoutes(route: Route): void {
  route('GET', '/schedules', ({ query, state, render }) => {
    const schedules = [...state.schedules.values()].filter((s) => matchesQuery(s.name, query)).sort(byName);
    const { page, meta } = paginate(schedules, query);
    return { status: 200, body: { schedules: page.map((s) => render.scheduleHead(s)), ...meta } };
  });

  route('GET', '/schedules/{id}', ({ params, query, state, render, now }) => {
    const schedule = getOr404(state.schedules, params.id);
    const since = timeParam(query, 'since') ?? now.getTime();
    const until = timeParam(query, 'until') ?? since + 7 * DAY;
    if (until <= since) throw invalidInput('until must be after since');
    return { status: 200, body: { schedule: fullSchedule(render, state, schedule, since, until) } };
  });

  route('GET', '/schedules/{id}/users', ({ params, query, state, render, now }) => {
    const schedule = getOr404(state.schedules, params.id);
    const since = timeParam(query, 'since');
    const until = timeParam(query, 'until');
    const ids =
      since !== undefined || until !== undefined
        ? new Set(renderSpans(schedule, since ?? now.getTime(), until ?? (since ?? now.getTime()) + 7 * DAY).map((s) => s.userId))
        : new Set(schedule.layers.flatMap((l) => l.userIds));
    return { status: 200, body: { users: [...ids].map((id) => render.user(state.users.get(id)!)) } };
  });

  route('POST', '/schedules/{id}/overrides', ({ params, body, state, render }) => {
    const schedule = getOr404(state.schedules, params.id);
    const list = (body as { overrides?: unknown } | undefined)?.overrides;
    if (!Array.isArray(list) || list.length === 0) throw invalidInput('request body must contain a non-empty "overrides" array');
    const results = list.map((item) => {
      const o = item as { start?: unknown; end?: unknown; user?: unknown };
      const start = Date.parse(String(o.start));
      const end = Date.parse(String(o.end));
      const userId = (o.user as { id?: unknown } | undefined)?.id;
      const errors: string[] = [];
      if (Number.isNaN(start) || Number.isNaN(end) || end <= start) errors.push('Override must end after its start');
      if (typeof userId !== 'string' || !state.users.has(userId)) errors.push('User not found');
      const override = { id: state.newId(), start: Number.isNaN(start) ? String(o.start) : iso(start), end: Number.isNaN(end) ? String(o.end) : iso(end), userId: String(userId) };
      if (errors.length === 0) schedule.overrides.push(override);
      return { status: errors.length ? 400 : 201, ...(errors.length ? { errors } : {}), override: render.override(schedule.id, override) };
    });
    return { status: 201, body: results };
  });

  route('POST', '/schedules', ({ body, state, render, now }) => {
    const input = objectBody(body, 'schedule');
    if (typeof input.time_zone !== 'string') throw invalidInput('schedule.time_zone is required');
    const schedule: ScheduleRec = {
      id: state.newId(),
      name: typeof input.name === 'string' ? input.name : 'New Schedule',
      description: typeof input.description === 'string' ? input.description : '',
      time_zone: input.time_zone,
      layers: parseLayers(state, input.schedule_layers),
      overrides: [],
      teamIds: [],
    };
    state.schedules.set(schedule.id, schedule);
    return { status: 201, body: { schedule: fullSchedule(render, state, schedule, now.getTime(), now.getTime() + 7 * DAY) } };
  });

  route('PUT', '/schedules/{id}', ({ params, body, state, render, now }) => {
    const schedule = getOr404(state.schedules, params.id);
    const input = objectBody(body, 'schedule');
    if (typeof input.name === 'string') schedule.name = input.name;
    if (typeof input.description === 'string') schedule.description = input.description;
    if (typeof input.time_zone === 'string') schedule.time_zone = input.time_zone;
    if (input.schedule_layers !== undefined) schedule.layers = parseLayers(state, input.schedule_layers);
    return { status: 200, body: { schedule: fullSchedule(render, state, schedule, now.getTime(), now.getTime() + 7 * DAY) } };
  });
}

function parseLayers(state: SimState, raw: unknown): LayerRec[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidInput('schedule.schedule_layers must list at least one layer');
  return raw.map((item, index) => {
    const l = item as Record<string, unknown>;
    const users = Array.isArray(l.users) ? l.users : [];
    const userIds = users.map((u) => {
      const id = refId((u as { user?: unknown }).user, 'schedule layer user');
      if (!state.users.has(id)) throw invalidInput(`User ${id} not found`);
      return id;
    });
    const start = Date.parse(String(l.start));
    const virtualStart = Date.parse(String(l.rotation_virtual_start ?? l.start));
    const turn = Number(l.rotation_turn_length_seconds);
    if (Number.isNaN(start) || Number.isNaN(virtualStart)) throw invalidInput('schedule layer start and rotation_virtual_start must be date-times');
    if (!Number.isInteger(turn) || turn <= 0) throw invalidInput('rotation_turn_length_seconds must be a positive integer');
    return {
      id: typeof l.id === 'string' ? l.id : state.newId(),
      name: typeof l.name === 'string' ? l.name : `Layer ${index + 1}`,
      start: iso(start),
      end: typeof l.end === 'string' ? iso(Date.parse(l.end)) : null,
      rotation_virtual_start: iso(virtualStart),
      rotation_turn_length_seconds: turn,
      userIds,
    };
  });
}

function fullSchedule(render: Renderer, state: SimState, schedule: ScheduleRec, since: number, until: number) {
  const entries = (spans: ReturnType<typeof renderSpans>) =>
    spans.map((s) => ({ start: iso(s.start), end: iso(s.end), user: render.ref('user', s.userId) }));
  const overrides = schedule.overrides.filter((o) => Date.parse(o.end) > since && Date.parse(o.start) < until);
  const finalEntries = entries(renderSpans(schedule, since, until));
  return {
    ...render.scheduleHead(schedule),
    schedule_layers: schedule.layers.map((l) => ({
      id: l.id,
      name: l.name,
      start: l.start,
      ...(l.end ? { end: l.end } : {}),
      rotation_virtual_start: l.rotation_virtual_start,
      rotation_turn_length_seconds: l.rotation_turn_length_seconds,
      users: l.userIds.map((id) => ({ user: render.ref('user', id) })),
      restrictions: [],
      rendered_schedule_entries: entries(renderSpans({ ...schedule, layers: [l], overrides: [] }, since, until)),
      rendered_coverage_percentage: 100,
    })),
    overrides_subschedule: {
      name: 'Overrides',
      rendered_schedule_entries: overrides.map((o) => ({ start: o.start, end: o.end, user: render.ref('user', o.userId) })),
      rendered_coverage_percentage: 0,
    },
    final_schedule: {
      name: 'Final Schedule',
      rendered_schedule_entries: finalEntries,
      rendered_coverage_percentage: finalEntries.length ? 100 : 0,
    },
  };
}
