// The offline equivalent of @vscode/test-electron's runTests(): loads an extension into a
// real VS Code (server 1.139 + chromium) and runs a tests module inside its extension host.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench } from './browser';
import { onCleanup } from './cleanup';
import { isNoise } from './logFilter';
import { screenshotPath, screenshotRequests, takeScreenshot } from './screenshots';
import { startVSCodeServer, type VSCodeServer } from './server';

export interface ExtensionTestOptions {
  /** Folder of the extension under development. Omit to test an extension installed in `extensionsDir`. */
  extensionDevelopmentPath?: string;
  /** Bundled tests module exporting `run(): Promise<void>` (see test/e2e/runner). */
  extensionTestsPath: string;
  /** Folder opened as the workspace. Default: an empty temp dir. */
  workspaceDir?: string;
  /** Environment for the server / extension host / spawned MCP servers. */
  env?: Record<string, string | undefined>;
  /** Whole-run timeout; on expiry a failure screenshot is taken and 1 is returned. Default 5 min. */
  timeoutMs?: number;
  /** Where `[[screenshot:name]]` requests are saved. Default `.e2e/screenshots` (git-ignored) under the cwd. */
  screenshotsDir?: string;
  /** Extensions dir, e.g. from installVsix(). */
  extensionsDir?: string;
  dataDir?: string;
  /** Prefix for extension host console lines on stdout. */
  logPrefix?: string;
  verbose?: boolean;
  /** User settings (see VSCodeServerOptions.settings). */
  settings?: Record<string, unknown>;
  /** Appends every extension host console line, unfiltered, to this file (the token hygiene check scans it). */
  consoleLogFile?: string;
  /** Runs after the tests finished, while the server and browser still run (e.g. to scan their files). */
  beforeStop?: (ctx: { server: VSCodeServer; browserProfileDir: string; page: Page }) => Promise<void> | void;
}

/** Returns the exit code reported by the tests module (0 = all passed). */
export async function runExtensionTests(opts: ExtensionTestOptions): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const prefix = opts.logPrefix ?? '[exthost] ';
  const started = Date.now();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'pd-e2e-run-'));
  const removeTmp = onCleanup(() => { if (!process.env.E2E_KEEP) rmSync(tmpRoot, { recursive: true, force: true }); });
  const workspaceDir = opts.workspaceDir ?? join(tmpRoot, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  const shotsDir = resolve(opts.screenshotsDir ?? join('.e2e', 'screenshots'));

  // VS Code runs extensionTestsPath only in extension-development mode. To test an installed
  // .vsix, load an empty stand-in dev extension: the installed one is still loaded next to it.
  const extensionDevelopmentPath = opts.extensionDevelopmentPath ?? testHostExtension(tmpRoot);

  const server = await startVSCodeServer({
    dataDir: opts.dataDir,
    extensionsDir: opts.extensionsDir,
    verbose: opts.verbose,
    settings: opts.settings,
    // The runner's screenshot() helper reads this to know where to wait for the file.
    env: { ...opts.env, E2E_SCREENSHOTS_DIR: shotsDir },
  });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    browser = await launchBrowser();
    const { page } = browser;
    let shots = Promise.resolve();
    let settle!: (code: number) => void;
    const exitCode = new Promise<number>((r) => { settle = r; });

    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = formatLogArgs(args);
      if (opts.consoleLogFile) appendFileSync(opts.consoleLogFile, `${type}: ${line}\n`);
      if (!isNoise(line)) {
        const out = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
        out.write(line.replace(/^/gm, prefix) + '\n');
      }
      for (const name of screenshotRequests(line)) {
        shots = shots.then(async () => {
          try {
            const file = screenshotPath(shotsDir, name);
            await takeScreenshot(page, file);
            process.stdout.write(`[e2e] screenshot saved: ${file}\n`);
          } catch (err) {
            process.stderr.write(`[e2e] screenshot ${name} failed: ${(err as Error).message}\n`);
          }
        });
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    page.on('pageerror', (err) => process.stderr.write(`[e2e] page error: ${err.message}\n`));
    page.on('crash', () => { process.stderr.write('[e2e] page crashed\n'); settle(1); });

    timer = setTimeout(() => {
      process.stderr.write(`[e2e] timed out after ${timeoutMs} ms\n`);
      settle(-1);
    }, timeoutMs);
    await openWorkbench(page, server, { workspaceDir, extensionDevelopmentPath, extensionTestsPath: opts.extensionTestsPath });
    let code = await exitCode;
    await shots;
    if (code !== 0) {
      const file = join(shotsDir, code === -1 ? 'failure-timeout.png' : 'failure.png');
      await takeScreenshot(page, file).then(() => process.stderr.write(`[e2e] failure screenshot: ${file}\n`), () => undefined);
      if (code === -1) code = 1;
    }
    process.stdout.write(`[e2e] extension tests exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    await opts.beforeStop?.({ server, browserProfileDir: browser.userDataDir, page });
    return code;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.stop();
    await removeTmp();
  }
}

export function formatLogArgs(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
}

function safeJson(v: unknown): string {
  try { return JSON.stringify(v); } catch { return String(v); }
}

function testHostExtension(root: string): string {
  const dir = join(root, 'e2e-test-host');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'test-host', publisher: 'e2e-harness', version: '0.0.0', engines: { vscode: '*' },
  }));
  return dir;
}
