/** Query helpers shared by route files: PagerDuty's `xxx[]` arrays, include[] sets, time bounds. */
import { invalidInput } from '../errors';
import { parseTime } from '../time';

/** Values of `name[]` (PagerDuty's array style); a comma-separated single value is split as the API does. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(`${name}[]`).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function includes(query: URLSearchParams): Set<string> {
  return new Set(listParam(query, 'include'));
}

export function timeParam(query: URLSearchParams, name: string): number | undefined {
  try {
    return parseTime(query.get(name), name);
  } catch (err) {
    throw invalidInput((err as Error).message);
  }
}

export function objectBody(body: unknown, key: string): Record<string, unknown> {
  const wrapper = body as Record<string, unknown> | undefined;
  const inner = wrapper?.[key];
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw invalidInput(`request body must contain a "${key}" object`);
  return inner as Record<string, unknown>;
}

export function refId(value: unknown, what: string): string {
  const id = (value as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !id) throw invalidInput(`${what} must be a reference with an "id"`);
  return id;
}
