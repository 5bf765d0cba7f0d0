// The review's and the change check's git facts in a real temporary repository: commits in a window (only those
// touching the folder), changed files (staged, unstaged, untracked, renamed), and a clear reason when git fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { changedFiles, commitsBetween } from '../../src/lm/commitLog';

const base = mkdtempSync(path.join(tmpdir(), 'pd-commitlog-'));
const repo = path.join(base, 'repo');
const app = path.join(repo, 'app');
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: base };
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env }).trim();
const commitAt = (iso: string, message: string) =>
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env: { ...env, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso } });

describe('git facts for the review and the change check', () => {
  before(() => {
    mkdirSync(path.join(app, 'src'), { recursive: true });
    git('init', '-q');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    writeFileSync(path.join(app, 'src', 'a.ts'), 'a\n');
    git('add', '.');
    commitAt('2026-01-10T08:00:00Z', 'first: before the window');
    writeFileSync(path.join(app, 'src', 'a.ts'), 'a2\n');
    git('add', '.');
    commitAt('2026-01-10T10:30:00Z', 'Retry [charges](x) once');
    writeFileSync(path.join(repo, 'outside.txt'), 'o\n');
    git('add', '.');
    commitAt('2026-01-10T10:40:00Z', 'outside the folder');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('lists the commits touching the folder within the window, newest first', async () => {
    const got = await commitsBetween(app, '2026-01-10T09:00:00Z', '2026-01-10T12:00:00Z');
    assert.ok(Array.isArray(got));
    assert.deepEqual(got.map((c) => [c.subject, c.author, c.hash.length]), [['Retry [charges](x) once', 'Dev', 40]]);
  });

  it("lists the working tree's changed files relative to the folder", async () => {
    writeFileSync(path.join(app, 'src', 'a.ts'), 'changed\n');
    writeFileSync(path.join(app, 'src', 'new file.py'), 'n\n');
    git('mv', 'app/src/a.ts', 'app/src/b.ts');
    assert.deepEqual((await changedFiles(app) as string[]).sort(), ['src/b.ts', 'src/new file.py']);
  });

  it('says why when git cannot answer', async () => {
    const notRepo = mkdtempSync(path.join(tmpdir(), 'pd-notrepo-'));
    try {
      const got = await commitsBetween(notRepo, '2026-01-10T09:00:00Z', '2026-01-10T12:00:00Z');
      assert.match((got as { unavailable: string }).unavailable, /^git could not list the commits: fatal: not a git repository/);
      const missing = await commitsBetween(notRepo, 'a', 'b', async () => ({ stdout: '', stderr: '', code: 'ENOENT' }));
      assert.deepEqual(missing, { unavailable: 'git is not installed, so no commits are listed.' });
    } finally {
      rmSync(notRepo, { recursive: true, force: true });
    }
  });
});
