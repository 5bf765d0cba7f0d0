/**
 * Where the simulator's copy of PagerDuty's REST OpenAPI document comes from, so a clone of this repository tests on
 * its own: a local copy named by PAGERDUTY_OPENAPI_SPEC; else ../shared beside the checkout (how CI here runs
 * offline); else a cached download of the pinned file of PagerDuty's public api-schema repository, fetched once.
 * Whatever comes from ../shared, the cache or the network must have the pinned SHA-256.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file the simulator validates against: PagerDuty/api-schema at the commit of 2026-08-14 (schemaUpdate-2026-08-14-14-30). */
export const SPEC_PIN = {
  repository: 'PagerDuty/api-schema',
  commit: '2326e6b9f4737ca7f383214e1cd9d783c81fd2c6',
  file: 'reference/REST/openapiv3.json',
  sha256: 'b2e80f8b83b170f29702e96a69adf230702b4ec43dddab7e348a2985c707ef35',
} as const;

/** Serves `<commit>/<file>` for the pinned repository; PAGERDUTY_OPENAPI_MIRROR replaces it (a test's local server). */
export const DEFAULT_SPEC_MIRROR = 'https://raw.githubusercontent.com/PagerDuty/api-schema';

export const SPEC_ENV = 'PAGERDUTY_OPENAPI_SPEC';
export const SPEC_MIRROR_ENV = 'PAGERDUTY_OPENAPI_MIRROR';
export const SPEC_CACHE_ENV = 'PAGERDUTY_OPENAPI_CACHE';

const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface SpecSourceOptions {
  env: NodeJS.ProcessEnv;
  /** The checkout; its sibling `shared/` is looked at. */
  repoRoot: string;
  home: string;
}

export function specUrl(mirror: string): string {
  return `${mirror.replace(/\/+$/, '')}/${SPEC_PIN.commit}/${SPEC_PIN.file}`;
}

/** The cache folder: PAGERDUTY_OPENAPI_CACHE, else pagerduty-vscode/openapi under XDG_CACHE_HOME or ~/.cache. */
export function specCacheDir({ env, home }: Pick<SpecSourceOptions, 'env' | 'home'>): string {
  return env[SPEC_CACHE_ENV] || path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'pagerduty-vscode', 'openapi');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkPinned(bytes: Buffer, from: string, what: string): void {
  const got = sha256(bytes);
  if (got !== SPEC_PIN.sha256) {
    throw new Error(
      `PagerDuty OpenAPI spec from ${from}: SHA-256 ${got}, expected ${SPEC_PIN.sha256} ` +
        `(${SPEC_PIN.repository}@${SPEC_PIN.commit.slice(0, 12)} ${SPEC_PIN.file}); ${what}`,
    );
  }
}

/** Downloads in a child process: the simulator loads the spec synchronously, and fetch is asynchronous. */
function download(url: string): Buffer {
  const script = `fetch(process.argv[1], { signal: AbortSignal.timeout(${DOWNLOAD_TIMEOUT_MS}) })
    .then(async (r) => { if (!r.ok) throw new Error('HTTP ' + r.status + ' ' + r.statusText); process.stdout.write(Buffer.from(await r.arrayBuffer())); })
    .catch((e) => { process.stderr.write(String(e && e.cause ? e.message + ': ' + e.cause.message : e && e.message)); process.exit(1); });`;
  try {
    return execFileSync(process.execPath, ['-e', script, url], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const reason = String((err as { stderr?: Buffer }).stderr ?? '').trim() || (err as Error).message;
    throw new Error(
      `PagerDuty OpenAPI spec: downloading ${url} failed (${reason}); ` +
        `set ${SPEC_ENV} to a local copy of ${SPEC_PIN.file}, or ${SPEC_MIRROR_ENV} to a mirror serving <commit>/${SPEC_PIN.file}`,
    );
  }
}

/** The path of the spec to load, downloading and caching it first when no local copy is at hand. */
export function resolveSpec(options: SpecSourceOptions): string {
  const named = options.env[SPEC_ENV];
  if (named) return named;
  const shared = path.resolve(options.repoRoot, '../shared/pagerduty-api/REST.openapiv3.json');
  if (existsSync(shared)) {
    checkPinned(readFileSync(shared), shared, `update SPEC_PIN in ${path.relative(options.repoRoot, __filename)} to the copy in ../shared`);
    return shared;
  }
  const dir = specCacheDir(options);
  const cached = path.join(dir, `REST-${SPEC_PIN.sha256.slice(0, 16)}.json`);
  if (existsSync(cached)) {
    checkPinned(readFileSync(cached), cached, 'the cached copy is damaged: remove it to download it again');
    return cached;
  }
  const url = specUrl(options.env[SPEC_MIRROR_ENV] || DEFAULT_SPEC_MIRROR);
  const bytes = download(url);
  checkPinned(bytes, url, 'the mirror serves another file: nothing was cached');
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a concurrent test process never reads half a file.
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, cached);
  return cached;
}
