/** Size of the packaged extension, built the way it ships (production: minified, no source maps). */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { figure, type Figure } from './figure';

export function vsixFigures(root: string, out = '/tmp/pagerduty-bench.vsix'): Figure[] {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  run(process.execPath, ['scripts/build.mjs', '--production']);
  const files = ['extension.js', 'mcp-server-core.js', 'mcp-server-ajv.js'].map((f) => `${f} ${Math.round(statSync(path.join(root, 'dist', f)).size / 1024)} KB`).join(', ');
  run(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', out]);
  return [figure('vsix.size', 'packaged .vsix', statSync(out).size / 1024, 'KB', 600, `minified bundles: ${files}`)];
}
