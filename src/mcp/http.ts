/**
 * `--http`: the same server over MCP Streamable HTTP at /mcp, with the SDK's entries on node:http. Stateless, like
 * PagerDuty's hosted endpoint: every POST brings its token, gets a fresh server holding that token only, and leaves
 * nothing behind, so any replica can serve any request. 2026-07-28 needs no session for what 2025 kept in one
 * (questions to the person as multi round-trip requests, the MCP Apps card); 2025-era clients get today's answers.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, isLegacyRequest, WebStandardStreamableHTTPServerTransport, type AuthInfo } from '@modelcontextprotocol/server';
import { isLoopbackHost } from '../pagerduty/hosts';
import { redact, registerSecret, withSecretScope } from '../pagerduty/redact';
import type { HttpOptions, ServerConfig } from './config';
import { authenticate, challenge, type AuthMode } from './httpAuth';
import { BodyReader } from './httpBody';
import { sendResponse, toRequest } from './httpFetch';
import { answerNamingVersions, HANDSHAKE_VERSIONS, MODERN_VERSIONS } from './protocolVersions';
import { isListen, LISTEN_LIMITS, ListenStreams } from './httpListen';
import { listMine } from './resources';
import { createClient, createServer, createServerParts, type ServerParts } from './server';

export const MCP_PATH = '/mcp';
export const HEALTH_PATH = '/healthz';
/** Longer than common load balancers' idle timeout (60 s), so that the balancer, not we, closes an idle connection. */
const KEEP_ALIVE_MS = 65_000;
const SHUTDOWN_GRACE_MS = 10_000;

export type HttpConfig = ServerConfig & { http: HttpOptions };

export interface RunningHttpServer {
  server: http.Server;
  /** e.g. http://127.0.0.1:3000/mcp */
  url: string;
  /** Stops accepting, lets requests in flight finish (up to 10 s), then closes every connection. */
  close(): Promise<void>;
}

/** A JSON-RPC error body without id, as the SDK's transport answers what it refuses. */
function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code = status === 401 || status === 403 ? -32001 : -32000): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * On a loopback bind only this machine can connect, so a Host naming anything else comes from a page that made its own
 * name resolve here (DNS rebinding; browsers send an Origin only with some requests). No Host (HTTP/1.0) is no browser.
 */
function foreignHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  // Only a name or address and a port: anything else (user info, a path) could make the URL parser see another host.
  if (!/^[\w.:[\]-]{1,260}$/.test(host)) return true;
  try {
    return !isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return true;
  }
}

/**
 * What GET /mcp checked, said plainly: the header's form, or the shared secret. PagerDuty is not asked (a check costs
 * it nothing), so a revoked or mistyped token passes here and fails at the first tool call. Also what /mcp speaks.
 */
function tokenCheck(secret: boolean, version: string) {
  return {
    status: secret ? 'secret-accepted' : 'token-well-formed',
    checked: secret
      ? "the shared secret (PAGERDUTY_MCP_HTTP_SECRET); PagerDuty calls use the server's own token, not checked here"
      : "the Authorization header's form only; PagerDuty was not asked, so a revoked or mistyped token fails at the first tool call",
    endpoint: MCP_PATH,
    transport: 'streamable-http',
    stateless: true,
    protocolVersions: { perRequest: MODERN_VERSIONS, withInitialize: HANDSHAKE_VERSIONS },
    version,
  };
}

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : JSON.stringify(body));
}

/** CORS headers for an allow-listed browser origin (browsers without them would not read the answers). */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'Mcp-Session-Id, WWW-Authenticate' };
}

/** A browser's CORS preflight: what an allowed origin may send. */
function preflight(res: ServerResponse, cors: Record<string, string>): void {
  res.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Session-Id, Last-Event-ID',
    'access-control-max-age': '600',
  });
  res.end();
}

/**
 * The SDK's HTTP entry for 2026-07-28 requests (discover, envelope, Mcp-Method/Mcp-Name, multi round-trip). Each request
 * gets a fresh server from the factory, holding that request's token only (passed through as authInfo, never kept
 * here): nothing a request brings outlives it or reaches another. 2025-era requests are answered as before (below).
 */
