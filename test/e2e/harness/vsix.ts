// Installs a packaged .vsix into a fresh extensions dir with the VS Code server's own
// `--install-extension`, so tests exercise the artefact users get, not the dev folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { e2ePaths } from './paths';
import { serverArgs } from './server';

export interface InstalledVsix {
  /** Pass as `extensionsDir` to runExtensionTests()/openVSCode() (without extensionDevelopmentPath). */
  extensionsDir: string;
  /** publisher.name */
  extensionId: string;
  version: string;
  /** Folder the extension was unpacked into. */
  extensionPath: string;
}

export async function installVsix(vsixPath: string, extensionsDir?: string): Promise<InstalledVsix> {
  const vsix = resolve(vsixPath);
  if (!existsSync(vsix)) throw new Error(`vsix not found: ${vsix} (build it with \`npx vsce package\`)`);
  const paths = e2ePaths();
  const dir = extensionsDir ?? mkdtempSync(join(tmpdir(), 'pd-e2e-exts-'));
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'pd-e2e-install-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      paths.node,
      [join(paths.vscodeDir, 'out', 'server-main.js'), ...serverArgs(scratch, dir), '--install-extension', vsix, '--force'],
      { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 },
    ).catch((err: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`--install-extension ${vsix} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    });
    const found = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'package.json')));
    if (found.length === 0) throw new Error(`no extension appeared in ${dir} after install:\n${stdout}${stderr}`);
    const extensionPath = join(dir, found[0]!);
    const pkg = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    return { extensionsDir: dir, extensionId: `${pkg.publisher}.${pkg.name}`, version: pkg.version, extensionPath };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
