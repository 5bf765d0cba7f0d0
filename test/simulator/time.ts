/** Timestamps the way PagerDuty writes them: ISO 8601, UTC, whole seconds, trailing Z. */
export function iso(ms: number | Date): string {
  const value = typeof ms === 'number' ? ms : ms.getTime();
  return new Date(value).toISOString().slice(0, 19) + 'Z';
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Parses a query timestamp; undefined when absent, NaN-free or throws a readable error. */
export function parseTime(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${name} "${value}" is not an ISO 8601 date-time`);
  return ms;
}
