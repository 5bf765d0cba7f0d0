/**
 * The server's code cache (src/mcp/codeCache.ts) on the built dist/mcp-server.js: written once a start has answered
 * tools/list, read by the next start, and never a reason for a start to fail: a garbage cache is replaced, a cache
 * folder others may write to is neither read nor written.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CACHE_DIR_ENV } from '../../src/mcp/codeCache';
import { startSimulator, type Simulator } from '../simulator/index';
import { startMcp } from '../support/mcpHarness';

describe('code cache of the server bundle', () => {
  let sim: Simulator;
  let root: string;
  before(async () => {
    sim = await startSimulator();
    root = mkdtempSync(path.join(tmpdir(), 'pd-code-cache-'));
  });
  after(async () => {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** One start that lists the tools, with the cache in `dir`; the number of tools it listed. */
  async function start(dir: string): Promise<number> {
    const session = await startMcp({ sim, env: { [CACHE_DIR_ENV]: dir } });
    try {
      return (await session.client.listTools()).tools.length;
    } finally {
      await session.close();
    }
  }
  const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin'));

  it('the first start writes the cache (private folder and file), the next one reads it and writes nothing', async () => {
    const dir = path.join(root, 'fresh');
    const tools = await start(dir);
    assert.ok(tools > 0);
    const [cache] = caches(dir);
    assert.ok(cache, 'a cache file after the first tools/list');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const file = path.join(dir, cache);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(statSync(file).size > 100_000, 'V8 code for the bundle, not a stub');
    const written = statSync(file).mtimeMs;
    assert.equal(await start(dir), tools);
    assert.equal(statSync(file).mtimeMs, written, 'an accepted cache is not written again');
    assert.deepEqual(readdirSync(dir), [cache], 'no temporary files left');
  });

  it('a garbage cache does not stop the server, and is replaced by a good one', async () => {
    const dir = path.join(root, 'garbage');
    await start(dir);
    const file = path.join(dir, caches(dir)[0]!);
    const garbage = Buffer.alloc(statSync(file).size, 7);
    writeFileSync(file, garbage);
    assert.ok((await start(dir)) > 0);
    assert.notDeepEqual(readFileSync(file), garbage);
  });

  it('a cache folder others may write to is neither read nor written', async () => {
    const dir = path.join(root, 'shared');
    await start(dir);
    const file = path.join(dir, caches(dir)[0]!);
    const planted = Buffer.alloc(statSync(file).size, 9);
    writeFileSync(file, planted);
    chmodSync(dir, 0o777);
    assert.ok((await start(dir)) > 0);
    assert.deepEqual(readFileSync(file), planted, 'left as it was: not trusted, so not replaced either');
  });
});
