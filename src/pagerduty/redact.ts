/**
 * Removes secrets from any text before it is logged, thrown or returned.
 * A secret registered outside any request scope (sign-in, the server's own token and secret) is scrubbed everywhere
 * for the life of the process. One registered inside withSecretScope (an HTTP request's token) is scrubbed from what
 * that scope produces only — its answer, errors and log lines — and forgotten with it: one client's token must not
 * rewrite another client's answers.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mapStrings } from '../model/mapStrings';

interface Secrets {
  everywhere: Set<string>;
  /** Secrets a tool hands to its caller once (a webhook signing secret): kept out of logs and errors, not out of that answer. */
  logs: Set<string>;
}

const processWide: Secrets = { everywhere: new Set(), logs: new Set() };
const requestScope = new AsyncLocalStorage<Secrets>();

/** A run of this many leading characters of a token is already enough to narrow a brute-force search: redact it too. */
export const MIN_REDACTED_PREFIX = 8;

/** Runs `work` (and all it starts) with a scope of its own for registerSecret. */
export function withSecretScope<T>(work: () => T): T {
  return requestScope.run({ everywhere: new Set(), logs: new Set() }, work);
}

export function registerSecret(secret: string | undefined, scope: 'everywhere' | 'logs' = 'everywhere'): void {
  if (!secret || secret.length < 4) return;
  const secrets = requestScope.getStore() ?? processWide;
  secrets[scope].add(secret);
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

function scrubAll(text: string, kind: keyof Secrets): string {
  let out = text;
  for (const secret of processWide[kind]) out = scrub(out, secret);
  for (const secret of requestScope.getStore()?.[kind] ?? []) out = scrub(out, secret);
  return out;
}

/** For logs and error text: every registered secret. */
export function redact(text: string): string {
  return scrubAll(redactResult(text), 'logs');
}

/**
 * Authorization-style values of tokens we never saw. A placeholder (`Bearer <PAGERDUTY_MCP_HTTP_SECRET>`) is no secret:
 * kept, so that the help and log lines that show the expected format still show it.
 */
const AUTHORIZATION_VALUE = /(Token token=|Bearer\s+)(?!<[\w-]{1,40}>(?![\w+/=-]))[^\s"',}]+/gi;

/** For tool results: the API token (and Authorization-style values), not a secret the tool is meant to show once. */
export function redactResult(text: string): string {
  return scrubAll(text, 'everywhere').replace(AUTHORIZATION_VALUE, '$1***');
}

/** redactResult applied to every string in a JSON-like value. */
export function redactDeep<T>(value: T): T {
  return mapStrings(value, redactResult);
}
