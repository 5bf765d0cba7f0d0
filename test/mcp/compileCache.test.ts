/**
 * The built dist/mcp-server.js and Node's compile cache (src/mcp/compileCache.ts), on Node 22 (serverNode): the cache
 * is written once tools/list is answered into a private folder and read by the next start; a planted link, a folder
 * others may write to, or a nearly full disk leave it off without failing the start; no file the server did not
 * create is ever deleted. And the standalone server refuses Node < 22 with a clear reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { COMPILE_CACHE_DIR_ENV } from '../../src/mcp/launchEnv';
import { MIN_NODE_MAJOR } from '../../src/mcp/nodeVersion';
import { startSimulator, type Simulator } from '../simulator/index';
import { SERVER_JS, startMcp } from '../support/mcpHarness';

/** Every file under `dir`, relative, with its content: what a start may add to but never take from. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const at = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, at), readFileSync(at, 'latin1'));
  }
  return files;
}
/** The cache files Node wrote: `<node version>-<arch>-<flags hash>-<n>/<hash of the file>`. */
const caches = (dir: string) => [...tree(dir).keys()].filter((f) => /^v\d+\.\d+\.\d+-[^/]+[\\/][0-9a-f]+$/.test(f));

describe('the compile cache of the built server', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pd-compile-cache-'));
  let sim: Simulator | undefined;
  after(async () => {
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** One start that lists the tools with `env`: the number of tools listed and what the server logged. */
  async function start(env: Record<string, string>): Promise<{ tools: number; stderr: string }> {
    sim ??= await startSimulator();
    const session = await startMcp({ sim, env });
    try {
      const tools = (await session.client.listTools()).tools.length;
      return { tools, stderr: session.stderr() };
    } finally {
      await session.close();
    }
  }
  const inFolder = (dir: string) => start({ [COMPILE_CACHE_DIR_ENV]: dir });

  it('is written into a private folder once tools/list is answered, and the next start reads it without writing', async () => {
    const dir = path.join(root, 'fresh', 'cache');
    const first = await inFolder(dir);
    assert.ok(first.tools > 0);
    assert.doesNotMatch(first.stderr, /compile cache off/);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const [cache] = caches(dir);
    assert.ok(cache, `a cache file once tools/list was answered: ${[...tree(dir).keys()]}`);
    const file = path.join(dir, cache);
    assert.equal(statSync(file).mode & 0o077, 0, 'readable by this user only');
    assert.ok(statSync(file).size > 100_000, 'V8 code for the bundle, not a stub');
    const written = statSync(file).mtimeMs;
    assert.equal((await inFolder(dir)).tools, first.tools);
    assert.equal(statSync(file).mtimeMs, written, 'an accepted cache is not written again');
    assert.deepEqual(caches(dir), [cache]);
  });

  it('lives in the user cache folder when none is named, never in the shared temp folder', async () => {
    const home = path.join(root, 'home');
    mkdirSync(home, { mode: 0o700 });
    assert.ok((await start({ HOME: home })).tools > 0);
    assert.equal(caches(path.join(home, '.cache', 'pagerduty-mcp')).length, 1);
  });

  it('follows no symbolic link planted at its folder: nothing is written where it points', async () => {
    const target = path.join(root, 'attacker');
    mkdirSync(target, { mode: 0o700 });
    const link = path.join(root, 'planted-link');
    symlinkSync(target, link);
    const { tools, stderr } = await inFolder(link);
    assert.ok(tools > 0, 'the server starts all the same');
    assert.deepEqual(readdirSync(target), []);
    assert.match(stderr, /compile cache off: ".*planted-link" is a symbolic link/);
  });

  it('uses no folder that others may write to', async () => {
    for (const mode of [0o777, 0o770]) {
      const dir = path.join(root, `shared-${mode.toString(8)}`);
      mkdirSync(dir);
      chmodSync(dir, mode);
      const { tools, stderr } = await inFolder(dir);
      assert.ok(tools > 0);
      assert.match(stderr, /compile cache off: .* is writable by other users/);
      assert.deepEqual(readdirSync(dir), [], `mode ${mode.toString(8)}: nothing read or written there`);
    }
  });

  it('deletes no file it did not create, however old, in its folder or in its subfolders', async () => {
    const dir = path.join(root, 'lived-in');
    mkdirSync(path.join(dir, 'v20.0.0-x64-00000000-0'), { recursive: true, mode: 0o700 });
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    for (const [name, text] of [
      ['id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\n'],
      ['thesis.tex', '\\documentclass{book}\n'],
      ['v20.0.0-x64-00000000-0/0833d8b5', 'an older cache, or anything else'],
      ['0833d8b5.tmp', 'not ours'],
    ]) {
      writeFileSync(path.join(dir, name), text);
      utimesSync(path.join(dir, name), monthAgo, monthAgo);
    }
    const before = tree(dir);
    await inFolder(dir);
    await inFolder(dir);
    const afterwards = tree(dir);
    for (const [name, text] of before) assert.equal(afterwards.get(name), text, `${name} is still there, unchanged`);
    assert.equal(caches(dir).length, 2, 'its own cache beside the planted old one');
  });

  describe('on a nearly full disk', () => {
    let disk: string | undefined;
    let why: string | false = false;
    before(() => {
      // A 1 MB tmpfs: below the free space the cache needs (compileCache.ts MIN_FREE_BYTES).
      disk = mkdtempSync(path.join(root, 'small-disk-'));
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', disk], { encoding: 'utf8' });
      if (mounted.status !== 0) why = `cannot mount a small tmpfs here (${(mounted.stderr || mounted.error?.message || '').trim()})`;
    });
    after(() => {
      if (disk && !why) spawnSync('umount', [disk]);
    });

    it('leaves the cache off and starts all the same', async (t) => {
      if (why) return t.skip(why);
      const dir = path.join(disk!, 'cache');
      const { tools, stderr } = await inFolder(dir);
      assert.ok(tools > 0);
      assert.deepEqual(readdirSync(dir), [], 'nothing written: no partial file on a full disk');
      assert.match(stderr, /compile cache off: only \d+ MB free where ".*cache" is; the cache stays off below \d+ MB/);
    });
  });
});

describe('the standalone server on an older Node', () => {
  const major = Number(process.versions.node.split('.')[0]);
  it('stops at once, naming the version found and the one needed', { skip: major >= MIN_NODE_MAJOR && `this Node (${process.version}) is new enough` }, () => {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npm run build" first`);
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS], { encoding: 'utf8', input: '', timeout: 10_000, env: { PATH: process.env.PATH ?? '', PAGERDUTY_USER_API_KEY: 'u+never-shown-token' } });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '', 'no protocol output');
    assert.equal(run.stderr, `[pagerduty-mcp] the PagerDuty MCP server needs Node.js ${MIN_NODE_MAJOR} or newer, but ${process.execPath} is Node.js ${process.versions.node}: run it with Node.js ${MIN_NODE_MAJOR}+\n`);
  });
});
