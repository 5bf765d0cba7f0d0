/**
 * A stateful PagerDuty REST API v2 simulator on node:http, validated both ways against PagerDuty's
 * OpenAPI document. Start one per test with `startSimulator()`; inspect `state`, `requests` and
 * `validation` in assertions; inject failures with `faults`.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PdError, accessDenied, fromHeaderMissing, invalidInput, notFound, unauthorized } from './errors';
import { FaultInjector } from './faults';
import { matchOperation, validateRequest, validateResponse, type Violation } from './openapi/validator';
import { Renderer } from './render';
import { Router, type Caller, type HandlerResult } from './router';
import { registerAllRoutes } from './routes';
import { wakeSnoozedIncidents } from './routes/incidentActions';
import { SUBDOMAIN } from './seed/data';
import { seedState } from './seed';
import { seedCodeIncidents } from './seed/codeIncidents';
import { Prng } from './seed/prng';
import { SimState, type UserRec } from './state';

export { FaultInjector } from './faults';
export type { FaultSpec } from './faults';
export type { Violation } from './openapi/validator';
export { SimState } from './state';

export interface SimulatorOptions {
  /** Default 0 = a random free port; the host is always 127.0.0.1. */
  port?: number;
  /** Seeded incidents, default 60. */
  incidents?: number;
  /** Also the Payments API service and its incidents with stack traces into test/fixtures/payments-workspace. */
  codeIncidents?: boolean;
  /** OpenAPI validation of every request and response, default true. */
  validate?: boolean;
  /** Clock, default real time. */
  now?: () => Date;
  /** Seed for the PRNG, default 1; the same seed and `now` give the same account. */
  seed?: number;
  /** Called for each violation as it is found (the CLI prints them). */
  onViolation?: (violation: Violation) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without `?`, as sent. */
  query: string;
  /** Request headers; the Authorization token is replaced by `***`. */
  headers: Record<string, string>;
  body: unknown;
  /** Status the simulator answered with (0 for a reset connection). */
  status?: number;
  /** Which token authenticated it: `user`, `observer`, `accountKey` or the label given to `issueToken`. */
  tokenLabel?: string;
}

export interface Simulator {
  url: string;
  tokens: { user: string; observer: string; accountKey: string };
  me: { id: string; email: string; name: string };
  state: SimState;
  faults: FaultInjector;
  validation: { requests: number; responses: number; violations: Violation[] };
  requests: RecordedRequest[];
  /**
   * A further user token (Responder rights) acting as `userId` (default: the `me` user), recorded under `label`: for
   * tests where many clients, each with its own token, share one account.
   */
  issueToken(label: string, userId?: string): string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const clock = opts.now ?? (() => new Date());
  const validate = opts.validate ?? true;
  // `self` links name the real API host, as PagerDuty's do (the spec's "url" format rejects loopback hosts).
  const state = new SimState(new Prng(opts.seed ?? 1), 'https://api.pagerduty.com', `https://${SUBDOMAIN}.pagerduty.com`);
  const seeded = seedState(state, new Prng((opts.seed ?? 1) + 7), opts.incidents ?? 60, clock().getTime());
  if (opts.codeIncidents) seedCodeIncidents(state, seeded.me, clock().getTime());
  const render = new Renderer(state);
  const router = new Router();
  registerAllRoutes(router.route);

