import type { Ref } from '../../model/shapes';
import { truncate } from '../untrusted';

export type { Ref };

/** Loose view of PagerDuty objects: the tools read only the fields they shape, and tolerate missing ones. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any on purpose: shape code reads deep optional fields
export type Raw = Record<string, any>;

/** A field every answer of this kind has was absent: PagerDuty (or a proxy) sent an empty or partial body. */
export class MissingField extends Error {
  constructor(readonly field: string) {
    super(`missing field "${field}"`);
    this.name = 'MissingField';
  }
}

/** The object's id, or MissingField: an object without an id would otherwise be shown as "undefined". */
export function idOf(raw: Raw | null | undefined): string {
  const id = raw?.id;
  if ((typeof id === 'string' && id) || typeof id === 'number') return String(id);
  throw new MissingField('id');
}

/** A reference object ({id, summary|name}) reduced to what a responder reads. */
export function ref(raw: Raw | null | undefined): Ref | null {
  if (!raw || typeof raw !== 'object' || !raw.id) return null;
  return { id: String(raw.id), name: String(raw.summary ?? raw.name ?? raw.id) };
}

export function refs(raw: unknown): Ref[] {
  return Array.isArray(raw) ? raw.map((r) => ref(r)).filter((r): r is Ref => r !== null) : [];
}

/** PagerDuty timestamps are ISO 8601 with Z or an offset; anything else is normalised to UTC with Z. */
export function time(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw) return null;
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(raw)) return raw;
  const parsed = Date.parse(`${raw}Z`);
  return Number.isNaN(parsed) ? raw : new Date(parsed).toISOString();
}

/** Drops null/undefined/empty-array fields so structured output stays compact. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}

/** Names shown in a joined list (assignees, teams) before the rest is counted, and the longest name shown whole. */
export const LIST_NAMES_SHOWN = 10;
export const LIST_NAME_MAX_CHARS = 200;

/**
 * Items joined with commas, at most LIST_NAMES_SHOWN of them, each cut at LIST_NAME_MAX_CHARS, then "and N more":
 * an incident with 500 long-named assignees must not make one line (or one card fact) megabytes long.
 */
export function joinCapped(items: readonly string[], more: (count: number) => string = (count) => `and ${count} more`): string {
  const shown = items.slice(0, LIST_NAMES_SHOWN).map((item) => truncate(item, LIST_NAME_MAX_CHARS)).join(', ');
  return items.length > LIST_NAMES_SHOWN ? `${shown} ${more(items.length - LIST_NAMES_SHOWN)}` : shown;
}

export function names(list: readonly Ref[], more?: (count: number) => string): string {
  return joinCapped(list.map((r) => r.name), more);
}
