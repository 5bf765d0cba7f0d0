/**
 * `--http`: the same server over MCP Streamable HTTP at /mcp, with the SDK's transport on node:http. Stateless, like
 * PagerDuty's hosted endpoint: every POST brings its token, gets a fresh server and transport (`sessionIdGenerator:
 * undefined`) holding that token only, and leaves nothing behind, so any replica can serve any request. What needs a
 * session (elicitation, change notifications, MCP Apps) is unavailable and falls back as for a client without it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isLoopbackHost } from '../pagerduty/hosts';
import { redact, registerSecret, withSecretScope } from '../pagerduty/redact';
import type { HttpOptions, ServerConfig } from './config';
import { authenticate, challenge, type AuthMode } from './httpAuth';
import { BodyReader } from './httpBody';
import { createServer, createServerParts } from './server';

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
    'access-control-allow-headers': 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID',
    'access-control-max-age': '600',
  });
  res.end();
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
    inFlight++;
    const server = createServer({ ...config, token }, version, log, parts);
    // The request is over (answered, or the client went away): the server, its token and its timers go with it.
    res.once('close', () => {
      inFlight--;
      void server.close();
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    await transport.handleRequest(req, res, body.message);
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
      return json(res, { status: 'authenticated', endpoint: MCP_PATH, transport: 'streamable-http', stateless: true, version }, cors);
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
