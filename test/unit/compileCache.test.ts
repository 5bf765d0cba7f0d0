/**
 * The checks before the server turns Node's compile cache on (src/mcp/compileCache.ts), on real folders: a cache is
 * code the next start runs, so only a real folder of this user's, that nobody else can write to or swap, on a disk
 * with room, is used; and the runtime check of the standalone server (src/mcp/nodeVersion.ts).
 * The built server with these folders: test/mcp/compileCache.test.ts.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileCacheDir, compileCacheProblem } from '../../src/mcp/compileCache';
import { COMPILE_CACHE_DIR_ENV } from '../../src/mcp/launchEnv';
import { MIN_NODE_MAJOR, nodeVersionProblem } from '../../src/mcp/nodeVersion';

const isRoot = process.getuid?.() === 0;

describe('compileCacheProblem', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pd-compile-cache-unit-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  /** A fresh folder (0700) under the test's own temp folder. */
  const folder = (name: string, mode = 0o700) => {
    const at = path.join(root, name);
    mkdirSync(at, { recursive: true });
    chmodSync(at, mode);
    return at;
  };

  it('creates a missing folder (and its parents) for this user only, and accepts it', () => {
    const dir = path.join(root, 'new', 'deeper', 'cache');
    assert.equal(compileCacheProblem(dir), undefined);
    assert.ok(lstatSync(dir).isDirectory());
    assert.equal(lstatSync(dir).mode & 0o777, 0o700);
    assert.equal(compileCacheProblem(dir), undefined, 'and again, once it exists');
  });

  it('refuses a symbolic link planted at the folder, and puts nothing where it points', () => {
    const target = folder('planted-target');
    const link = path.join(root, 'link');
    symlinkSync(target, link);
    assert.match(compileCacheProblem(link) ?? '', /link.*is a symbolic link/);
    assert.deepEqual(readdirSync(target), []);
  });

  it('refuses a folder that group or others may write to', () => {
    assert.match(compileCacheProblem(folder('world', 0o777)) ?? '', /world" is writable by other users \(mode 0777\)/);
    assert.match(compileCacheProblem(folder('group', 0o770)) ?? '', /writable by other users \(mode 0770\)/);
    assert.match(compileCacheProblem(folder('sticky', 0o1777)) ?? '', /writable by other users/, 'sticky does not make the cache folder itself private');
  });

  it('refuses a folder under one others may write to (they could swap it), but not under a sticky one like /tmp', () => {
    const open = folder('open-parent', 0o777);
    const dir = path.join(open, 'cache');
    mkdirSync(dir, { mode: 0o700 });
    assert.match(compileCacheProblem(dir) ?? '', /open-parent" is writable by other users/);
    const sticky = folder('sticky-parent', 0o1777);
    const ok = path.join(sticky, 'cache');
    assert.equal(compileCacheProblem(ok), undefined);
  });

  it('refuses a folder that belongs to another user', { skip: !isRoot && 'needs root to give a folder away' }, () => {
    const theirs = folder('theirs');
    chownSync(theirs, 65534, 65534);
    assert.match(compileCacheProblem(theirs) ?? '', /belongs to user 65534, not to this user \(0\)/);
  });

  it('refuses a relative path, a file, and a folder on a disk with too little room', () => {
    assert.match(compileCacheProblem('relative/cache') ?? '', new RegExp(`must be an absolute path \\(${COMPILE_CACHE_DIR_ENV} or XDG_CACHE_HOME\\), got "relative/cache"`));
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    assert.match(compileCacheProblem(file) ?? '', /is not a folder/);
    const dir = folder('roomy');
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    assert.equal(compileCacheProblem(dir, free - 1024 * 1024), undefined);
    assert.match(compileCacheProblem(dir, free + 1024 * 1024 * 1024) ?? '', /MB free where ".*roomy" is; the cache stays off below \d+ MB/);
  });
});

describe('compileCacheDir', () => {
  it('is the folder named by the environment, else pagerduty-mcp in the user cache folder', () => {
    assert.equal(compileCacheDir({ [COMPILE_CACHE_DIR_ENV]: '/srv/cache', XDG_CACHE_HOME: '/x' }), '/srv/cache');
    assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/home/u/.xdg' }), path.join('/home/u/.xdg', 'pagerduty-mcp'));
    // Under the user's own home, whatever that is (a CI's fresh HOME may itself sit in the temp folder); never a
    // folder of the shared temp folder itself.
    const byHome = compileCacheDir({});
    assert.equal(byHome, path.join(homedir(), '.cache', 'pagerduty-mcp'));
    assert.notEqual(path.dirname(byHome), tmpdir(), 'never directly in the shared temp folder');
  });
});

describe('nodeVersionProblem', () => {
  it('names the version found, the runtime and the version needed', () => {
    const problem = nodeVersionProblem('20.20.2', '/usr/bin/node') ?? '';
    assert.match(problem, new RegExp(`needs Node\\.js ${MIN_NODE_MAJOR} or newer, but /usr/bin/node is Node\\.js 20\\.20\\.2`));
    assert.equal(MIN_NODE_MAJOR, 22);
    assert.equal(nodeVersionProblem('22.0.0', '/n'), undefined);
    assert.equal(nodeVersionProblem('24.11.1', '/n'), undefined);
    assert.match(nodeVersionProblem('18.19.0', '/n') ?? '', /18\.19\.0/);
  });
});
