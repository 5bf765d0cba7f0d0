// Builds the scripted model (test/e2e/agent/model) into a .vsix and installs it into an extensions dir. It must be
// an installed extension: with two extensionDevelopmentPath entries this VS Code server loads only the last one,
// and PagerDuty stays the development extension.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { installVsix, onCleanup } from '../harness';

const ROOT = resolve(__dirname, '..', '..', '..');

export async function installScriptedModel(): Promise<{ extensionsDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-e2e-model-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  await build({
    entryPoints: [join(__dirname, 'model', 'extension.ts')],
    outfile: join(dir, 'extension.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  copyFileSync(join(__dirname, 'model', 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'README.md'), '# Scripted Test Model\n\nTest-only; see the PagerDuty extension\'s test/e2e/agent.\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  const vsix = join(dir, 'scripted-model.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: dir, stdio: 'pipe',
  });
  const installed = await installVsix(vsix);
  onCleanup(() => rmSync(installed.extensionsDir, { recursive: true, force: true }));
  return { extensionsDir: installed.extensionsDir };
}
