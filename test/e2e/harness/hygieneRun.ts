// Wires tokenHygiene.ts into a driver run (scripts/e2e/run.ts): one Phase per VS Code server. While the server
// runs, its process tree's argv is polled; when the tests finished (server still up) and again after it stopped,
// every file it and the suites wrote is scanned. The figures are printed per check and summed in finish().
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dumpBrowserStorage } from './browserStorage';
import { onCleanup } from './cleanup';
import { hygieneReport, ProcessWatch, scanFiles, serverTree, type FileScan, type Secret } from './tokenHygiene';

/**
 * Files that may legitimately hold a token: VS Code's secret store. None exist in this setup, so nothing is
 * excluded. Extension secrets reach the web workbench (browser side), whose secret storage VS Code 1.139 builds
 * with `useInMemoryStorage = true` and whose web encryption service reports `isEncryptionAvailable() === false`
 * (out/vs/code/browser/workbench/workbench.js): secrets stay in the tab's memory, never on disk. There is no
 * `state.vscdb` under the server's data dirs; the browser's state DB (IndexedDB `vscode-web-state-db-*`) is dumped
 * and scanned, and holds 0 occurrences. If a future VS Code persists secrets, exclude exactly that store here.
 */
const SECRET_STORE: RegExp[] = [];

export class RunHygiene {
  private readonly dir = mkdtempSync(join(tmpdir(), 'pd-e2e-hygiene-'));
  private total = { files: 0, bytes: 0, processes: 0, snapshots: 0, occurrences: 0 };
  private ok = true;
  private mcpSeen = false;
  private mcpInvoked = false;
  private mcpLogScanned = false;

  constructor(private readonly secrets: Secret[]) {
    onCleanup(() => { if (!process.env.E2E_KEEP) rmSync(this.dir, { recursive: true, force: true }); });
  }

  /** Starts watching the server that will use `dataDir`; pass the returned options to runExtensionTests/openVSCode. */
  phase(name: string, dataDir: string) {
    const own = join(this.dir, name.replace(/\W+/g, '-'));
    mkdirSync(own, { recursive: true });
    const consoleLogFile = join(own, 'exthost-console.log');
    const transcriptDir = join(own, 'transcript');
    const watch = new ProcessWatch(() => serverTree(dataDir), this.secrets).start();
    const roots = [dataDir, own];
    return {
      env: { E2E_TRANSCRIPT_DIR: transcriptDir },
      consoleLogFile,
      beforeStop: async ({ browserProfileDir, page }: { browserProfileDir: string; page: Page }) => {
        watch.poll();
        // The window's output channels (MCP server stderr included) live in the browser's IndexedDB: scan their text.
        const storage = await dumpBrowserStorage(page);
        writeFileSync(join(own, 'browser-storage.txt'), storage);
        if (storage.includes('[server stderr]')) this.mcpLogScanned = true;
        this.check(`${name}, server running`, scanFiles([...roots, browserProfileDir], this.secrets, isSecretStore), watch, false);
      },
      /** Call after the server stopped: final argv snapshot and the files as they were left on disk. */
      done: () => {
        watch.stop();
        this.check(`${name}, after stop`, scanFiles(roots, this.secrets, isSecretStore), watch, true);
        if (watch.sawArgv(/mcp-server\.js/)) this.mcpSeen = true;
        if (readOr(join(transcriptDir, 'transcript.log')).includes('--- invokeTool')) this.mcpInvoked = true;
      },
    };
  }

  private check(name: string, files: FileScan, watch: ProcessWatch, countProcesses: boolean): void {
    const report = hygieneReport(name, files, { processes: watch.processes, hits: watch.hits, snapshots: watch.snapshots });
    console.log(report.text);
    if (files.excluded.length) console.log(`[e2e]   excluded (secret store): ${files.excluded.join(', ')}`);
    this.ok &&= report.ok;
    this.total.files += files.files;
    this.total.bytes += files.bytes;
    this.total.occurrences += files.hits.reduce((n, h) => n + h.count, 0);
    if (countProcesses) {
      this.total.processes += watch.processes;
      this.total.snapshots += watch.snapshots;
      this.total.occurrences += watch.hits.reduce((n, h) => n + h.count, 0);
    }
  }

  /**
   * Prints the totals; false when a token leaked, or when a suite invoked an MCP tool but the MCP server was never
   * seen in a snapshot, since then its argv was not actually checked.
   */
  finish(): boolean {
    const t = this.total;
    console.log(`[e2e] token hygiene total: ${t.files} files / ${t.bytes} bytes scanned, ${t.processes} processes' argv ` +
      `checked (${t.snapshots} snapshots, MCP server process ${this.mcpSeen ? 'seen' : 'not seen'}, its output log ${this.mcpLogScanned ? 'scanned' : 'not found'}), ${t.occurrences} token occurrences`);
    if (this.mcpInvoked && !this.mcpSeen) {
      console.error('[e2e] token hygiene: the MCP server (dist/mcp-server.js) ran but no /proc snapshot caught it');
      return false;
    }
    if (this.mcpInvoked && !this.mcpLogScanned) {
      console.error('[e2e] token hygiene: an MCP tool was invoked but no MCP server output log ([server stderr]) was found to scan');
      return false;
    }
    return this.ok;
  }
}

function isSecretStore(path: string): boolean {
  return SECRET_STORE.some((re) => re.test(path));
}

function readOr(file: string): string {
  try { return readFileSync(file, 'utf8'); } catch { return ''; }
}
