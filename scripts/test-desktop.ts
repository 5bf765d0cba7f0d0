// npm run test:desktop: the same in-host suites as the real-VS-Code e2e run (test/e2e/suite), on desktop VS Code
// through @vscode/test-electron, for machines that can download VS Code. CI uses the offline path instead
// (npm run test:e2e: the VS Code server from the code-server npm package), because the download needs
// update.code.visualstudio.com. Where it cannot be reached this stops within seconds and says so.
//   tsx scripts/test-desktop.ts        VSCODE_VERSION=<x.y.z|stable> (default 1.139.1) and E2E_GREP work as in e2e
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { startSimulator } from '../test/simulator';

const root = resolve(__dirname, '..');
const version = process.env.VSCODE_VERSION ?? '1.139.1';
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com';

/** test-electron would otherwise retry for a long time; a short probe turns "offline" into one clear line. */
async function assertDownloadReachable(): Promise<void> {
  try {
    await fetch(`${DOWNLOAD_HOST}/api/releases/stable`, { signal: AbortSignal.timeout(8_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new Error(
      `Cannot download VS Code ${version}: ${DOWNLOAD_HOST} is unreachable from this machine (${cause}). ` +
        'npm run test:desktop needs internet access; offline, run the same suites with npm run test:e2e.',
    );
  }
}

async function main(): Promise<number> {
  await assertDownloadReachable();
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 30_000 });
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const testsModule = join(root, 'dist', 'test', 'e2e.js');
  execFileSync(process.execPath, ['scripts/e2e/build-tests.mjs', join(root, 'test/e2e/suite/index.ts'), testsModule], { cwd: root, stdio: 'inherit' });
  const sim = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'pd-desktop-'));
  try {
    // Desktop has no Machine settings scope of its own: the simulator's URL goes into the test profile's user settings.
    mkdirSync(join(dir, 'user', 'User'), { recursive: true });
    writeFileSync(join(dir, 'user', 'User', 'settings.json'), JSON.stringify({ 'pagerduty.apiBaseUrl': sim.url, 'workbench.startupEditor': 'none' }));
    mkdirSync(join(dir, 'workspace'));
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsModule,
      launchArgs: [join(dir, 'workspace'), '--user-data-dir', join(dir, 'user'), '--extensions-dir', join(dir, 'exts'), '--disable-workspace-trust'],
      extensionTestsEnv: {
        E2E_PD_URL: sim.url,
        E2E_PD_TOKEN: sim.tokens.user,
        E2E_PD_ACCOUNT_KEY: sim.tokens.accountKey,
        E2E_PD_ME_NAME: sim.me.name,
        E2E_PD_ME_EMAIL: sim.me.email,
        E2E_TRANSCRIPT_DIR: join(dir, 'transcript'),
        ...(process.env.E2E_GREP ? { E2E_GREP: process.env.E2E_GREP } : {}),
      },
    });
  } finally {
    sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[test:desktop] ${error.message} (after ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exit(1);
  },
);
