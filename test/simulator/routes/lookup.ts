/** Find-or-404 for the account's entities, and the `query` name filter list endpoints share. */
import { notFound } from '../errors';

export function getOr404<T>(map: Map<string, T>, id: string): T {
  const found = map.get(id);
  if (!found) throw notFound();
  return found;
}

/** PagerDuty's `query` parameter: case-insensitive substring of the name. */
export function matchesQuery(name: string, query: URLSearchParams): boolean {
  const q = query.get('query');
  return !q || name.toLowerCase().includes(q.toLowerCase());
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}
