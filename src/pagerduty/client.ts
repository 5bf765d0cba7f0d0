import { errorFromResponse, isRead, PagerDutyError, unknownWriteOutcome } from './errors';
import { resolveApiBaseUrl, type Region } from './hosts';
import { redact, registerSecret } from './redact';
import { tokenProblem } from './token';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type Query = Record<string, QueryValue>;

export interface ClientOptions {
  token: string;
  region?: Region;
  /** Overrides the region's host (EU host, a proxy, or the simulator in tests). */
  baseUrl?: string;
  /** For account-level API keys, which have no /users/me: the `From` email for writes. */
  fromEmail?: string;
  /** Upper bound for one call including its retries. */
  deadlineMs?: number;
  maxRetries?: number;
  log?: (line: string) => void;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: string;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** PagerDuty requires `From: <email>` on some writes (the spec marks 13 operations). */
  needsFrom?: boolean;
  deadlineMs?: number;
  headers?: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  more: boolean;
  total?: number;
  /** Offset to pass to continue after these items (offset pagination). */
  nextOffset?: number;
  /** Cursor to pass to continue (cursor pagination). */
  nextCursor?: string;
}

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role?: string;
  time_zone?: string;
  html_url?: string;
  teams?: { id: string; summary?: string }[];
}

const MAX_PAGE = 100;
const DEFAULT_DEADLINE_MS = 30_000;
/**
 * Only reads are replayed after a 5xx, a dropped connection or a garbled body: a write may already have been applied
 * (a replayed DELETE would then answer 404, a replayed merge or guarded update would fail), so writes report instead.
 */
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET']);

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function buildQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      // PagerDuty's array parameters are spelled `key[]`, repeated per value.
      const name = key.endsWith('[]') ? key : `${key}[]`;
      // They are sets (the spec marks them uniqueItems): a repeated value is sent once.
      for (const v of new Set(value.map(String))) params.append(name, v);
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Seconds to wait before retrying a 429, from PagerDuty's `ratelimit-reset` or the standard `Retry-After`. */
export function retryAfterMs(headers: Headers): number | undefined {
  for (const name of ['ratelimit-reset', 'retry-after']) {
    const raw = headers.get(name);
    if (raw === null) continue;
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(raw);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return undefined;
}

export class PagerDutyClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly deadlineMs: number;
  private readonly maxRetries: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: NonNullable<ClientOptions['sleep']>;
  private mePromise?: Promise<UserSummary>;

  constructor(private readonly options: ClientOptions) {
    const token = options.token?.trim();
    if (!token) {
      throw new PagerDutyError('configuration', 'No PagerDuty API token is configured; sign in first.');
    }
    if (/^(bearer\s|token\s+token=)/i.test(token)) {
      throw new PagerDutyError(
        'configuration',
        'The PagerDuty token starts with "Bearer" or "Token token="; use the token itself without that prefix.',
      );
    }
    // Inside an HTTP request's scope (src/mcp/http.ts) this covers what that request produces only.
    registerSecret(token);
    const problem = tokenProblem(token);
    if (problem) throw new PagerDutyError('configuration', `The PagerDuty API token is not usable: ${problem}. Sign in again with the token.`);
    this.token = token;
    this.baseUrl = resolveApiBaseUrl(options.region, options.baseUrl);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxRetries = options.maxRetries ?? 3;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  /**
   * One call, bounded by the deadline and the caller's signal. They are joined by hand, not with AbortSignal.any,
   * so the timer and listener are released as soon as the call ends instead of when the GC gets to the signals.
   */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const combined = new AbortController();
    const deadlineMs = options.deadlineMs ?? this.deadlineMs;
    const deadlineAt = Date.now() + deadlineMs;
    const timer = setTimeout(() => combined.abort(new Error('deadline')), deadlineMs);
    const onCallerAbort = () => combined.abort(options.signal?.reason);
    if (options.signal?.aborted) onCallerAbort();
    else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await this.send<T>(method, path, options, combined.signal, deadlineAt);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async send<T>(method: HttpMethod, path: string, options: RequestOptions, signal: AbortSignal, deadlineAt: number): Promise<T> {
    const action = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = {
      Authorization: `Token token=${this.token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
      'Content-Type': 'application/json',
      'User-Agent': this.options.userAgent ?? 'pagerduty-vscode',
      ...options.headers,
    };
    if (options.needsFrom) {
      headers.From = await this.fromEmail(signal);
    }
    const url = `${this.baseUrl}${path}${buildQueryString(options.query)}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.maxRetries;
      let response: Response;
      try {
        response = await this.fetchImpl(url, { method, headers, body, signal });
      } catch (error) {
        const failure = this.abortError(signal, options.signal, action) ?? this.networkError(error, action);
        if (failure.kind === 'network' && canRetry && IDEMPOTENT.has(method)) {
          await this.backoff(attempt, undefined, signal, options.signal, action);
          continue;
        }
        throw failure;
      }

      if (response.status === 429) {
        const waitMs = retryAfterMs(response.headers);
        if (waitMs !== undefined && Date.now() + waitMs > deadlineAt) {
          // Sleeping until the deadline would only end in a misleading timeout.
          throw new PagerDutyError(
            'rate_limited',
            `PagerDuty's rate limit was reached for ${action} (429); it resets in ${Math.ceil(waitMs / 1000)} s ` +
              `(at ${new Date(Date.now() + waitMs).toISOString()}), later than this call's deadline. Nothing was changed; try again after that.`,
            429,
          );
        }
        if (canRetry) {
          // A 429 means PagerDuty did not process the request, so retrying is safe for every method.
          await this.backoff(attempt, waitMs, signal, options.signal, action);
          continue;
        }
      }
      if (response.status >= 500 && canRetry && IDEMPOTENT.has(method)) {
        await this.backoff(attempt, undefined, signal, options.signal, action);
        continue;
      }

      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw this.abortError(signal, options.signal, action) ?? this.networkError(error, action);
      }
      let parsed: unknown = undefined;
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text);
        } catch {
          if (response.ok && canRetry && IDEMPOTENT.has(method)) {
            await this.backoff(attempt, undefined, signal, options.signal, action);
            continue;
          }
          if (response.ok) {
            const next = isRead(action) ? 'try again.' : unknownWriteOutcome(action);
            throw new PagerDutyError('malformed_response', `PagerDuty sent an unreadable (non-JSON) response to ${action}; ${next}`, response.status);
          }
        }
      }
      if (!response.ok) {
        throw errorFromResponse(response.status, parsed, action);
      }
      this.log(`${action} → ${response.status}${attempt ? ` after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}` : ''}`);
      return parsed as T;
    }
  }

  /**
   * Offset pagination: asks for pages of ≤100 until `limit` items are collected or PagerDuty has no more.
   * `key` is the array property of the response ("incidents", "services", …).
   */
  async list<T>(path: string, key: string, options: RequestOptions & { limit: number; offset?: number }): Promise<Page<T>> {
    const items: T[] = [];
    let offset = options.offset ?? 0;
    let more = true;
    let total: number | undefined;
    while (items.length < options.limit && more) {
      const pageSize = Math.min(MAX_PAGE, options.limit - items.length);
      const page = await this.get<Record<string, unknown>>(path, {
        ...options,
        query: { ...options.query, limit: pageSize, offset, total: true },
      });
      const batch = (Array.isArray(page[key]) ? page[key] : []) as T[];
      items.push(...batch);
      offset += batch.length;
      more = page.more === true && batch.length > 0;
      if (typeof page.total === 'number') total = page.total;
    }
    return { items, more, total, nextOffset: more ? offset : undefined };
  }

  /** Cursor pagination (e.g. /audit/records, /alert_grouping_settings): `cursor` / `next_cursor`. */
  async listByCursor<T>(path: string, key: string, options: RequestOptions & { limit: number; cursor?: string }): Promise<Page<T>> {
    const items: T[] = [];
    let cursor = options.cursor;
    let more = true;
    while (items.length < options.limit && more) {
      const page = await this.get<Record<string, unknown>>(path, {
        ...options,
        query: { ...options.query, limit: Math.min(MAX_PAGE, options.limit - items.length), cursor },
      });
      const batch = (Array.isArray(page[key]) ? page[key] : []) as T[];
      items.push(...batch);
      const next = (page.next_cursor ?? page.after ?? undefined) as string | null | undefined;
      cursor = next ?? undefined;
      more = Boolean(next) && batch.length > 0;
    }
    return { items, more, nextCursor: more ? cursor : undefined };
  }

  /** The token's user, fetched once. Account-level keys have no user: PagerDuty answers 400. */
  me(signal?: AbortSignal): Promise<UserSummary> {
    if (!this.mePromise) {
      this.mePromise = this.get<{ user?: UserSummary } | undefined>('/users/me', { signal, query: { 'include[]': ['teams'] } }).then(
        (r) => {
          if (typeof r?.user?.id !== 'string') {
            throw new PagerDutyError('malformed_response', 'PagerDuty\'s answer to GET /users/me lacked "user" (or its id), so the signed-in user is unknown; try again.');
          }
          return r.user;
        },
      ).catch(
        (error: unknown) => {
          this.mePromise = undefined;
          if (error instanceof PagerDutyError && error.kind === 'invalid_request') {
            throw new PagerDutyError(
              'configuration',
              'This token has no user (an account-level API key): there is no "me". ' +
                'Use a user API token, or set the From email (PAGERDUTY_FROM_EMAIL / pagerduty.fromEmail) and pass user ids explicitly.',
              error.status,
            );
          }
          throw error;
        },
      );
    }
    return this.mePromise;
  }

  private async fromEmail(signal: AbortSignal): Promise<string> {
    if (this.options.fromEmail) return this.options.fromEmail;
    try {
      const { email } = await this.me(signal);
      if (!email) throw new PagerDutyError('malformed_response', 'PagerDuty\'s answer to GET /users/me lacked the user\'s email, which this write needs as its From header; set PAGERDUTY_FROM_EMAIL (pagerduty.fromEmail).');
      return email;
    } catch (error) {
      if (error instanceof PagerDutyError && error.kind === 'configuration') {
        throw new PagerDutyError(
          'configuration',
          'This write needs a From email, and an account-level API key has no user to take it from. ' +
            'Set PAGERDUTY_FROM_EMAIL (or the pagerduty.fromEmail setting) to the email of a PagerDuty user.',
        );
      }
      throw error;
    }
  }

  private async backoff(attempt: number, waitMs: number | undefined, signal: AbortSignal, callerSignal: AbortSignal | undefined, action: string) {
    const exponential = Math.min(4000, 250 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    const ms = waitMs ?? exponential;
    this.log(`${action}: retry ${attempt + 1}/${this.maxRetries} in ${Math.round(ms)} ms`);
    try {
      await this.sleep(ms, signal);
    } catch {
      throw this.abortError(signal, callerSignal, action) ?? this.timeoutError(action);
    }
  }

  private abortError(signal: AbortSignal, callerSignal: AbortSignal | undefined, action: string): PagerDutyError | undefined {
    if (!signal.aborted) return undefined;
    if (callerSignal?.aborted) {
      return new PagerDutyError('cancelled', `${action} was cancelled.${isRead(action) ? '' : ` If it had been sent, ${unknownWriteOutcome(action)}`}`);
    }
    return this.timeoutError(action);
  }

  /** A write past its deadline may still be applied by PagerDuty (a slow note is stored later): never invite a plain retry. */
  private timeoutError(action: string): PagerDutyError {
    return new PagerDutyError(
      'timeout',
      `${action} did not finish within the deadline; PagerDuty is slow or unreachable. ` +
        (isRead(action) ? 'Try again, or raise the deadline.' : `The answer was lost, but ${unknownWriteOutcome(action)}`),
    );
  }

  private networkError(error: unknown, action: string): PagerDutyError {
    const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? 'unknown error';
    return new PagerDutyError(
      'network',
      `Could not reach PagerDuty at ${this.baseUrl} for ${action} (${redact(String(cause))}). Check the network, proxy and region setting.` +
        (isRead(action) ? '' : ` If the request got through, ${unknownWriteOutcome(action)}`),
    );
  }

  private log(line: string) {
    this.options.log?.(redact(line));
  }
}
