// The loopback guard in front of the harness's VS Code server (test/e2e/harness/loopbackGuard.ts), against a stand-in
// upstream on a Unix socket: what it forwards (HTTP and WebSocket upgrades, both ways) and what it refuses (a foreign
// Host or Origin) without the upstream ever seeing it. The real VS Code server behind it: test/e2e/serverAccess.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusal, startLoopbackGuard, type LoopbackGuard } from '../e2e/harness/loopbackGuard';

interface Seen { method: string; url: string; host: string; origin?: string; body: string }

let dir: string;
let upstream: http.Server;
let guard: LoopbackGuard;
const seen: Seen[] = [];
const refused: string[] = [];
const upstreamSockets = new Set<Socket>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-guard-test-'));
  const socketPath = join(dir, 'up.sock');
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, host: req.headers.host!, origin: req.headers.origin, body });
      res.writeHead(200, [['Content-Type', 'text/plain'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']].flat());
      res.end(`upstream saw ${req.method} ${req.url} ${body}`);
    });
  });
  // A WebSocket-like upstream: 101, then echoes every byte upper-cased.
  upstream.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    seen.push({ method: 'UPGRADE', url: req.url!, host: req.headers.host!, origin: req.headers.origin, body: head.toString() });
    upstreamSockets.add(socket);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.on('data', (d: Buffer) => socket.write(d.toString().toUpperCase()));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => upstream.listen(socketPath, r));
  guard = await startLoopbackGuard(socketPath, (reason) => refused.push(reason));
});

after(async () => {
  await guard.close();
  await new Promise<void>((r) => upstream.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTP request to the guard with exactly these headers (Host included). */
function request(headers: Record<string, string>, opts: { method?: string; path?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: guard.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Sends an upgrade request and returns the socket with everything read until the head of the answer is complete. */
async function upgrade(headers: Record<string, string>): Promise<{ socket: Socket; head: string; rest: () => string }> {
  const socket = connect(guard.port, '127.0.0.1');
  await once(socket, 'connect');
  const lines = ['GET /?tkn=secret-in-url HTTP/1.1', 'Connection: Upgrade', 'Upgrade: websocket', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  let text = '';
  socket.on('data', (d: Buffer) => { text += d.toString(); });
  while (!text.includes('\r\n\r\n')) await once(socket, 'data');
  const end = text.indexOf('\r\n\r\n') + 4;
  return { socket, head: text.slice(0, end), rest: () => text.slice(end) };
}

/** Resolves when the socket is closed, also when it already is. */
const closed = (socket: Socket) => (socket.closed ? Promise.resolve() : once(socket, 'close').then(() => undefined));

describe('loopback guard: what it refuses', () => {
  test('a foreign Host (DNS rebinding) gets 403 with the reason, and the server never sees the request', async () => {
    const before = seen.length;
    const res = await request({ Host: 'evil.example' }, { path: '/?tkn=secret-in-url' });
    assert.equal(res.status, 403);
    assert.match(res.body, new RegExp(`Host "evil.example" refused: .*127\\.0\\.0\\.1:${guard.port} or localhost:${guard.port}`));
    assert.equal(seen.length, before);
    assert.ok(refused.some((r) => r.startsWith('Host "evil.example" refused')));
    assert.ok(refused.every((r) => !r.includes('secret-in-url')), 'a refusal names the header, never the URL (which may hold the token)');
  });

  test('the right name on another port, or the host alone, is foreign too', async () => {
    for (const host of [`127.0.0.1:${guard.port + 1}`, '127.0.0.1', `evil.example:${guard.port}`, `[::1]:${guard.port}`]) {
      const res = await request({ Host: host });
      assert.equal(res.status, 403, host);
      assert.match(res.body, /^Host ".*" refused/, host);
    }
  });

  test('a foreign Origin gets 403 even with a loopback Host (a cross-site fetch or form)', async () => {
    const before = seen.length;
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${guard.port + 1}`, `https://127.0.0.1:${guard.port}`]) {
      const res = await request({ Host: `127.0.0.1:${guard.port}`, Origin: origin }, { method: 'POST', body: 'x' });
      assert.equal(res.status, 403, origin);
      assert.match(res.body, new RegExp(`^Origin ".*" refused: only pages from http://127\\.0\\.0\\.1:${guard.port} or http://localhost:${guard.port}`), origin);
    }
    assert.equal(seen.length, before);
  });

  test('a WebSocket from a foreign Origin is refused with 403, never switched to the server', async () => {
    const before = seen.length;
    const { socket, head, rest } = await upgrade({ Host: `127.0.0.1:${guard.port}`, Origin: 'http://evil.example' });
    assert.match(head, /^HTTP\/1\.1 403 Forbidden\r\n/);
    await closed(socket);
    assert.match(rest(), /^Origin "http:\/\/evil\.example" refused/);
    assert.equal(seen.length, before);
  });

  test('a WebSocket to a foreign Host is refused with 403', async () => {
    const { socket, head, rest } = await upgrade({ Host: 'evil.example', Origin: 'http://evil.example' });
    assert.match(head, /^HTTP\/1\.1 403 Forbidden\r\n/);
    await closed(socket);
    assert.match(rest(), /^Host "evil.example" refused/);
  });

  test('refusal() quotes a long header cut short and says when there is none', () => {
    assert.match(refusal({}, 1234)!, /^Host \(none\) refused/);
    const long = refusal({ host: 'a'.repeat(500) }, 1234)!;
    assert.ok(long.length < 300, long);
    assert.equal(refusal({ host: 'LOCALHOST:1234', origin: 'http://LocalHost:1234' }, 1234), undefined, 'host names are case-insensitive');
    // Node hands header bytes over as latin1: a C1 control (0x9b is CSI on some terminals) or DEL must not reach a terminal raw.
    assert.equal(refusal({ host: 'a\u009b2Jb\u007f' }, 1234)!.split(' refused')[0], 'Host "a\\u009b2Jb\\u007f"');
  });
});

describe('loopback guard: what it forwards', () => {
  test('a request to 127.0.0.1:<port> or localhost:<port> reaches the server with its Host, and the answer comes back whole', async () => {
    for (const host of [`127.0.0.1:${guard.port}`, `localhost:${guard.port}`]) {
      const res = await request({ Host: host, Origin: `http://${host}` }, { method: 'POST', path: '/a?b=c', body: 'hello' });
      assert.equal(res.status, 200, host);
      assert.equal(res.body, 'upstream saw POST /a?b=c hello');
      assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
      assert.deepEqual(seen.at(-1), { method: 'POST', url: '/a?b=c', host, origin: `http://${host}`, body: 'hello' });
    }
  });

  test('a request without Origin (a navigation, a local tool) passes: the token still guards it', async () => {
    const res = await request({ Host: `127.0.0.1:${guard.port}` });
    assert.equal(res.status, 200);
  });

  test('a same-origin WebSocket is switched through and carries bytes both ways; close() ends it', async () => {
    const { socket, head, rest } = await upgrade({ Host: `127.0.0.1:${guard.port}`, Origin: `http://127.0.0.1:${guard.port}` });
    assert.match(head, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
    assert.equal(seen.at(-1)!.method, 'UPGRADE');
    assert.equal(seen.at(-1)!.url, '/?tkn=secret-in-url');
    socket.write('ping');
    while (rest() !== 'PING') await once(socket, 'data');
    const second = await upgrade({ Host: `localhost:${guard.port}`, Origin: `http://localhost:${guard.port}` });
    assert.match(second.head, /^HTTP\/1\.1 101 /);
    await guard.close();
    await closed(socket);
    await closed(second.socket);
  });
});