function modernHandler(config: HttpConfig, version: string, log: (line: string) => void, parts: ServerParts, bus: ListenStreams) {
  return createMcpHandler(({ authInfo }) => createServer({ ...config, token: authInfo?.token ?? '' }, version, log, parts), {
    legacy: 'reject',
    bus,
    maxSubscriptions: LISTEN_LIMITS.perProcess,
    maxRequestBodySize: config.http.maxBodyBytes,
    onerror: (error) => log(`request failed: ${redact(error.message)}`),
  });
}

/**
 * A 2025-era request, as before v2: a fresh server on a stateless transport answering in one JSON body (the SDK's own
 * fallback answers with an event stream, which curl users and simple clients of ours did not get before).
 */
async function legacyAnswer(server: ReturnType<typeof createServer>, request: Request, parsedBody: unknown, authInfo: AuthInfo): Promise<Response> {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(request, { parsedBody, authInfo });
}

/** Answers one MCP POST (its body already read) with the request's token, in the era the request speaks. */
function mcpAnswerer(config: HttpConfig, version: string, log: (line: string) => void, parts: ServerParts) {
  const listens = new ListenStreams();
  const modern = modernHandler(config, version, log, parts, listens);
  /** A subscriptions/listen stream, fed by polls with this request's token (httpListen.ts). */
  const listen = async (req: IncomingMessage, res: ServerResponse, parsedBody: unknown, authInfo: AuthInfo, signal: AbortSignal) => {
    const ended = new AbortController();
    const client = createClient({ ...config, token: authInfo.token }, log)!;
    const source = { current: async () => (await listMine(parts.reader, client)).map((r) => r.uri), pollMs: config.resourcePollMs, close: () => ended.abort() };
    const request = toRequest(req, AbortSignal.any([signal, ended.signal]));
    const done = new Promise<void>((resolve) => res.once('close', resolve));
    const answer = await listens.open(authInfo.token, source, () => modern.fetch(request, { parsedBody, authInfo }), done);
    if (typeof answer !== 'string') return sendResponse(answer, res);
    const id = (parsedBody as { id?: unknown }).id ?? null;
    return json(res, { jsonrpc: '2.0', id, error: { code: -32603, message: answer } });
  };
  return async (req: IncomingMessage, res: ServerResponse, parsedBody: unknown, token: string, signal: AbortSignal): Promise<void> => {
    const request = toRequest(req, signal);
    const authInfo: AuthInfo = { token, clientId: 'pagerduty-token', scopes: [] };
    if (await isLegacyRequest(request, parsedBody)) {
      const server = createServer({ ...config, token }, version, log, parts);
      res.once('close', () => void server.close());
      return sendResponse(await legacyAnswer(server, request, parsedBody, authInfo), res);
    }
    if (isListen(parsedBody)) return listen(req, res, parsedBody, authInfo, signal);
    return sendResponse(await answerNamingVersions(await modern.fetch(request, { parsedBody, authInfo })), res);
  };
}

