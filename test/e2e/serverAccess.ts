// Who can reach the harness's (and `npm start`'s) VS Code server: only a request to 127.0.0.1:<port> or
// localhost:<port>, from no page or a page of that origin, with the connection token. Checked against the real VS
// Code server with a browser window open (so the extension host and its helpers run too): a stranger without the
// token, a DNS-rebinding page (foreign Host), a cross-site WebSocket (foreign Origin), and the owner with the token.
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { once } from 'node:events';
import { openVSCode } from './harness';
import { scanFiles, scanProcesses, serverTree } from './harness/tokenHygiene';

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

function get(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** A WebSocket handshake as the workbench sends it; resolves with the status line of the answer. */
async function upgradeStatus(port: number, path: string, headers: Record<string, string>): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const lines = [
    `GET ${path} HTTP/1.1`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const [first] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return first.toString().split('\r\n')[0]!;
}

/** TCP sockets that `pids` listen on, as "address:port" (from /proc/net/tcp{,6} and each process's fds). */
function tcpListeners(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try { fds = readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch { /* closed meanwhile */ }
    }
  }
  const out: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is f[1] (hex address:port), st is f[3] (0A = LISTEN), inode is f[9].
      if (f[3] === '0A' && inodes.has(f[9]!)) out.push(`${f[1]!.split(':')[0]}:${parseInt(f[1]!.split(':')[1]!, 16)}`);
    }
  }
  return out;
}

/** 127.0.0.1 as /proc/net/tcp writes it, ::1 and ::ffff:127.0.0.1 as tcp6 does. */
const LOOPBACK_HEX = new Set(['0100007F', '00000000000000000000000001000000', '0000000000000000FFFF00000100007F']);

export async function checkServerAccess(opts: { extensionDevelopmentPath: string; dataDir: string }): Promise<void> {
  const vscode = await openVSCode({ extensionDevelopmentPath: opts.extensionDevelopmentPath, dataDir: opts.dataDir });
  try {
    const { page, server } = vscode;
    const { port, connectionToken: token } = server;
    const self = `127.0.0.1:${port}`;
    const results: string[] = [];
    const ok = (what: string) => results.push(what);

    // The browser window got the workbench with the token, and the token left the address bar (cookie instead).
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    assert.ok(!page.url().includes(token), 'the workbench URL still carries the token after the first load');
    ok('browser with the token: workbench rendered, token no longer in the page URL');

    const noToken = await get(port, '/', { Host: self });
    assert.equal(noToken.status, 403, 'GET / without the token');
    ok(`GET / without the token → ${noToken.status}`);

    for (const host of ['evil.example', `evil.example:${port}`]) {
      const rebound = await get(port, `/?tkn=${token}`, { Host: host });
      assert.equal(rebound.status, 403, `Host ${host} with the token`);
      assert.match(rebound.body, /^Host ".*" refused: this development VS Code answers only to 127\.0\.0\.1:\d+ or localhost:\d+/);
      const withCookie = await get(port, '/', { Host: host, Cookie: `vscode-tkn=${token}` });
      assert.equal(withCookie.status, 403, `Host ${host} with the token cookie`);
    }
    ok('GET / with Host evil.example[:port], token in the URL or the cookie → 403 (Host refused)');

    const ws = `/?reconnectionToken=${'0'.repeat(8)}&reconnection=false&skipWebSocketFrames=false&tkn=${token}`;
    const foreign = await upgradeStatus(port, ws, { Host: self, Origin: 'http://evil.example' });
    assert.match(foreign, /^HTTP\/1\.1 403 /, 'WebSocket from Origin http://evil.example');
    ok(`WebSocket from Origin http://evil.example → ${foreign}`);
    const own = await upgradeStatus(port, ws, { Host: self, Origin: `http://${self}` });
    assert.match(own, /^HTTP\/1\.1 101 /, 'WebSocket from the workbench\'s own origin');
    ok(`WebSocket from Origin http://${self} → ${own}`);

    for (const host of [self, `localhost:${port}`]) {
      const first = await get(port, `/?tkn=${token}`, { Host: host });
      assert.equal(first.status, 302, `GET /?tkn= with Host ${host}`);
      assert.ok(String(first.headers['set-cookie']).includes(`vscode-tkn=${token}`), 'VS Code sets its token cookie');
      const page2 = await get(port, '/', { Host: host, Cookie: `vscode-tkn=${token}` });
      assert.equal(page2.status, 200, `GET / with the cookie, Host ${host}`);
      assert.match(page2.body, /vscode-workbench-web-configuration/, 'the answer is the workbench page');
    }
    ok('GET /?tkn=<token> with Host 127.0.0.1:<port> or localhost:<port> → 302 + cookie, then the workbench (200)');

    const tree = serverTree(opts.dataDir);
    const argv = scanProcesses(tree, [{ label: 'connection token', value: token }]);
    assert.equal(argv.hits.length, 0, `the connection token is in a process's arguments: ${argv.hits.map((h) => h.where).join(', ')}`);
    ok(`connection token in the argv of the server's ${argv.processes} processes: 0 times`);
    const files = scanFiles([opts.dataDir], [{ label: 'connection token', value: token }]);
    assert.equal(files.hits.length, 0, `the connection token is in ${files.hits.map((h) => h.where).join(', ')}`);
    ok(`connection token in the server's ${files.files} data files: 0 times`);
    // The reader must see a listener where there is one: the guard's, in this process.
    assert.ok(tcpListeners([process.pid]).includes(`0100007F:${port}`), 'tcpListeners() does not see the guard listening');
    const listeners = tcpListeners(tree);
    const open = listeners.filter((l) => !LOOPBACK_HEX.has(l.split(':')[0]!));
    assert.deepEqual(open, [], 'a process of the VS Code server listens on a non-loopback address');
    ok(`TCP listeners of the server's processes: ${listeners.length} (all loopback); the server itself is on a Unix socket`);
    for (const line of results) console.log(`[e2e] access: ${line}`);
  } finally {
    await vscode.stop();
  }
}
