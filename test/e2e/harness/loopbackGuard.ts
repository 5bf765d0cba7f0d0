// The only door to the harness's VS Code server. The server listens on a Unix socket in a private folder; this
// proxy listens on 127.0.0.1 and forwards HTTP and WebSocket upgrades to it, but only requests addressed to itself
// (Host 127.0.0.1:<port> or localhost:<port>) and, when they carry an Origin, sent by a page of that origin.
// VS Code 1.139's server checks its connection token but neither Host nor Origin (measured: a foreign Host gets the
// workbench, a foreign Origin's WebSocket gets 101), so without this a DNS-rebinding page could talk to it.
import http from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface LoopbackGuard {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Stops listening and drops every open connection, WebSockets included. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** Why a request must not reach the server, or undefined when it may. Exported for the unit tests. */
export function refusal(headers: http.IncomingHttpHeaders, port: number): string | undefined {
  const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  const origins = hosts.map((h) => `http://${h}`);
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return `Host ${shown(headers.host)} refused: this development VS Code answers only to ${hosts.join(' or ')} (DNS rebinding guard).`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !origins.includes(origin.toLowerCase())) {
    return `Origin ${shown(origin)} refused: only pages from ${origins.join(' or ')} may use this development VS Code.`;
  }
  return undefined;
}

/** A request's own text for the refusal message: cut short, quoted, anything but printable ASCII escaped (it reaches a terminal). */
function shown(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const quoted = JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
  return quoted.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Listens on 127.0.0.1 (a free port) in front of the HTTP server on `socketPath`. `onRefused` hears each refusal
 * (its reason holds no URL, so no token).
 */
export async function startLoopbackGuard(socketPath: string, onRefused: (reason: string) => void = () => undefined): Promise<LoopbackGuard> {
  const upgraded = new Set<Socket>();
  let port = 0;
  const server = http.createServer((req, res) => {
    const reason = refusal(req.headers, port);
    if (reason) {
      onRefused(reason);
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${reason}\n`);
      return;
    }
    const upstream = http.request({ socketPath, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('The VS Code server behind this address is not answering.\n');
    });
    req.pipe(upstream);
  });
  server.on('upgrade', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const reason = refusal(req.headers, port);
    if (reason) {
      onRefused(reason);
      const body = `${reason}\n`;
      client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    // The request head goes upstream as it came; from then on both sides are a byte stream.
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    const upstream = connect(socketPath);
    for (const s of [client, upstream]) {
      upgraded.add(s);
      s.on('close', () => upgraded.delete(s));
    }
    upstream.on('connect', () => {
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => {
    for (const s of upgraded) s.destroy();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { port, url: `http://127.0.0.1:${port}`, close };
}
