// Starts the plain VS Code server embedded in code-server (not the code-server launcher,
// which rejects --extensionDevelopmentPath/--extensionTestsPath).
// It is reachable only through the loopback guard (loopbackGuard.ts) and only with a random connection token: the
// server listens on a Unix socket in a private folder, and reads the token from a 0600 file there (it reads the file
// when the first request comes, so the file stays until stop()), never from argv.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2ePaths } from './paths';
import { groupAlive, killTree, onCleanup, trackGroup } from './cleanup';
import { startLoopbackGuard } from './loopbackGuard';

export interface VSCodeServerOptions {
  /** Holds server data, user data, extensions and the server log. Default: a fresh temp dir, removed on stop(). */
  dataDir?: string;
  /** Extra environment for the server; it is inherited by the extension host and by the MCP servers it spawns. */
  env?: Record<string, string | undefined>;
  /** Extensions dir (default `<dataDir>/exts`); point it at a dir prepared by installVsix() to use an installed extension. */
  extensionsDir?: string;
  /** Echo the server's own stdout/stderr (always written to `<dataDir>/server.log`). */
  verbose?: boolean;
  /**
   * --enable-smoke-test-driver (default true). Required: without it the workbench ignores the
   * extensionDevelopmentPath payload and codeAutomationExit/Log. Side effects: dialogs
   * auto-confirm in extension tests, and notification toasts are never shown (read the
   * notification center instead, see waitForNotification()).
   */
  smokeTestDriver?: boolean;
  /** User settings, merged over DEFAULT_SETTINGS and written to `<dataDir>/ud/User/settings.json`. */
  settings?: Record<string, unknown>;
}

/** No welcome page: keeps screenshots clean and the editor area free. */
export const DEFAULT_SETTINGS: Record<string, unknown> = { 'workbench.startupEditor': 'none' };

export interface VSCodeServer {
  /** The loopback guard's port: the only way in. */
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /**
   * The server's connection token (random, per start). Only the first page needs it, as `?tkn=` (workbenchUrl()
   * adds it); VS Code then keeps it in a cookie. A secret: never log it.
   */
  connectionToken: string;
  dataDir: string;
  logFile: string;
  pid: number;
  /** Kills the whole process group (server, extension host, MCP servers, watchers). Idempotent. */
  stop(): Promise<void>;
}

export function serverArgs(dataDir: string, extensionsDir: string): string[] {
  return [
    '--accept-server-license-terms', '--telemetry-level', 'off',
    '--server-data-dir', join(dataDir, 'sdd'),
    '--user-data-dir', join(dataDir, 'ud'),
    '--extensions-dir', extensionsDir,
  ];
}

export async function startVSCodeServer(opts: VSCodeServerOptions = {}): Promise<VSCodeServer> {
  const paths = e2ePaths();
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pd-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  const extensionsDir = opts.extensionsDir ?? join(dataDir, 'exts');
  const logFile = join(dataDir, 'server.log');
  mkdirSync(join(dataDir, 'ud', 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'ud', 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));
  const secret = privateSocketAndToken();
  const log = createWriteStream(logFile);

  const args = [
    join(paths.vscodeDir, 'out', 'server-main.js'),
    '--socket-path', secret.socketPath, '--connection-token-file', secret.tokenFile,
    ...(opts.smokeTestDriver === false ? [] : ['--enable-smoke-test-driver']), '--disable-workspace-trust', '--reconnection-grace-time', '10',
    ...serverArgs(dataDir, extensionsDir),
  ];
  // detached:true makes the child call setsid(): it leads a new process group we can kill as a whole.
  const child = spawn(paths.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  const pgid = child.pid!;
  const untrack = trackGroup(pgid);
  for (const s of [child.stdout!, child.stderr!]) {
    s.pipe(log, { end: false });
    if (opts.verbose) s.on('data', (d: Buffer) => process.stderr.write(prefixLines('[vscode-server] ', d.toString())));
  }
  let exited: string | undefined;
  child.once('exit', (code, signal) => { exited = `exited with ${signal ?? code}`; });
  let guard: Awaited<ReturnType<typeof startLoopbackGuard>> | undefined;

  const stop = onCleanup(async () => {
    await guard?.close();
    killTree(pgid, 'SIGTERM');
    const deadline = Date.now() + 3000;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pgid)) killTree(pgid, 'SIGKILL');
    untrack();
    await new Promise<void>((r) => log.end(r));
    rmSync(secret.dir, { recursive: true, force: true });
    if (ownsDataDir && !process.env.E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
  });

  try {
    await waitForSocket(secret.socketPath, 30_000, () => exited);
    // A refusal is rare and worth seeing: an attempt from elsewhere, or a harness bug.
    guard = await startLoopbackGuard(secret.socketPath, (reason) => {
      log.write(`[loopback guard] ${reason}\n`);
      process.stderr.write(`[loopback guard] ${reason}\n`);
    });
  } catch (err) {
    await stop();
    const tail = safeRead(logFile).split('\n').slice(-20).join('\n');
    throw new Error(`VS Code server did not start: ${(err as Error).message}\n--- server log tail ---\n${tail}`);
  }
  return { port: guard.port, url: guard.url, connectionToken: secret.token, dataDir, logFile, pid: pgid, stop };
}

/** A folder only this user can enter (mkdtemp makes it 0700), holding the server's socket and its token file (0600). */
function privateSocketAndToken(): { dir: string; socketPath: string; tokenFile: string; token: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pd-vscode-'));
  const socketPath = join(dir, 'server.sock');
  // A Unix socket path is limited to 107 bytes on Linux.
  if (Buffer.byteLength(socketPath) > 107) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The VS Code server's socket path ${socketPath} is longer than 107 bytes; set TMPDIR to a shorter folder.`);
  }
  // VS Code accepts tokens of 0-9, a-z, A-Z, _ and -: base64url is exactly that.
  const token = randomBytes(32).toString('base64url');
  const tokenFile = join(dir, 'connection-token');
  writeFileSync(tokenFile, token, { mode: 0o600, flag: 'wx' });
  return { dir, socketPath, tokenFile, token };
}

async function waitForSocket(path: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(`server process ${why}`);
    const ok = await new Promise<boolean>((r) => {
      const sock = connect(path, () => { sock.destroy(); r(true); });
      sock.once('error', () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`socket ${path} not listening after ${timeoutMs} ms`);
}

function prefixLines(prefix: string, text: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

function safeRead(file: string): string {
  try { return readFileSync(file, 'utf8'); } catch { return ''; }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