  const tokens = { user: newToken(), observer: newToken(), accountKey: newToken() };
  const callers = new Map<string, Caller>([
    [tokens.user, { token: 'user', user: seeded.me }],
    [tokens.observer, { token: 'observer', user: seeded.observer }],
    [tokens.accountKey, { token: 'accountKey' }],
  ]);
  const labels = new Map<string, string>(Object.entries(tokens).map(([label, token]) => [token, label]));
  const faults = new FaultInjector();
  const validation = { requests: 0, responses: 0, violations: [] as Violation[] };
  // GET operations our client made (its User-Agent), checked against the field-coverage list (scripts/report-validation.mjs).
  const clientGets = new Set<string>();
  const requests: RecordedRequest[] = [];
  const report = (found: Violation[]) => {
    for (const v of found) {
      validation.violations.push(v);
      opts.onViolation?.(v);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: redactHeaders(req.headers),
      body: undefined,
    };
    requests.push(record);
    let body: unknown;
    let bodyError: string | undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        bodyError = 'request body is not valid JSON';
      }
    }
    record.body = bodyError ? raw : body;

    const fault = faults.take(method, url.pathname);
    if (fault?.kind === 'reset') {
      record.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed') {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"incidents": [{"id": "Q1", "title": "trunc');
      return;
    }
    if (fault?.kind === 'body') {
      record.status = fault.status ?? 200;
      res.writeHead(record.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(fault.body);
      return;
    }
    if (fault?.kind === 'status') {
      const pdError =
        fault.status === 429 ? new PdError(429, 2020, 'Rate Limit Exceeded') : new PdError(fault.status, 2000, 'An unexpected error occurred.');
      const headers = fault.status === 429 ? { 'ratelimit-reset': '1', 'retry-after': '1', ...fault.headers } : { ...fault.headers };
      record.status = fault.status;
      send(res, { status: fault.status, body: pdError.body, headers });
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'hold') {
      fault.held?.();
      await fault.until.catch(() => undefined);
    }

    const operation = matchOperation(method, url.pathname)?.operation;
    if (method === 'GET' && operation && String(req.headers['user-agent']).startsWith('pagerduty-vscode')) clientGets.add(operation.operationId);
    if (validate) {
      validation.requests += 1;
      const checked = validateRequest({ method, pathname: url.pathname, query: url.searchParams, headers: req.headers, body });
      report(checked.violations);
      if (bodyError && checked.operation) {
        report([{ direction: 'request', method, path: url.pathname, operationId: checked.operation.operationId, message: bodyError, details: [] }]);
      }
    }

    let result: HandlerResult;
    try {
      if (bodyError) throw invalidInput(bodyError);
      const caller = authenticate(req.headers.authorization, callers);
      record.tokenLabel = labels.get(tokenOf(req.headers.authorization) ?? '');
      checkAccept(req.headers.accept);
      const actor = resolveActor(method, caller, req.headers.from, operation?.parameters ?? [], state);
      const route = router.match(method, url.pathname);
      if (!route) throw notFound();
      const now = clock();
      wakeSnoozedIncidents(state, now);
      result = route.handler({ params: route.params, query: url.searchParams, body, headers: req.headers, caller, actor, state, render, now });
    } catch (err) {
      if (err instanceof PdError) {
        result = { status: err.status, body: err.body };
      } else {
        const message = err instanceof Error ? err.message : String(err);
        process.stderr.write(`[simulator] handler error for ${method} ${url.pathname}: ${message}\n`);
        result = { status: 500, body: new PdError(500, 2000, `Simulator error: ${message}`).body };
      }
    }
    if (validate && operation) {
      validation.responses += 1;
      report(validateResponse(operation, result.status, result.body));
    }
    record.status = result.status;
    if (!res.destroyed) send(res, result);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      process.stderr.write(`[simulator] ${err.message}\n`);
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: new PdError(500, 2000, err.message).body });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    tokens,
    me: { id: seeded.me.id, email: seeded.me.email, name: seeded.me.name },
    state,
    faults,
    validation,
    requests,
    issueToken(label, userId) {
      const user = userId === undefined ? seeded.me : state.users.get(userId);
      if (!user) throw new Error(`issueToken: no user ${userId}`);
      const token = newToken();
      callers.set(token, { token: 'user', user });
      labels.set(token, label);
      return token;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        recordValidationStats(validation, clientGets);
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * Test files run in separate processes; each simulator appends its counts to the file named by
 * PD_VALIDATION_STATS so the test command can print one total (scripts/report-validation.mjs).
 */
function recordValidationStats(validation: Simulator['validation'], clientGets: ReadonlySet<string>) {
  const file = process.env.PD_VALIDATION_STATS;
  if (!file) return;
  const line = {
    requests: validation.requests,
    responses: validation.responses,
    violations: validation.violations.length,
    examples: validation.violations.slice(0, 3).map((v) => `${v.direction} ${v.method} ${v.path}: ${v.message} ${v.details.join('; ')}`),
    clientGets: [...clientGets],
  };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

function newToken(): string {
  // Shaped like PagerDuty's 20-character REST API keys.
  return randomBytes(15).toString('base64').replace(/[+/=]/g, '_');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = name === 'authorization' ? String(value).replace(/^(\s*\S+\s+(?:token=)?).*$/i, '$1***') : String(value);
  }
  return out;
}

function tokenOf(header: string | undefined): string | undefined {
  return /^\s*Token\s+token=(\S+)\s*$/i.exec(header ?? '')?.[1];
}

function authenticate(header: string | undefined, callers: Map<string, Caller>): Caller {
  const token = tokenOf(header);
  const caller = token ? callers.get(token) : undefined;
  if (!caller) throw unauthorized();
  return caller;
}

/** Loose, as PagerDuty is: absent, any JSON type or a wildcard passes; another API version does not. */
function checkAccept(accept: string | undefined): void {
  if (!accept) return;
  const version = /version=(\d+)/.exec(accept)?.[1];
  if ((version && version !== '2') || !/json|\*\/\*/i.test(accept)) {
    throw invalidInput(`Accept header "${accept}" is not supported; use application/vnd.pagerduty+json;version=2`);
  }
}

/**
 * Writes act as a user: a user token's own user, or for the account key the user named by `From`,
 * which PagerDuty requires on the operations its spec marks with a required From header.
 */
function resolveActor(
  method: string,
  caller: Caller,
  from: string | undefined,
  parameters: { in?: unknown; name?: unknown; required?: unknown }[],
  state: SimState,
): UserRec | undefined {
  if (method === 'GET') return caller.user;
  if (caller.token === 'observer') throw accessDenied('Observers cannot make changes; use a user with the Responder role or above');
  if (caller.user) return caller.user;
  const needsFrom = parameters.some((p) => p.in === 'header' && p.name === 'From' && p.required === true);
  if (!from) {
    if (needsFrom) throw fromHeaderMissing();
    return undefined;
  }
  const user = state.findUserByEmail(from);
  if (!user) throw invalidInput(`The "From" header "${from}" is not the email of a user on this account`);
  return user;
}

function send(res: ServerResponse, result: HandlerResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(result.body));
}
