// Token hygiene for the real-VS-Code run: the tokens used in a run must occur 0 times in anything VS Code, the
// extension or the MCP server wrote (logs, output channels, settings, captured consoles, tool outputs) and in the
// argv of any process of the VS Code server's tree. Pure Node (Linux /proc), no VS Code import.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants } from './cleanup';

/** A value that must not leak, with a label that is safe to print (never print the value). */
export interface Secret { label: string; value: string }

export interface Hit { where: string; secret: string; count: number }

export interface FileScan { files: number; bytes: number; hits: Hit[]; excluded: string[] }

export interface ProcessScan { processes: number; hits: Hit[]; cmdlines: Map<number, string> }

/**
 * Byte patterns for a secret: UTF-8 (logs, JSON, LevelDB/SQLite text) and UTF-16LE (how Chromium's and V8's
 * storage may keep JS strings). Shorter than 8 characters would match by chance, so it is refused.
 */
export function patterns(secret: Secret): Buffer[] {
  if (secret.value.length < 8) throw new Error(`secret "${secret.label}" is too short to scan for reliably`);
  return [Buffer.from(secret.value, 'utf8'), Buffer.from(secret.value, 'utf16le')];
}

export function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function scanBuffer(where: string, data: Buffer, secrets: Secret[], hits: Hit[]): void {
  for (const s of secrets) {
    const count = patterns(s).reduce((sum, p) => sum + countOccurrences(data, p), 0);
    if (count) hits.push({ where, secret: s.label, count });
  }
}

/**
 * Scans every regular file under `roots` (files or dirs, recursively; symlinks are not followed so a link to the
 * extension folder or to / cannot blow the scan up). `exclude(path)` skips a file or a whole dir and records it.
 * Files that vanish during the scan (VS Code still writing) are skipped silently.
 */
export function scanFiles(roots: string[], secrets: Secret[], exclude: (path: string) => boolean = () => false): FileScan {
  const result: FileScan = { files: 0, bytes: 0, hits: [], excluded: [] };
  const visit = (path: string): void => {
    if (exclude(path)) { result.excluded.push(path); return; }
    let st;
    try { st = lstatSync(path); } catch { return; }
    if (st.isDirectory()) {
      let entries: string[] = [];
      try { entries = readdirSync(path); } catch { return; }
      for (const e of entries.sort()) visit(join(path, e));
    } else if (st.isFile()) {
      let data: Buffer;
      try { data = readFileSync(path); } catch { return; }
      result.files++;
      result.bytes += data.length;
      scanBuffer(path, data, secrets, result.hits);
    }
  };
  for (const r of roots) visit(r);
  return result;
}

/** /proc/<pid>/cmdline (NUL-separated argv) as a Buffer, or undefined when the process is gone. */
function readCmdline(pid: number): Buffer | undefined {
  try { return readFileSync(`/proc/${pid}/cmdline`); } catch { return undefined; }
}

function pgrpOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch { return undefined; }
}

/**
 * The VS Code server tree: processes whose argv contains `marker` (the server's data dir, so only this run's
 * server matches), every member of their process groups, and all descendants (incl. helpers that setsid()).
 */
export function serverTree(marker: string): number[] {
  const pids = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
  const needle = Buffer.from(marker);
  const leaders = pids.filter((p) => p !== process.pid && (readCmdline(p)?.includes(needle) ?? false));
  const groups = new Set(leaders.map(pgrpOf).filter((g): g is number => g !== undefined && g > 1));
  const tree = new Set<number>(leaders);
  for (const p of pids) if (groups.has(pgrpOf(p) ?? -1)) tree.add(p);
  for (const p of [...tree]) for (const d of descendants(p)) tree.add(d);
  tree.delete(process.pid);
  return [...tree].sort((a, b) => a - b);
}

export function scanProcesses(pids: number[], secrets: Secret[]): ProcessScan {
  const out: ProcessScan = { processes: 0, hits: [], cmdlines: new Map() };
  for (const pid of pids) {
    const argv = readCmdline(pid);
    if (!argv) continue;
    out.processes++;
    out.cmdlines.set(pid, argv.toString('utf8').replace(/\0/g, ' ').trim());
    scanBuffer(`/proc/${pid}/cmdline`, argv, secrets, out.hits);
  }
  return out;
}

/**
 * Polls a process tree while a run is going, so short-lived processes (the MCP server lives for seconds) are
 * checked while they run. Each distinct (pid, argv) is checked once; hits are kept with a readable argv
 * (with the secret replaced) for the report.
 */
export class ProcessWatch {
  private timer: NodeJS.Timeout | undefined;
  readonly seen = new Map<string, string>();
  readonly hits: Hit[] = [];
  snapshots = 0;

  constructor(private readonly find: () => number[], private readonly secrets: Secret[], private readonly intervalMs = 200) {}

  start(): this {
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  poll(): void {
    this.snapshots++;
    let pids: number[];
    try { pids = this.find(); } catch { return; }
    const scan = scanProcesses(pids, this.secrets);
    for (const [pid, argv] of scan.cmdlines) {
      const key = `${pid}\0${argv}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, redactAll(argv, this.secrets));
      for (const h of scan.hits) if (h.where === `/proc/${pid}/cmdline`) this.hits.push({ ...h, where: `${h.where}: ${redactAll(argv, this.secrets).slice(0, 200)}` });
    }
  }

  stop(): void { clearInterval(this.timer); this.poll(); clearInterval(this.timer); }

  /** Distinct processes checked (pid + argv; an exec() in the same pid counts again). */
  get processes(): number { return this.seen.size; }

  sawArgv(re: RegExp): boolean { return [...this.seen.values()].some((a) => re.test(a)); }
}

function redactAll(text: string, secrets: Secret[]): string {
  return secrets.reduce((t, s) => t.split(s.value).join(`<${s.label}>`), text);
}

/** Aggregates scans into the printed figure; `ok` is false when anything leaked. */
export function hygieneReport(name: string, files: FileScan, procs: { processes: number; hits: Hit[]; snapshots?: number }): { ok: boolean; text: string } {
  const hits = [...files.hits, ...procs.hits];
  const occurrences = hits.reduce((n, h) => n + h.count, 0);
  const lines = [
    `[e2e] token hygiene (${name}): ${files.files} files, ${files.bytes} bytes scanned; ` +
      `${procs.processes} processes' argv checked${procs.snapshots === undefined ? '' : ` in ${procs.snapshots} snapshots`}; ` +
      `${occurrences} token occurrences`,
    ...hits.map((h) => `[e2e]   LEAK: ${h.secret} ×${h.count} in ${h.where}`),
  ];
  return { ok: occurrences === 0, text: lines.join('\n') };
}
