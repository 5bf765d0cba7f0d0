import { redact } from './redact';

export type PagerDutyErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'malformed_response'
  | 'configuration'
  /** A guarded write found the data changed since it was read, and wrote nothing. */
  | 'conflict';

/** Every failure of the client surfaces as this one type, with a message written for the person (or model) reading it. */
export class PagerDutyError extends Error {
  constructor(
    readonly kind: PagerDutyErrorKind,
    message: string,
    readonly status?: number,
    readonly details: string[] = [],
  ) {
    super(redact(message));
    this.name = 'PagerDutyError';
  }
}

interface ApiErrorBody {
  error?: { message?: string; code?: number; errors?: unknown[] | Record<string, unknown> } | string;
}

function apiErrorParts(body: unknown): { message?: string; errors: string[] } {
  const error = (body as ApiErrorBody | undefined)?.error;
  if (typeof error === 'string') {
    return { message: error, errors: [] };
  }
  const raw = error?.errors;
  // v2 sends a list of strings; the v3 schedules API sends {field: [messages]}.
  const errors = Array.isArray(raw)
    ? raw.map((e) => String(e))
    : raw && typeof raw === 'object'
      ? Object.entries(raw).flatMap(([field, list]) => (Array.isArray(list) ? list : [list]).map((m) => `${field}: ${String(m)}`))
      : [];
  return { message: error?.message, errors };
}

/**
 * How to tell whether a write whose answer was lost (deadline, dropped connection, 5xx, garbled body) was applied,
 * so the reader checks instead of repeating it: a repeated note or incident would be a duplicate.
 */
export function unknownWriteOutcome(action: string): string {
  const path = action.replace(/^\S+\s+/, '');
  const check = /^\/incidents\/[^/]+\/notes$/.test(path)
    ? "list the incident's notes (list_incident_notes)"
    : /^\/incidents\/[^/]+\/responder_requests$/.test(path)
      ? "look at the incident's log entries (list_log_entries)"
      : /^\/incidents(\/[^/]+)?$/.test(path)
        ? 'look at the incident(s) (get_incident or list_incidents)'
        : 'read it back with the matching get_ or list_ tool';
  return `the change may have been applied: ${check} before repeating it, so it is not made twice.`;
}

export function isRead(action: string): boolean {
  return action.startsWith('GET ');
}

/** Maps an HTTP failure to the guidance a responder needs; `action` names what was attempted ("PUT /incidents"). */
export function errorFromResponse(status: number, body: unknown, action: string): PagerDutyError {
  const { message, errors } = apiErrorParts(body);
  const detail = [message, ...errors].filter(Boolean).join('; ');
  switch (status) {
    case 401:
      return new PagerDutyError(
        'unauthorized',
        'PagerDuty rejected the API token (401): it is invalid, expired or revoked. ' +
          'Create a user API token in PagerDuty (My Profile → User Settings → Create API User Token) and sign in again; ' +
          'use the token itself, not "Bearer …" or "Token token=…".',
        status,
        errors,
      );
    case 403:
      return new PagerDutyError(
        'forbidden',
        `PagerDuty refused ${action} (403): your role or the token's scope lacks permission for this action.` +
          (detail ? ` PagerDuty says: ${detail}` : '') +
          ' Ask a PagerDuty admin for the permission, or use a token of a user who has it.',
        status,
        errors,
      );
    case 404:
      return new PagerDutyError(
        'not_found',
        `Not found (404) for ${action}: the id does not exist or your account cannot see it.` +
          (detail ? ` PagerDuty says: ${detail}` : ''),
        status,
        errors,
      );
    case 429:
      return new PagerDutyError(
        'rate_limited',
        `PagerDuty's rate limit was reached for ${action} (429) and retries were used up; wait a minute and try again.`,
        status,
        errors,
      );
    default:
      if (status >= 500) {
        return new PagerDutyError(
          'server_error',
          `PagerDuty had a server error (${status}) on ${action}; ` +
            (isRead(action) ? 'try again shortly.' : unknownWriteOutcome(action)) +
            (detail ? ` ${detail}` : ''),
          status,
          errors,
        );
      }
      return new PagerDutyError(
        'invalid_request',
        `PagerDuty rejected ${action} (${status}): ${detail || 'invalid request'}`,
        status,
        errors,
      );
  }
}
