/**
 * The Node that runs the standalone server (dist/mcp-server.js) in tests and the bench: it needs Node 22 or newer
 * (src/mcp/nodeVersion.ts). This Node when it is new enough, else Node 22 from the npm registry, installed once into
 * ~/.cache/pagerduty-vscode by scripts/node-from-npm.sh (a first run installs it; later runs find it there).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { MIN_NODE_MAJOR } from '../../src/mcp/nodeVersion';

const SCRIPT = path.resolve(__dirname, '../../scripts/node-from-npm.sh');
let found: string | undefined;

export function serverNode(): string {
  if (found) return found;
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return (found = process.execPath);
  const printed = execFileSync('bash', [SCRIPT, String(MIN_NODE_MAJOR)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return (found = printed.trim().split('\n').pop()!);
}
