/**
 * The server's code cache (src/mcp/codeCache.ts) on the built dist/mcp-server.js: written once a start has answered
 * tools/list, read by the next start, and never a reason for a start to fail: a garbage cache is replaced, a cache
 * folder others may write to is neither read nor written.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CACHE_DIR_ENV } from '../../src/mcp/codeCache';
import { startSimulator, type Simulator } from '../simulator/index';
import { startMcp } from '../support/mcpHarness';

describe('code cache of the server bundle', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pd-code-cache-'));
  let sim: Simulator | undefined;
  after(async () => {
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** One start that lists the tools, with the cache in `dir`; the number of tools it listed. */
  async function start(dir: string): Promise<number> {
    sim ??= await startSimulator();
    const session = await startMcp({ sim, env: { [CACHE_DIR_ENV]: dir } });
    try {
      return (await session.client.listTools()).tools.length;
    } finally {
      await session.close();
    }
  }
  const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin'));

  /** A start that leaves a cache in `dir`, which is then overwritten with bytes of `fill`: the file and those bytes. */
  async function spoiledCache(dir: string, fill: number): Promise<{ file: string; bytes: Buffer }> {
    await start(dir);
    const file = path.join(dir, caches(dir)[0]!);
    const bytes = Buffer.alloc(statSync(file).size, fill);
    writeFileSync(file, bytes);
    return { file, bytes };
  }

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
    const { file, bytes } = await spoiledCache(dir, 7);
    assert.ok((await start(dir)) > 0);
    assert.notDeepEqual(readFileSync(file), bytes);
  });

  it('a cache folder others may write to is neither read nor written', async () => {
    const dir = path.join(root, 'shared');
    const { file, bytes } = await spoiledCache(dir, 9);
    chmodSync(dir, 0o777);
    assert.ok((await start(dir)) > 0);
    assert.deepEqual(readFileSync(file), bytes, 'left as it was: not trusted, so not replaced either');
  });
});
