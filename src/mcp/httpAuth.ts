/**
 * Who may use the HTTP server, from one request's headers. Either each client brings its own PagerDuty token, as to
 * PagerDuty's hosted endpoint (`Authorization: Token <token>` or `Token token=<token>`), or — when the server holds
 * PAGERDUTY_USER_API_KEY — a client proves it knows the server's own secret (`Authorization: Bearer <secret>`).
 * Messages say what was expected and never echo the header.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { tokenProblem } from '../pagerduty/token';

export type Credentials = { ok: true; token: string } | { ok: false; message: string };

export interface AuthMode {
  /** The server's own token (PAGERDUTY_USER_API_KEY); then `secret` is required from clients. */
  serverToken?: string;
  secret?: string;
}

const EXPECTED_TOKEN = 'send your PagerDuty API token as "Authorization: Token <token>" (or "Token token=<token>")';
const EXPECTED_SECRET = 'this server uses its own PagerDuty token: send "Authorization: Bearer <PAGERDUTY_MCP_HTTP_SECRET>"';

/** The WWW-Authenticate line of a 401: the scheme the server expects and a hint of its format. */
export function challenge(mode: AuthMode): string {
  return mode.serverToken ? 'Bearer realm="pagerduty-mcp"' : 'Token realm="pagerduty-mcp"';
}

export function authenticate(header: string | undefined, mode: AuthMode): Credentials {
  const value = header?.trim() ?? '';
  const scheme = /^([A-Za-z][\w-]{0,19})(?:\s|$)/.exec(value)?.[1]?.toLowerCase();
  if (mode.serverToken) {
    if (!value) return { ok: false, message: `Missing Authorization header: ${EXPECTED_SECRET}.` };
    const given = scheme === 'bearer' ? value.slice(6).trim() : undefined;
    if (given === undefined) return { ok: false, message: `Wrong Authorization scheme: ${EXPECTED_SECRET}.` };
    if (!sameSecret(given, mode.secret ?? '')) return { ok: false, message: 'The bearer secret is not this server\'s PAGERDUTY_MCP_HTTP_SECRET.' };
    return { ok: true, token: mode.serverToken };
  }
  if (!value) return { ok: false, message: `Missing Authorization header: ${EXPECTED_TOKEN}.` };
  if (scheme === 'bearer') {
    return { ok: false, message: `"Authorization: Bearer …" is the wrong scheme for a PagerDuty API token: ${EXPECTED_TOKEN}.` };
  }
  if (scheme !== 'token') return { ok: false, message: `Unsupported Authorization scheme: ${EXPECTED_TOKEN}.` };
  const token = /^token\s+(?:token=)?(.*)$/is.exec(value)?.[1]?.trim() ?? '';
  const problem = tokenProblem(token);
  if (problem) return { ok: false, message: `The token in the Authorization header is not a usable PagerDuty API token: ${problem}.` };
  return { ok: true, token };
}

/** Constant-time, whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return expected.length > 0 && timingSafeEqual(digest(given), digest(expected));
}
