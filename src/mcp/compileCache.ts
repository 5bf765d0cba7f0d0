/**
 * Node's own compile cache (module.enableCompileCache, Node ≥ 22) for the server bundle, in a folder only this user
 * can write to: a cache is code the next start runs. Node itself follows a symlink at the folder and leaves a
 * truncated file on a full disk, so the folder is checked first (lstat: no symlink, ours, writable by nobody else, nor
 * its parents) and the cache is left off when the disk is nearly full. Nothing here deletes a file; any problem means
 * a start without the cache, never a failed start.
 */
import { lstatSync, mkdirSync, realpathSync, statfsSync, statSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { COMPILE_CACHE_DIR_ENV } from './launchEnv';

/** Below this much free space the cache stays off (it is a few MB; a nearly full disk truncates it). */
export const MIN_FREE_BYTES = 256 * 1024 * 1024;

/** PAGERDUTY_MCP_COMPILE_CACHE_DIR (VS Code names its extension storage), else the user's cache folder; never a shared temp folder. */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const named = env[COMPILE_CACHE_DIR_ENV];
  if (named) return named;
  const home = env.XDG_CACHE_HOME || userHome();
  return home ? join(home, env.XDG_CACHE_HOME ? '' : '.cache', 'pagerduty-mcp') : undefined;
}

/** os.homedir() throws when the user has no home at all (no HOME, no passwd entry). */
function userHome(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

const MB = 1024 * 1024;
const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Only this user may write the cache folder; the folders above it must be this user's or root's, and writable by
 * nobody else unless sticky (as /tmp is: others cannot rename what is ours in it).
 */
function othersMayReplace(path: string, uid: number, cacheFolder: boolean): string | undefined {
  const st = statSync(path);
  if (st.uid !== uid && (cacheFolder || st.uid !== 0)) return `"${path}" belongs to user ${st.uid}, not to this user (${uid})`;
  if (st.mode & 0o022 && (cacheFolder || !(st.mode & 0o1000))) return `"${path}" is writable by other users (mode ${octal(st.mode)})`;
  return undefined;
}

/**
 * Why `dir` must not hold the compile cache, or undefined when it may (then it exists, created 0700 if it did not).
 * `minFreeBytes`: the free space below which the cache stays off.
 */
export function compileCacheProblem(dir: string, minFreeBytes = MIN_FREE_BYTES): string | undefined {
  if (!isAbsolute(dir)) return `the folder must be an absolute path (${COMPILE_CACHE_DIR_ENV} or XDG_CACHE_HOME), got "${dir.slice(0, 200)}"`;
  try {
    let st = lstatOrUndefined(dir);
    if (!st) {
      mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
      mkdirSync(dir, { mode: 0o700 });
      st = lstatSync(dir);
    }
    if (st.isSymbolicLink()) return `"${dir}" is a symbolic link; the cache needs a real folder of this user's`;
    if (!st.isDirectory()) return `"${dir}" is not a folder`;
    const uid = process.getuid?.();
    if (uid !== undefined) {
      // The folder itself must be ours; each folder above it ours or root's, so nobody else can swap it for a link.
      const real = realpathSync(dir);
      for (let at = real, cacheFolder = true; ; at = dirname(at), cacheFolder = false) {
        const problem = othersMayReplace(at, uid, cacheFolder);
        if (problem) return problem;
        if (dirname(at) === at) break;
      }
    }
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    if (free < minFreeBytes) return `only ${Math.floor(free / MB)} MB free where "${dir}" is; the cache stays off below ${Math.round(minFreeBytes / MB)} MB`;
    return undefined;
  } catch (error) {
    return `"${dir}" cannot be used: ${(error as Error).message}`;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Turns Node's compile cache on for the modules loaded after this call; says in the log why it stays off. */
export function enableCompileCache(env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const dir = compileCacheDir(env);
  const problem = dir ? compileCacheProblem(dir) : 'no home folder to keep it in';
  if (problem || !dir) {
    log(`compile cache off: ${problem}`);
    return;
  }
  if (typeof Module.enableCompileCache !== 'function') {
    log(`compile cache off: Node ${process.version} has none (Node 22 or newer has)`);
    return;
  }
  try {
    // The checked path with its links resolved: what Node then opens is what was checked.
    const result = Module.enableCompileCache(realpathSync(dir));
    if (result.status === Module.constants.compileCacheStatus.FAILED) log(`compile cache off: ${result.message ?? 'Node could not enable it'}`);
  } catch (error) {
    log(`compile cache off: ${(error as Error).message}`);
  }
}

let flushed = false;

/**
 * Writes the cache of what this start compiled, once tools/list has been answered: Node would write it only at a
 * normal exit, and clients stop the server with a signal. (Node keeps only what V8 compiled eagerly, on 22 and 24.)
 */
export function flushCompileCache(): void {
  if (flushed) return;
  flushed = true;
  // Absent before Node 22.10 (and in the tests that load the server in-process on older Node).
  (Module as { flushCompileCache?: () => void }).flushCompileCache?.();
}
