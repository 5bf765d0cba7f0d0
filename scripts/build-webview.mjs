// The incident page's bundle: one browser script, its stylesheet and the codicon font, alone in one folder so the
// webview's localResourceRoots can be exactly that folder.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PAGE_DIR = 'dist/webview/incidentPage';
/** Issue 12's budget for the page script. */
const MAX_SCRIPT_BYTES = 150 * 1024;

export async function buildIncidentPage({ production }) {
  mkdirSync(PAGE_DIR, { recursive: true });
  await build({
    entryPoints: ['src/webviews/incidentPage/main.ts'],
    outfile: join(PAGE_DIR, 'page.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'inline',
    logLevel: 'warning',
  });
  copyFileSync('src/webviews/incidentPage/page.css', join(PAGE_DIR, 'page.css'));
  const codicons = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'));
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, file), join(PAGE_DIR, file));
  const size = statSync(join(PAGE_DIR, 'page.js')).size;
  if (production && size > MAX_SCRIPT_BYTES) throw new Error(`incident page script is ${size} bytes, over the ${MAX_SCRIPT_BYTES} budget`);
  return size;
}
