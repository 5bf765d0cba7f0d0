// npm run test:desktop needs VS Code's download host; where it is unreachable (CI here) it must stop within
// seconds with one clear line, not hang in test-electron's retries.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { it } from 'node:test';

it('test:desktop fails fast and says why when VS Code cannot be downloaded', async (t) => {
  const reachable = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5_000) }).then(
    () => true,
    () => false,
  );
  if (reachable) return t.skip('VS Code can be downloaded here');
  const root = resolve(__dirname, '..', '..');
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-desktop.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(run.status, 1);
  assert.match(run.stderr, /Cannot download VS Code [\d.]+: https:\/\/update\.code\.visualstudio\.com is unreachable .*npm run test:e2e/);
  assert.ok(seconds < 30, `took ${seconds} s`);
});
