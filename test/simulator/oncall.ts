/**
 * Who is on call when: schedule layers (rotations), overrides on top, and escalation-policy levels.
 * Pure functions of the state and a time, so GET /oncalls, final schedules and escalations agree.
 */
import type { LayerRec, ScheduleRec, SimState } from './state';

export interface Span {
  userId: string;
  start: number;
  end: number;
}

function layerSpanAt(layer: LayerRec, t: number): Span | undefined {
  const start = Date.parse(layer.start);
  const end = layer.end ? Date.parse(layer.end) : Infinity;
  if (t < start || t >= end || layer.userIds.length === 0) return undefined;
  const turn = layer.rotation_turn_length_seconds * 1000;
  const origin = Date.parse(layer.rotation_virtual_start);
  const k = Math.floor((t - origin) / turn);
  const n = layer.userIds.length;
  return {
    userId: layer.userIds[((k % n) + n) % n],
    start: Math.max(origin + k * turn, start),
    end: Math.min(origin + (k + 1) * turn, end),
  };
}

/** The on-call span covering `t`: an override wins, then the highest layer that covers `t`. */
export function onCallAt(schedule: ScheduleRec, t: number): Span | undefined {
  for (const o of schedule.overrides) {
    const start = Date.parse(o.start);
    const end = Date.parse(o.end);
    if (t >= start && t < end) return { userId: o.userId, start, end };
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const span = layerSpanAt(schedule.layers[i], t);
    if (span) {
      // A pending override cuts the span short; a higher layer could too, so cap at the next boundary.
      const nextOverride = Math.min(...schedule.overrides.map((o) => Date.parse(o.start)).filter((s) => s > t));
      return { ...span, end: Math.min(span.end, nextOverride) };
    }
  }
  return undefined;
}

/** The final schedule between since and until as consecutive spans, merged where the same user continues. */
export function renderSpans(schedule: ScheduleRec, since: number, until: number, maxSpans = 2000): Span[] {
  const spans: Span[] = [];
  let t = since;
  while (t < until && spans.length < maxSpans) {
    const span = onCallAt(schedule, t);
    if (!span) {
      t += 60 * 60 * 1000; // nobody on call: step an hour and look again
      continue;
    }
    const piece = { userId: span.userId, start: t, end: Math.min(span.end, until) };
    const last = spans[spans.length - 1];
    if (last && last.userId === piece.userId && last.end === piece.start) last.end = piece.end;
    else spans.push(piece);
    t = piece.end;
  }
  return spans;
}

export interface OnCallEntry {
  escalationPolicyId: string;
  level: number;
  userId: string;
  scheduleId: string | null;
  start: number | null;
  end: number | null;
}

/** Every on-call (policy, level, user) between since and until; direct user targets are always on call. */
export function onCallEntries(state: SimState, since: number, until: number): OnCallEntry[] {
  const out: OnCallEntry[] = [];
  for (const policy of state.escalationPolicies.values()) {
    policy.rules.forEach((rule, index) => {
      for (const target of rule.targets) {
        if (target.type === 'user_reference') {
          out.push({ escalationPolicyId: policy.id, level: index + 1, userId: target.id, scheduleId: null, start: null, end: null });
          continue;
        }
        const schedule = state.schedules.get(target.id);
        if (!schedule) continue;
        const spans = since === until ? [onCallAt(schedule, since)].filter((s): s is Span => !!s) : renderSpans(schedule, since, until);
        for (const span of spans) {
          out.push({ escalationPolicyId: policy.id, level: index + 1, userId: span.userId, scheduleId: schedule.id, start: span.start, end: span.end });
        }
      }
    });
  }
  return out;
}

/** Users on call now for one level of a policy (used by escalations and new incidents). */
export function usersOnLevel(state: SimState, policyId: string, level: number, t: number): string[] {
  return [
    ...new Set(onCallEntries(state, t, t).filter((e) => e.escalationPolicyId === policyId && e.level === level).map((e) => e.userId)),
  ];
}
