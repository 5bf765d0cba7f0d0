import type { Ref } from '../../model/shapes';

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
