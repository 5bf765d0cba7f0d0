// One place that knows how to tear everything down, so Ctrl-C, a thrown error or a
// whole-run timeout never leave a VS Code server, extension host, MCP server or chromium behind.
import { readdirSync, readFileSync } from 'node:fs';

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();
const groups = new Set<number>();
let installed = false;

/** Registers a cleanup; returns a function that runs it once and unregisters it. */
export function onCleanup(fn: Cleanup): () => Promise<void> {
  installSignalHandlers();
  cleanups.add(fn);
  let done: Promise<void> | undefined;
  return () => {
    cleanups.delete(fn);
    return (done ??= Promise.resolve().then(fn));
  };
}

export async function cleanupAll(): Promise<void> {
  const fns = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of fns) {
    try { await fn(); } catch (err) { console.error('[e2e] cleanup failed:', (err as Error).message); }
  }
}

/** Tracks a process group so a synchronous last-resort kill can run on process exit. */
export function trackGroup(pgid: number): () => void {
  installSignalHandlers();
  groups.add(pgid);
  return () => groups.delete(pgid);
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  let exiting = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx/npx), and
    // a second, unhandled SIGINT would kill us before the async cleanups finish.
    process.on(sig, () => {
      if (exiting) return;
      exiting = true;
      console.error(`[e2e] ${sig}: cleaning up`);
      for (const g of groups) killTree(g, 'SIGTERM'); // first, synchronously: the servers must die whatever happens next
      const hardStop = setTimeout(() => process.exit(1), 10_000);
      void cleanupAll().finally(() => { clearTimeout(hardStop); process.exit(sig === 'SIGINT' ? 130 : 143); });
    });
  }
  // Last resort (e.g. process.exit() from elsewhere): async cleanups cannot run here.
  process.on('exit', () => { for (const g of groups) killTree(g, 'SIGKILL'); });
}

/** Pids of all live descendants of `pid` (found through /proc, Linux only). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the ppid; the comm field (2) may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch { /* process exited meanwhile */ }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) { out.push(c); queue.push(c); }
  }
  return out;
}

/**
 * Signals the process group led by `pgid` and every descendant of it: children that
 * called setsid themselves (e.g. detached helpers) are not in the group any more.
 */
export function killTree(pgid: number, signal: NodeJS.Signals): void {
  const pids = descendants(pgid);
  try { process.kill(-pgid, signal); } catch { /* group gone */ }
  for (const p of pids) { try { process.kill(p, signal); } catch { /* gone */ } }
}

export function groupAlive(pgid: number): boolean {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}
