/**
 * src/mcp/codeCache.ts in-process, on small files: the file runs as require() would run it, its errors surface, and the
 * cache is used only for the very file it was made for. The built server is started through it in test/mcp/codeCache.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CACHE_DIR_ENV, requireWithCodeCache } from '../../src/mcp/codeCache';
import { saveCodeCache } from '../../src/mcp/codeCacheSave';

describe('requireWithCodeCache', () => {
  let root: string;
  let cacheDir: string;
  const saved = process.env[CACHE_DIR_ENV];
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pd-code-cache-unit-'));
    cacheDir = path.join(root, 'cache');
    process.env[CACHE_DIR_ENV] = cacheDir;
  });
  after(() => {
    if (saved === undefined) delete process.env[CACHE_DIR_ENV];
    else process.env[CACHE_DIR_ENV] = saved;
    rmSync(root, { recursive: true, force: true });
  });
  const file = (name: string, text: string) => {
    const at = path.join(root, name);
    writeFileSync(at, text);
    return at;
  };
  const caches = () => {
    try {
      return readdirSync(cacheDir).sort();
    } catch {
      return [];
    }
  };

  it('gives the file its exports, require, module, __filename and __dirname', () => {
    file('sibling.js', 'module.exports = { sibling: true };');
    const core = file(
      'core.js',
      `globalThis.__pdCore = { thisIsExports: this === exports, filename: __filename, dirname: __dirname, module,
        builtin: require('node:path') === require('path'), sibling: require(require('node:path').join(__dirname, 'sibling.js')),
        relative: require('./sibling.js') };`,
    );
    requireWithCodeCache(core, module as unknown as Module);
    const seen = (globalThis as Record<string, any>).__pdCore;
    assert.equal(seen.thisIsExports, true);
    assert.equal(seen.filename, core);
    assert.equal(seen.dirname, root);
    assert.equal(seen.module.loaded, true);
    assert.equal(seen.builtin, true);
    assert.deepEqual(seen.sibling, { sibling: true });
    assert.equal(seen.relative, seen.sibling, 'one module, however it is named');
    saveCodeCache();
    assert.equal(caches().length, 1, 'its cache, saved when asked');
  });

  it("throws the file's own errors with its name and line, and sets no cache to save", () => {
    const bad = file('throws.js', '\n\nthrow new Error("init failed");\n');
    assert.throws(() => requireWithCodeCache(bad, module as unknown as Module), (e: Error) => e.message === 'init failed' && e.stack!.includes(`${bad}:3`));
    const syntax = file('syntax.js', 'const a = 1;\nconst = 2;\n');
    assert.throws(() => requireWithCodeCache(syntax, module as unknown as Module), SyntaxError);
    const before = caches();
    saveCodeCache();
    assert.deepEqual(caches(), before);
  });

  it("a file never runs with the cache of another file of the same length", () => {
    const a = file('a.js', 'globalThis.__pdA = 1;');
    const b = file('b.js', 'globalThis.__pdA = 2;');
    requireWithCodeCache(a, module as unknown as Module);
    saveCodeCache();
    requireWithCodeCache(b, module as unknown as Module);
    assert.equal((globalThis as Record<string, unknown>).__pdA, 2, "b ran its own code, not a's cached code");
    saveCodeCache();
    requireWithCodeCache(a, module as unknown as Module);
    assert.equal((globalThis as Record<string, unknown>).__pdA, 1);
  });
});
