/**
 * Runs the server bundle as a CommonJS module through V8's code cache, on every Node version (Node 20 has no
 * `module.enableCompileCache`): a start without a usable cache compiles the bundle and, once it has answered its first
 * tools/list (or after FALLBACK_SAVE_MS), saves what V8 compiled by then: loading, initialising and the first requests.
 * Later starts read that instead of compiling again (a cache file also holds the bundle's bytes: it is used only for
 * exactly that bundle). Any cache trouble means a plain compile, never a failed start;
 * errors in the bundle itself surface as with `require`.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { SAVE_HOOK } from './codeCacheSave';

/** Where the caches live: per user, so another account cannot plant one (a cache is code). */
export const CACHE_DIR_ENV = 'PAGERDUTY_MCP_COMPILE_CACHE_DIR';
/** Caches of other bundles (older versions) are removed once this old. */
const STALE_MS = 7 * 86_400_000;
/** A client that never lists tools: the cache is saved this long after the start. */
const FALLBACK_SAVE_MS = 3000;

function codeCacheDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : userInfo().username;
  return process.env[CACHE_DIR_ENV] || join(tmpdir(), `pagerduty-mcp-compile-cache-${user}`);
}

/** Ours, and writable by nobody else (POSIX); on Windows the temp folder is the user's own. */
function isTrusted(dir: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  const st = statSync(dir);
  return st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/**
 * The V8 data of a cache file made for exactly `source`. A file holds the bundle's bytes ahead of V8's data, compared
 * whole (a memcmp, no hash to load node:crypto for): V8 itself checks only the source's length.
 */
function readCache(dir: string, file: string, source: Buffer): Buffer | undefined {
  try {
    if (!isTrusted(dir)) return undefined;
    const data = readFileSync(file);
    const size = data.length >= 4 ? data.readUInt32LE(0) : -1;
    return size === source.length && data.subarray(4, 4 + size).equals(source) ? data.subarray(4 + size) : undefined;
  } catch {
    return undefined; // none yet
  }
}

/** Written beside under a temporary name and renamed, so a concurrent start never reads half a file. */
function writeCache(dir: string, file: string, source: Buffer, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isTrusted(dir)) return;
    const tmp = `${file}.${process.pid}.tmp`;
    const size = Buffer.alloc(4);
    size.writeUInt32LE(source.length);
    writeFileSync(tmp, Buffer.concat([size, source, data]), { mode: 0o600 });
    renameSync(tmp, file);
    for (const name of readdirSync(dir)) {
      const other = join(dir, name);
      if (other !== file && Date.now() - statSync(other).mtimeMs > STALE_MS) unlinkSync(other);
    }
  } catch {
    // A read-only or full disk: the next start compiles again.
  }
}

/** FNV-1a of a short string, as hex: a file name, not a check. */
function cheapHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Loads `file` (a CommonJS bundle) as `require` would, through the code cache. */
export function requireWithCodeCache(file: string, parent: NodeJS.Module): void {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const dir = codeCacheDir();
  // V8 rejects a cache made under other flags (the heap sizes among them): each runtime and set of flags has its own
  // file, instead of replacing each other's. The name only sorts caches; the content check is readCache's.
  const runtime = `${process.version} ${process.arch} ${process.execArgv.join(' ')} ${bytes.length}`;
  const cacheFile = join(dir, `${cheapHash(runtime)}.bin`);
  const cachedData = readCache(dir, cacheFile, bytes);
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, parent);
  mod.filename = file;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  if (cachedData && !script.cachedDataRejected) return;
  const hooks = globalThis as Record<symbol, (() => void) | undefined>;
  const save = () => {
    clearTimeout(fallback);
    hooks[SAVE_HOOK] = undefined;
    writeCache(dir, cacheFile, bytes, script.createCachedData());
  };
  const fallback = setTimeout(save, FALLBACK_SAVE_MS).unref();
  hooks[SAVE_HOOK] = save;
}
