// A pass-through HTTP proxy that records every request VS Code makes to a remote MCP server (hosted mode), so the
// driver can show where the token travelled: in the Authorization header of each request, and nowhere else.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onCleanup } from './cleanup';

export interface ProxiedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface RecordingProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port) and forwards to `target`'s origin, keeping the request's path. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
      const entry: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: body.toString('utf8'), status: 0 };
      requests.push(entry);
      const upstream = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (up) => {
        entry.status = up.statusCode ?? 0;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (error) => {
        entry.status = 502;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${error.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const close = onCleanup(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname}`, requests, close };
}

/**
 * Where `token` occurs in the recorded requests: the Authorization header is expected to carry it as
 * `Token token=<token>` on every request; any other place (URL, another header, a body) is a finding.
 */
export function tokenPlacement(requests: ProxiedRequest[], token: string): { withHeader: number; withoutHeader: number; elsewhere: string[] } {
  const elsewhere: string[] = [];
  let withHeader = 0;
  for (const r of requests) {
    if (r.headers.authorization === `Token token=${token}`) withHeader++;
    if (r.url.includes(token)) elsewhere.push(`${r.method} URL`);
    for (const [name, value] of Object.entries(r.headers)) if (name !== 'authorization' && value.includes(token)) elsewhere.push(`${r.method} header ${name}`);
    if (r.body.includes(token)) elsewhere.push(`${r.method} body`);
  }
  return { withHeader, withoutHeader: requests.length - withHeader, elsewhere };
}
