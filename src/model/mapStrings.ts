/** A copy of a JSON-like value with `fn` applied to every string in it, and `key` to every key (default: kept). */
export function mapStrings<T>(value: T, fn: (text: string) => string, key: (name: string) => string = (k) => k): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[key(k)] = mapStrings(v, fn, key);
    return out as T;
  }
  return value;
}
