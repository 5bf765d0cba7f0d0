/**
 * Removes secrets from any text before it is logged, thrown or returned.
 * Tokens are registered once (client construction, sign-in) and scrubbed everywhere after.
 */
import { mapStrings } from '../model/mapStrings';

/** Counted: an HTTP server registers each request's token and releases it when the request ends. */
const secrets = new Map<string, number>();
/** Secrets a tool hands to its caller once (a webhook signing secret): kept out of logs and errors, not out of that answer. */
const shownOnce = new Set<string>();

/** A run of this many leading characters of a token is already enough to narrow a brute-force search: redact it too. */
export const MIN_REDACTED_PREFIX = 8;

/** Returns a release: the secret is forgotten when every registration of it is released (never, for most callers). */
export function registerSecret(secret: string | undefined, scope: 'everywhere' | 'logs' = 'everywhere'): () => void {
  if (!secret || secret.length < 4) return () => {};
  if (scope === 'logs') {
    shownOnce.add(secret);
    return () => {};
  }
  secrets.set(secret, (secrets.get(secret) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (secrets.get(secret) ?? 1) - 1;
    if (left > 0) secrets.set(secret, left);
    else secrets.delete(secret);
  };
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

/** For logs and error text: every registered secret. */
export function redact(text: string): string {
  let out = redactResult(text);
  for (const secret of shownOnce) out = scrub(out, secret);
  return out;
}

/** For tool results: the API token (and Authorization-style values), not a secret the tool is meant to show once. */
export function redactResult(text: string): string {
  let out = text;
  for (const secret of secrets.keys()) out = scrub(out, secret);
  // Belt and braces for tokens we never saw: any Authorization-style value.
  return out.replace(/(Token token=|Bearer\s+)[^\s"',}]+/gi, '$1***');
}

/** redactResult applied to every string in a JSON-like value. */
export function redactDeep<T>(value: T): T {
  return mapStrings(value, redactResult);
}
