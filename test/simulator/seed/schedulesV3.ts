/**
 * Shift-based (v3) schedules: their own records, kept beside SimState in a WeakMap so the v2 model stays
 * untouched, and seeded on first use relative to the request clock.
 */
import type { SimState } from '../state';
import { DAY, HOUR, iso } from '../time';

export type MemberType = 'user_member' | 'empty_member';
export interface Member {
  type: MemberType;
  user_id?: string;
}
export interface ZonedTime {
  date_time: string;
  time_zone: string;
}

export interface V3Event {
  id: string;
  name: string;
  start_time: ZonedTime;
  end_time: ZonedTime;
  effective_since: string;
  effective_until: string | null;
  recurrence: string[];
  assignment_strategy: {
    type: 'rotating_member_assignment_strategy' | 'every_member_assignment_strategy';
    shifts_per_member?: number;
    members: Member[];
  };
}

export interface V3Rotation {
  id: string;
  events: V3Event[];
}

export interface V3CustomShift {
  id: string;
  start_time: string;
  end_time: string;
  assignmentId: string;
  member: Member;
}

export interface V3Override {
  id: string;
  rotation_id?: string;
  custom_shift_id?: string;
  start_time: string;
  end_time: string;
  overridden_member: Member;
  overriding_member: Member;
}

export interface V3Schedule {
  id: string;
  name: string;
  time_zone: string;
  teamIds: string[];
  rotations: V3Rotation[];
  customShifts: V3CustomShift[];
  overrides: V3Override[];
}

export interface V3State {
  schedules: Map<string, V3Schedule>;
  newId(prefix?: string): string;
}

const states = new WeakMap<SimState, V3State>();

/** The v3 records of one simulator, seeded the first time any /v3 route runs. */
export function v3State(state: SimState, now: number): V3State {
  let v3 = states.get(state);
  if (!v3) {
    let counter = 0;
    // Own counter, not the shared PRNG, so v3 traffic never shifts the ids of v2 objects.
    const newId = (prefix = 'PV') => `${prefix}${(++counter).toString(36).toUpperCase().padStart(5, '0')}`;
    v3 = { schedules: new Map(), newId };
    states.set(state, v3);
    seed(state, v3, now);
  }
  return v3;
}

function userId(state: SimState, first: string): string {
  const user = [...state.users.values()].find((u) => u.name.startsWith(first));
  if (!user) throw new Error(`v3 seed: no user named ${first}`);
  return user.id;
}

function seed(state: SimState, v3: V3State, now: number): void {
  const dayStart = Math.floor(now / DAY) * DAY;
  const mobileTeam = [...state.teams.values()].find((t) => t.name === 'Mobile');
  const weekly: V3Event = {
    id: v3.newId('PE'),
    name: 'Weekly handoff',
    start_time: { date_time: iso(dayStart - 3 * DAY + 9 * HOUR), time_zone: 'UTC' },
    end_time: { date_time: iso(dayStart + 4 * DAY + 9 * HOUR), time_zone: 'UTC' },
    effective_since: iso(dayStart - 30 * DAY),
    effective_until: null,
    recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=1'],
    assignment_strategy: {
      type: 'rotating_member_assignment_strategy',
      shifts_per_member: 1,
      members: [
        { type: 'user_member', user_id: userId(state, 'Jack') },
        { type: 'user_member', user_id: userId(state, 'Isabela') },
      ],
    },
  };
  const rotation: V3Rotation = { id: v3.newId('PR'), events: [weekly] };
  const shift: V3CustomShift = {
    id: v3.newId('PC'),
    start_time: iso(dayStart + 2 * DAY + 18 * HOUR),
    end_time: iso(dayStart + 2 * DAY + 22 * HOUR),
    assignmentId: v3.newId('PA'),
    member: { type: 'user_member', user_id: userId(state, 'Mei') },
  };
  const override: V3Override = {
    id: v3.newId('PO'),
    rotation_id: rotation.id,
    start_time: iso(dayStart + DAY + 12 * HOUR),
    end_time: iso(dayStart + DAY + 16 * HOUR),
    overridden_member: weekly.assignment_strategy.members[0],
    overriding_member: { type: 'user_member', user_id: userId(state, 'Chlo') },
  };
  const schedule: V3Schedule = {
    id: v3.newId('PS'),
    name: 'Mobile Shifts',
    time_zone: 'UTC',
    teamIds: mobileTeam ? [mobileTeam.id] : [],
    rotations: [rotation],
    customShifts: [shift],
    overrides: [override],
  };
  v3.schedules.set(schedule.id, schedule);
}
