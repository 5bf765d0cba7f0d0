// A real VS Code window for UI-driven checks (command palette, notifications, views, screenshots).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench } from './browser';
import { onCleanup } from './cleanup';
import { startVSCodeServer, type VSCodeServer } from './server';
import { takeScreenshot } from './screenshots';
import { isNoise } from './logFilter';

export interface OpenVSCodeOptions {
  /** Omit to use the extensions installed in `extensionsDir` (see installVsix()). */
  extensionDevelopmentPath?: string;
  workspaceDir?: string;
  env?: Record<string, string | undefined>;
  extensionsDir?: string;
  dataDir?: string;
  verbose?: boolean;
  /** User settings (see VSCodeServerOptions.settings). */
  settings?: Record<string, unknown>;
  /** Prefix for extension host console lines on stdout. Default '[exthost] '. */
  logPrefix?: string;
}

export interface VSCodeWindow {
  page: Page;
  server: VSCodeServer;
  /** Chromium's profile dir (the token hygiene check scans it). */
  browserProfileDir: string;
  stop(): Promise<void>;
}

export async function openVSCode(opts: OpenVSCodeOptions = {}): Promise<VSCodeWindow> {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'pd-e2e-ui-'));
  const removeTmp = onCleanup(() => { if (!process.env.E2E_KEEP) rmSync(tmpRoot, { recursive: true, force: true }); });
  const workspaceDir = opts.workspaceDir ?? join(tmpRoot, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  const server = await startVSCodeServer({ dataDir: opts.dataDir, env: opts.env, extensionsDir: opts.extensionsDir, verbose: opts.verbose, settings: opts.settings });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const stop = async () => { await browser?.close(); await server.stop(); await removeTmp(); };
  try {
    browser = await launchBrowser();
    const { page } = browser;
    // Outside extension tests the extension host console reaches the page console, styled
    // as "%c[Extension Host] %c<message> color: blue color: ". Echo it: useful when a check fails.
    const prefix = opts.logPrefix ?? '[exthost] ';
    page.on('console', (m) => {
      const match = /^%c\[Extension Host\] %c([\s\S]*?)(?: color: blue color: )?$/.exec(m.text());
      if (match && !isNoise(match[1]!)) process.stdout.write(match[1]!.replace(/^/gm, prefix) + '\n');
    });
    await openWorkbench(page, server, { workspaceDir, extensionDevelopmentPath: opts.extensionDevelopmentPath });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The status bar appears once the remote connection and layout are up.
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    return { page, server, browserProfileDir: browser.userDataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Runs a command through the command palette (F1), like a user would. Retries while the
 * palette says "No matching commands": contributed commands appear only once the extension
 * host has scanned the extensions, a few seconds after the workbench renders.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input[type="text"]');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command "${title}" not found in the command palette after ${timeoutMs} ms`);
    }
  }
}

/**
 * Waits for a notification whose message contains `text`; returns the message. The smoke-test
 * driver suppresses toasts, so this opens the notification center (leaving it open, which
 * also makes the notification visible in screenshots).
 */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await page.locator('[id="status.notifications"]').click();
  const item = page.locator('.notifications-center .notification-list-item-message', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await item.textContent()) ?? '';
}

/** Labels of the visible tree/list items in the view whose pane header contains `viewTitle`. */
export async function treeItemLabels(page: Page, viewTitle: string): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: viewTitle }) }).first();
  await pane.locator('.monaco-list-row').first().waitFor({ timeout: 15_000 });
  return (await pane.locator('.monaco-list-row .label-name, .monaco-list-row .monaco-highlighted-label').allTextContents())
    .map((s) => s.trim()).filter(Boolean);
}

export async function screenshot(page: Page, file: string): Promise<void> {
  await takeScreenshot(page, file);
}
