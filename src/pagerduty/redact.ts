/**
 * Removes secrets from any text before it is logged, thrown or returned.
 * Tokens are registered once (client construction, sign-in) and scrubbed everywhere after.
 */
const secrets = new Set<string>();

/** A run of this many leading characters of a token is already enough to narrow a brute-force search: redact it too. */
export const MIN_REDACTED_PREFIX = 8;

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) {
    secrets.add(secret);
  }
}

/** Replaces the secret and every run of its first MIN_REDACTED_PREFIX or more characters with `***`. */
function scrub(text: string, secret: string): string {
  const head = secret.slice(0, Math.min(MIN_REDACTED_PREFIX, secret.length));
  let out = '';
  let from = 0;
  for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, from)) {
    let end = at + head.length;
    while (end - at < secret.length && text[end] === secret[end - at]) end++;
    out += `${text.slice(from, at)}***`;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = scrub(out, secret);
  // Belt and braces for tokens we never saw: any Authorization-style value.
  return out.replace(/(Token token=|Bearer\s+)[^\s"',}]+/gi, '$1***');
}

/** Redacted copy of every string in a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
