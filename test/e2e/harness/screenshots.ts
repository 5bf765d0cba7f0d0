// The extension host cannot reach the page, so it asks for screenshots by logging a marker
// line, `[[screenshot:<relative/path.png>]]`, which arrives here through codeAutomationLog.
// The file is written via a temp name + rename, so "file exists" means "screenshot complete";
// the runner's screenshot() helper polls for it.
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const MARKER = /\[\[screenshot:([^\]]+)\]\]/g;

export function screenshotRequests(line: string): string[] {
  return [...line.matchAll(MARKER)].map((m) => m[1]!.trim());
}

/** Resolves a requested name inside `dir`; refuses absolute paths and `..` escapes. */
export function screenshotPath(dir: string, name: string): string {
  const file = resolve(dir, name.endsWith('.png') ? name : `${name}.png`);
  const rel = relative(dir, file);
  if (isAbsolute(name) || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`screenshot name must stay inside ${dir}: ${name}`);
  }
  return file;
}

export async function takeScreenshot(page: Page, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}.png`;
  await page.screenshot({ path: tmp });
  renameSync(tmp, file);
}
