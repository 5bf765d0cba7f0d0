/**
 * Where the simulator's OpenAPI document comes from (test/simulator/openapi/source.ts): the download path runs
 * against a local mirror (scripts/spec-mirror.mjs, in its own process: the download blocks this one).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { specPath } from '../simulator/openapi/spec';
import { resolveSpec, SPEC_PIN, specCacheDir, type SpecSourceOptions } from '../simulator/openapi/source';

const MIRROR = path.resolve(__dirname, '../../scripts/spec-mirror.mjs');
const PINNED_PATH = `/mirror/${SPEC_PIN.commit}/${SPEC_PIN.file}`;
const realSpec = readFileSync(specPath());
const work = mkdtempSync(path.join(tmpdir(), 'pd-openapi-source-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Mirror { base: string; requests: string[]; stop(): void }

/** Serves `bytes` at the pinned path of a mirror whose base is `<origin>/mirror`; resolves once it listens. */
async function mirror(bytes: Buffer): Promise<Mirror> {
  const file = path.join(mkdtempSync(path.join(work, 'served-')), 'spec.json');
  writeFileSync(file, bytes);
  const child: ChildProcess = spawn(process.execPath, [MIRROR, file, PINNED_PATH], { stdio: ['ignore', 'pipe', 'inherit'] });
  const requests: string[] = [];
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`spec-mirror exited ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(`${line.slice('listening '.length)}/mirror`);
      else requests.push(line);
    });
  });
  after(() => child.kill());
  return { base, requests, stop: () => child.kill() };
}

/** Options for a checkout with nothing beside it and an empty cache of its own. */
function fresh(env: NodeJS.ProcessEnv = {}): SpecSourceOptions {
  const root = mkdtempSync(path.join(work, 'clone-'));
  const repoRoot = path.join(root, 'repo');
  mkdirSync(repoRoot);
  return { env: { PAGERDUTY_OPENAPI_CACHE: path.join(root, 'cache'), ...env }, repoRoot, home: path.join(root, 'home') };
}

/** Waits until the mirror's log has `count` lines: its output arrives on this process's event loop. */
async function requestsSeen(m: Mirror, count: number): Promise<string[]> {
  while (m.requests.length < count) await new Promise((resolve) => setImmediate(resolve));
  return m.requests;
}

describe('the OpenAPI spec without ../shared', () => {
  it('is downloaded once from the mirror at the pinned commit, checked and cached; later runs read the cache', async () => {
    const m = await mirror(realSpec);
    const options = fresh({ PAGERDUTY_OPENAPI_MIRROR: m.base });
    const file = resolveSpec(options);
    assert.equal(path.dirname(file), options.env.PAGERDUTY_OPENAPI_CACHE);
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), SPEC_PIN.sha256);
    assert.deepEqual(await requestsSeen(m, 1), [`GET ${PINNED_PATH} 200`]);
    m.stop();
    assert.equal(resolveSpec(options), file, 'the second run finds the cached copy, with the mirror gone');
    assert.deepEqual(readdirSync(path.dirname(file)), [path.basename(file)], 'no partial file is left beside it');
  });

  it('refuses a download with another checksum, naming both sums and caching nothing', async () => {
    const m = await mirror(Buffer.from('{"openapi": "3.0.2", "paths": {}}'));
    const options = fresh({ PAGERDUTY_OPENAPI_MIRROR: m.base });
    assert.throws(() => resolveSpec(options), (err: Error) => {
      assert.match(err.message, new RegExp(`^PagerDuty OpenAPI spec from ${m.base}/${SPEC_PIN.commit}/reference/REST/openapiv3.json: SHA-256 [0-9a-f]{64}, expected ${SPEC_PIN.sha256}`));
      assert.match(err.message, /the mirror serves another file: nothing was cached/);
      return true;
    });
    assert.equal(existsSync(options.env.PAGERDUTY_OPENAPI_CACHE!), false);
  });

  it('says which URL failed and how to name a local copy when the mirror lacks the file', async () => {
    const m = await mirror(realSpec);
    const options = fresh({ PAGERDUTY_OPENAPI_MIRROR: `${m.base}/elsewhere` });
    assert.throws(() => resolveSpec(options), /downloading http:\/\/127\.0\.0\.1:\d+\/mirror\/elsewhere\/2326e6b9\S+ failed \(HTTP 404 Not Found\); set PAGERDUTY_OPENAPI_SPEC to a local copy/);
  });

  it('refuses a damaged cached copy with the reason, and leaves it in place', () => {
    const options = fresh();
    const dir = specCacheDir(options);
    mkdirSync(dir, { recursive: true });
    const damaged = path.join(dir, `REST-${SPEC_PIN.sha256.slice(0, 16)}.json`);
    writeFileSync(damaged, realSpec.subarray(0, 1000));
    assert.throws(() => resolveSpec(options), /the cached copy is damaged: remove it to download it again/);
    assert.equal(readFileSync(damaged).length, 1000);
  });
});

describe('a local copy of the OpenAPI spec', () => {
  it('PAGERDUTY_OPENAPI_SPEC names it, and nothing is downloaded', () => {
    const options = fresh({ PAGERDUTY_OPENAPI_SPEC: '/srv/specs/REST.json', PAGERDUTY_OPENAPI_MIRROR: 'http://127.0.0.1:9/unreachable' });
    assert.equal(resolveSpec(options), '/srv/specs/REST.json');
  });

  it('../shared beside the checkout is used when present, and checked', () => {
    const options = fresh({ PAGERDUTY_OPENAPI_MIRROR: 'http://127.0.0.1:9/unreachable' });
    const shared = path.resolve(options.repoRoot, '../shared/pagerduty-api/REST.openapiv3.json');
    mkdirSync(path.dirname(shared), { recursive: true });
    writeFileSync(shared, realSpec);
    assert.equal(resolveSpec(options), shared);
    writeFileSync(shared, '{}');
    assert.throws(() => resolveSpec(options), /REST\.openapiv3\.json: SHA-256 44136fa3\S+, expected b2e80f8b\S+ .*update SPEC_PIN/);
  });

  it('the cache folder follows XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(specCacheDir({ env: { XDG_CACHE_HOME: '/x' }, home: '/home/u' }), '/x/pagerduty-vscode/openapi');
    assert.equal(specCacheDir({ env: {}, home: '/home/u' }), '/home/u/.cache/pagerduty-vscode/openapi');
    assert.equal(specCacheDir({ env: { PAGERDUTY_OPENAPI_CACHE: '/c', XDG_CACHE_HOME: '/x' }, home: '/home/u' }), '/c');
  });
});
