// Chromium (Debian's) driven by playwright-core, pointed at a running VS Code server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { e2ePaths } from './paths';
import { onCleanup } from './cleanup';
import type { VSCodeServer } from './server';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Chromium's profile dir (removed on close); the token hygiene check scans it. */
  userDataDir: string;
  close(): Promise<void>;
}

/** Launches chromium with a fresh user-data-dir (removed on close). */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pd-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: e2ePaths().chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    // Our own cleanup handles signals so the VS Code server is stopped too.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = onCleanup(async () => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  });
  return { context, page, userDataDir, close };
}

export interface WorkbenchUrlOptions {
  workspaceDir?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/**
 * The workbench URL; dev/test paths travel in the `payload` query parameter as vscode-remote URIs. It carries the
 * server's connection token (`tkn`), so it is a secret: open it with openWorkbench(), don't log it.
 */
export function workbenchUrl(server: Pick<VSCodeServer, 'url' | 'connectionToken'>, opts: WorkbenchUrlOptions): string {
  const authority = new URL(server.url).host;
  const remote = (p: string) => `vscode-remote://${authority}${resolve(p)}`;
  const payload: [string, string][] = [];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  const q = new URLSearchParams();
  if (opts.workspaceDir) q.set('folder', resolve(opts.workspaceDir));
  if (payload.length) q.set('payload', JSON.stringify(payload));
  q.set('tkn', server.connectionToken);
  return `${server.url}/?${q.toString()}`;
}

/**
 * Loads the workbench in `page`. VS Code answers the first URL by setting its token cookie and redirecting to the
 * same URL without `tkn`, so reloads need no token. A failure's message is Playwright's, which quotes the URL:
 * the token is cut out of it.
 */
export async function openWorkbench(page: Page, server: Pick<VSCodeServer, 'url' | 'connectionToken'>, opts: WorkbenchUrlOptions): Promise<void> {
  try {
    await page.goto(workbenchUrl(server, opts));
  } catch (err) {
    const error = err as Error;
    const redact = (text: string) => text.split(server.connectionToken).join('<connection token>');
    error.message = redact(error.message);
    if (error.stack) error.stack = redact(error.stack);
    throw error;
  }
}
