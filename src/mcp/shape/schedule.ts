/** Schedules (v2 layer-based and v3 shift-based) and on-call entries reduced to what a responder reads. */
import { compact, idOf, type Raw, type Ref, ref, refs, time } from './common';
import type { OnCallEntry } from '../../model/shapes';

export type { OnCallEntry };

export type ScheduleKind = 'layer_based' | 'shift_based';

export interface FinalEntry {
  start: string | null;
  end: string | null;
  user: Ref | null;
  /** v3 only: what produced the entry (rotation, custom shift, override). */
  source?: string;
}

export interface Member {
  type: string;
  user_id?: string;
}

/** v2 list entries and v3 references share this head; kind says which API edits it. */
export function shapeScheduleHead(raw: Raw, kind: ScheduleKind) {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    kind,
    time_zone: raw.time_zone,
    description: raw.description || undefined,
    teams: refs(raw.teams),
    users: refs(raw.users),
    html_url: raw.html_url ?? undefined,
  });
}

export function shapeV2Schedule(raw: Raw) {
  const entries: FinalEntry[] = (raw.final_schedule?.rendered_schedule_entries ?? []).map((e: Raw) => ({
    start: time(e.start),
    end: time(e.end),
    user: ref(e.user),
  }));
  return {
    ...shapeScheduleHead(raw, 'layer_based'),
    escalation_policies: refs(raw.escalation_policies),
    layers: (raw.schedule_layers ?? []).map((l: Raw) =>
      compact({
        id: l.id,
        name: l.name,
        start: time(l.start),
        end: time(l.end),
        rotation_turn_length_seconds: l.rotation_turn_length_seconds,
        users: refs((l.users ?? []).map((u: Raw) => u.user)),
      }),
    ),
    final_schedule: entries,
  };
}

export function shapeMember(raw: Raw | undefined): Member {
  return compact({ type: String(raw?.type ?? 'empty_member'), user_id: raw?.user_id ?? undefined }) as Member;
}

export function shapeEvent(raw: Raw) {
  const strategy = raw.assignment_strategy ?? {};
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? ''),
    start_time: raw.start_time,
    end_time: raw.end_time,
    effective_since: time(raw.effective_since),
    effective_until: time(raw.effective_until),
    recurrence: raw.recurrence,
    assignment_strategy: compact({
      type: strategy.type,
      shifts_per_member: strategy.shifts_per_member,
      members: (strategy.members ?? []).map(shapeMember),
    }),
  });
}

export function shapeRotation(raw: Raw) {
  return { id: idOf(raw), events: (raw.events ?? []).map(shapeEvent) };
}

export function shapeCustomShift(raw: Raw) {
  return compact({
    id: idOf(raw),
    start_time: time(raw.start_time),
    end_time: time(raw.end_time),
    member: shapeMember(raw.assignments?.[0]?.member),
  });
}

export function shapeV3Override(raw: Raw) {
  return compact({
    id: idOf(raw),
    rotation_id: raw.rotation_id,
    custom_shift_id: raw.custom_shift_id,
    start_time: time(raw.start_time),
    end_time: time(raw.end_time),
    overridden_member: shapeMember(raw.overridden_member),
    overriding_member: shapeMember(raw.overriding_member),
  });
}

/** v3 final schedules name members by user id only; the schedule's `users` list supplies the names. */
export function shapeV3Schedule(raw: Raw, extraUsers: Ref[] = []) {
  const names = new Map([...refs(raw.users), ...extraUsers].map((u) => [u.id, u]));
  const entries: FinalEntry[] = (raw.final_schedule?.computed_shift_assignments ?? []).map((a: Raw) => {
    const userId = a.member?.user_id;
    return {
      start: time(a.start_time),
      end: time(a.end_time),
      user: userId ? (names.get(userId) ?? { id: userId, name: userId }) : null,
      source: a.source?.type,
    };
  });
  return {
    ...shapeScheduleHead(raw, 'shift_based'),
    escalation_policies: refs(raw.escalation_policies),
    rotations: (raw.rotations ?? []).map(shapeRotation),
    final_schedule: entries,
  };
}

export function memberText(m: Member): string {
  return m.type === 'user_member' ? `user ${m.user_id}` : 'nobody (empty)';
}

export function eventLine(e: ReturnType<typeof shapeEvent>): string {
  const s = e.assignment_strategy;
  const members = (s?.members ?? []).map(memberText).join(', ');
  const start = e.start_time ? `${e.start_time.date_time} ${e.start_time.time_zone}` : '?';
  const end = e.end_time ? `${e.end_time.date_time} ${e.end_time.time_zone}` : '?';
  return `${e.id} "${e.name}" ${start} → ${end} | ${(e.recurrence ?? []).join(' ') || 'once'} | ${s?.type ?? '?'}: ${members} | effective ${e.effective_since} → ${e.effective_until ?? 'open'}`;
}

export function finalLine(e: FinalEntry): string {
  const who = e.user ? `${e.user.name} (${e.user.id})` : 'nobody';
  return `${e.start} → ${e.end}: ${who}${e.source && e.source !== 'schedule_rotation' ? ` [${e.source}]` : ''}`;
}

/** Keys stay present even when null: the sidebar's on-call view reads this shape. */
export function shapeOnCall(raw: Raw): OnCallEntry {
  return {
    user: ref(raw.user),
    escalation_policy: ref(raw.escalation_policy),
    escalation_level: Number(raw.escalation_level ?? 0),
    schedule: ref(raw.schedule),
    start: time(raw.start),
    end: time(raw.end),
  };
}