export function createHttpHandler(config: HttpConfig, version: string, log: (line: string) => void) {
  const options = config.http;
  const authMode: AuthMode = { serverToken: config.token, secret: options.secret };
  // The server's own secrets, outside any request's scope: scrubbed from everything, for the life of the process.
  registerSecret(options.secret);
  registerSecret(config.token);
  const loopbackBind = isLoopbackHost(options.host);
  // Tools, schemas and validators depend on the settings only: built once, shared by every request's server.
  const parts = createServerParts(config);
  const bodies = new BodyReader(options.maxBodyBytes, options.requestTimeoutMs);
  let inFlight = 0;
  const answer = mcpAnswerer(config, version, log, parts);

  const serveMcp = async (req: IncomingMessage, res: ServerResponse, token: string, cors: Record<string, string>) => {
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    // Read before taking a slot: a slow upload must not hold one while real clients get 503.
    const body = await bodies.read(req);
    if (!body.ok) {
      if ('gone' in body) return;
      return refuse(res, body.status, body.message, body.close ? { connection: 'close' } : {}, body.code);
    }
    if (inFlight >= options.maxConcurrent) {
      return refuse(res, 503, `The server is busy (${options.maxConcurrent} requests in flight); retry shortly.`, { 'retry-after': '1' });
    }
    // A change stream stays open: it is bounded on its own (httpListen.ts), not counted among requests in flight.
    const counted = !isListen(body.message);
    if (counted) inFlight++;
    const gone = new AbortController();
    // The request is over (answered, or the client went away): its exchange, server and timers go with it.
    res.once('close', () => {
      if (counted) inFlight--;
      gone.abort();
    });
    await answer(req, res, body.message, token, gone.signal);
  };

  const serveEndpoint = (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> | void => {
    // A browser page on another origin (or a DNS-rebinding page) must not drive the server; non-browser clients send no Origin.
    const origin = req.headers.origin;
    if (origin !== undefined && !options.allowOrigins.includes(origin)) {
      return refuse(res, 403, 'Origin not allowed: a browser page may call this server only from an origin given with --allow-origin.');
    }
    const cors = corsHeaders(origin);
    if (method === 'OPTIONS') return preflight(res, cors);

    const credentials = authenticate(req.headers.authorization, authMode);
    if (!credentials.ok) return refuse(res, 401, credentials.message, { 'www-authenticate': challenge(authMode), ...cors });

    if (method === 'POST') return serveMcp(req, res, credentials.token, cors);
    if (method === 'HEAD') return json(res, {}, cors);
    if (method === 'GET') {
      // The SDK's clients open a server-to-client stream with GET after initializing; 405 tells them there is none.
      if (String(req.headers.accept ?? '').includes('text/event-stream')) {
        return refuse(res, 405, 'This server is stateless: it keeps no event stream for GET; send requests with POST.', { allow: 'GET, HEAD, POST', ...cors });
      }
      return json(res, tokenCheck(Boolean(options.secret), version), cors);
    }
    return refuse(res, 405, `${method.slice(0, 10)} is not supported: this stateless server takes POST (JSON-RPC), and GET or HEAD to check a token.`, {
      allow: 'GET, HEAD, POST',
      ...cors,
    });
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (loopbackBind && foreignHost(req.headers.host)) {
      return refuse(res, 403, 'Host not allowed: this server listens on a loopback address and answers only requests for localhost, 127.0.0.1 or [::1].');
    }
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return refuse(res, 400, `The request target is not a valid path: use ${MCP_PATH} (or ${HEALTH_PATH}).`);
    }
    const method = req.method ?? 'GET';
    if (path === HEALTH_PATH) {
      if (method !== 'GET' && method !== 'HEAD') return refuse(res, 405, 'Use GET or HEAD.', { allow: 'GET, HEAD' });
      return json(res, { status: 'ok', version });
    }
    if (path !== MCP_PATH) return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
    return serveEndpoint(req, res, method);
  };

  // Each request in a redaction scope of its own: its token is scrubbed from its answer, errors and log lines, and
  // nothing it brings changes another request's answer (src/pagerduty/redact.ts).
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    withSecretScope(() =>
      route(req, res).catch((error: unknown) => {
        log(`request failed: ${redact(String((error as Error)?.message ?? error))}`);
        if (!res.headersSent) refuse(res, 500, 'Internal error; the server log says more.');
        else res.destroy();
      }),
    );
}

export async function serveHttp(config: HttpConfig, version: string, log: (line: string) => void): Promise<RunningHttpServer> {
  const options = config.http;
  const handle = createHttpHandler(config, version, log);
  const server = http.createServer(
    {
      // Slow or stalled clients (slowloris) are cut off; Node checks these every connectionsCheckingInterval.
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, options.requestTimeoutMs),
      keepAliveTimeout: KEEP_ALIVE_MS,
    },
    (req, res) => void handle(req, res),
  );
  server.maxConnections = Math.max(256, options.maxConcurrent * 4);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostPart}:${port}${MCP_PATH}`;
  if (!isLoopbackHost(options.host)) {
    log(
      `warning: listening on ${options.host}, reachable from other machines. Tokens travel in the Authorization header: ` +
        'serve it only behind a TLS-terminating load balancer or proxy, never as plain http over a network.',
    );
  }
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
