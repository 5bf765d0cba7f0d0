// My on-call status and the policy → level → people tree, from list_oncalls' entries. Pure.
import type { Ref } from '../../model/shapes';
import type { OncallEntry } from './types';

export type MyStatus =
  | { kind: 'onCall'; until: string | null; policies: Ref[] }
  | { kind: 'next'; start: string; end: string | null; policy: Ref }
  | { kind: 'none' };

export interface LevelGroup {
  level: number;
  entries: OncallEntry[];
}

export interface PolicyGroup {
  policy: Ref;
  levels: LevelGroup[];
}

/** How far ahead "my next shift" looks. */
export const LOOKAHEAD_DAYS = 30;

export { parseOncalls } from '../../model/toolAnswers';

const time = (iso: string | null, fallback: number) => (iso ? Date.parse(iso) : fallback);

export function isCurrent(entry: OncallEntry, now: number): boolean {
  return time(entry.start, -Infinity) <= now && now < time(entry.end, Infinity);
}

/** `mine`: list_oncalls for user_ids=[me] over [now, now + LOOKAHEAD_DAYS]. */
export function myStatus(mine: readonly OncallEntry[], now: number): MyStatus {
  const current = mine.filter((e) => isCurrent(e, now));
  if (current.length) {
    // Until the last current scheduled shift ends; null only when every current entry is permanent (a user
    // targeted directly by a policy), because "always" would otherwise hide when the rotation hands over.
    const ends = current.filter((e) => e.end).map((e) => e.end!).sort();
    const until = ends.at(-1) ?? null;
    const policies = uniqueBy(current.map((e) => e.escalation_policy), (p) => p.id);
    return { kind: 'onCall', until, policies };
  }
  const upcoming = mine.filter((e) => e.start && Date.parse(e.start) > now).sort((a, b) => Date.parse(a.start!) - Date.parse(b.start!));
  const next = upcoming[0];
  return next ? { kind: 'next', start: next.start!, end: next.end, policy: next.escalation_policy } : { kind: 'none' };
}

/** Who is on call now, by policy (by name) and level; one row per person and schedule. */
export function groupByPolicy(entries: readonly OncallEntry[], now: number): PolicyGroup[] {
  const policies = new Map<string, PolicyGroup>();
  for (const entry of entries) {
    if (!isCurrent(entry, now)) continue;
    let group = policies.get(entry.escalation_policy.id);
    if (!group) {
      group = { policy: entry.escalation_policy, levels: [] };
      policies.set(entry.escalation_policy.id, group);
    }
    let level = group.levels.find((l) => l.level === entry.escalation_level);
    if (!level) {
      level = { level: entry.escalation_level, entries: [] };
      group.levels.push(level);
    }
    const key = `${entry.user.id}/${entry.schedule?.id ?? ''}`;
    if (!level.entries.some((e) => `${e.user.id}/${e.schedule?.id ?? ''}` === key)) level.entries.push(entry);
  }
  const groups = [...policies.values()].sort((a, b) => a.policy.name.localeCompare(b.policy.name));
  for (const g of groups) {
    g.levels.sort((a, b) => a.level - b.level);
    for (const l of g.levels) l.entries.sort((a, b) => a.user.name.localeCompare(b.user.name));
  }
  return groups;
}

/** The policies I am on now come first, so "what am I on the hook for" is at the top. */
export function orderForMe(groups: PolicyGroup[], meId: string | undefined): PolicyGroup[] {
  if (!meId) return groups;
  const mine = (g: PolicyGroup) => g.levels.some((l) => l.entries.some((e) => e.user.id === meId));
  return [...groups.filter(mine), ...groups.filter((g) => !mine(g))];
}

/** "14:00" today, "Fri 14:00" within a week, "12 Mar 14:00" later. */
export function formatWhen(iso: string | null, now: number, locale?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const clock = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const sameDay = new Date(now).toDateString() === date.toDateString();
  if (sameDay) return clock;
  const days = Math.abs(date.getTime() - now) / 86_400_000;
  if (days < 6.5) return `${date.toLocaleDateString(locale, { weekday: 'short' })} ${clock}`;
  return `${date.toLocaleDateString(locale, { day: 'numeric', month: 'short' })} ${clock}`;
}

/** PagerDuty web address of a user, policy or schedule, from the account's web origin (from my html_url). */
export function webUrl(origin: string | undefined, kind: 'users' | 'escalation_policies' | 'schedules', id: string): string | undefined {
  if (!origin || !/^https?:\/\/[^/\s]+$/i.test(origin)) return undefined;
  return `${origin}/${kind}/${encodeURIComponent(id)}`;
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}
