// A tiny test runner for the extension host (bundled into the tests module; no mocha).
// Usage in a suite entry:
//   import { suite, test, before, after, run } from '../runner';
//   suite('x', () => { test('y', async () => { ... }, { timeout: 20_000 }); });
//   export { run };
// Set E2E_GREP (a substring or /regex/) in the environment to run only matching tests.
import { existsSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

type Fn = () => unknown | Promise<unknown>;
interface Test { name: string; fn: Fn; timeout: number }
interface Suite { name: string; tests: Test[]; before: Fn[]; after: Fn[] }

const DEFAULT_TIMEOUT = 20_000;
const suites: Suite[] = [];
let current: Suite | undefined;

export function suite(name: string, body: () => void): void {
  const s: Suite = { name, tests: [], before: [], after: [] };
  suites.push(s);
  const prev = current;
  current = s;
  try { body(); } finally { current = prev; }
}

function inSuite(what: string): Suite {
  if (!current) throw new Error(`${what}() must be called inside suite()`);
  return current;
}

export function test(name: string, fn: Fn, opts: { timeout?: number } = {}): void {
  inSuite('test').tests.push({ name, fn, timeout: opts.timeout ?? DEFAULT_TIMEOUT });
}
/** Runs once before the suite's first test; if it fails, the suite's tests are reported failed. */
export function before(fn: Fn): void { inSuite('before').before.push(fn); }
/** Runs once after the suite's tests, even if they failed. */
export function after(fn: Fn): void { inSuite('after').after.push(fn); }

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, rej) => { t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function grep(): (name: string) => boolean {
  const g = process.env.E2E_GREP;
  if (!g) return () => true;
  const m = /^\/(.*)\/([a-z]*)$/.exec(g);
  const re = m ? new RegExp(m[1]!, m[2]) : undefined;
  return (name) => (re ? re.test(name) : name.includes(g));
}

/** Entry point VS Code calls (via the tests module's exported `run`). Rejects if any test failed. */
export async function run(): Promise<void> {
  const matches = grep();
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const s of suites) {
    const tests = s.tests.filter((t) => matches(`${s.name} ${t.name}`));
    if (!tests.length) continue;
    console.log(`suite: ${s.name}`);
    let setupError: unknown;
    for (const fn of s.before) {
      try { await withTimeout(Promise.resolve().then(fn), 60_000, 'before hook'); } catch (err) { setupError = err; break; }
    }
    for (const t of tests) {
      const t0 = Date.now();
      try {
        if (setupError) throw new Error(`before hook failed: ${describe(setupError)}`);
        await withTimeout(Promise.resolve().then(t.fn), t.timeout, `test "${t.name}"`);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.error(`  ✗ ${t.name} (${Date.now() - t0} ms)\n${indent(describe(err))}`);
      }
    }
    for (const fn of s.after) {
      try { await withTimeout(Promise.resolve().then(fn), 60_000, 'after hook'); } catch (err) {
        failed++;
        console.error(`  ✗ after hook of "${s.name}"\n${indent(describe(err))}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (failed > 0) throw new Error(`${failed} test(s) failed`);
}

function indent(s: string): string {
  return s.replace(/^/gm, '      ');
}

/**
 * Asks the harness (which owns the browser page) for a screenshot and waits until it is saved.
 * `name` is relative to the harness's screenshots dir, e.g. 'docs/sidebar.png'.
 * Returns the absolute path, or undefined when not running under the harness.
 */
export async function screenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const dir = process.env.E2E_SCREENSHOTS_DIR;
  if (!dir) { console.log(`screenshot ${name} skipped (not running under the e2e harness)`); return undefined; }
  if (isAbsolute(name)) throw new Error(`screenshot name must be relative: ${name}`);
  const file = resolve(join(dir, name.endsWith('.png') ? name : `${name}.png`));
  if (existsSync(file)) unlinkSync(file); // so a stale file from an earlier run is not mistaken for this one
  console.log(`[[screenshot:${name}]]`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`screenshot ${name} was not saved within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return file;
}

/** Retries `fn` until it returns without throwing (e.g. for commands that are registered late). */
export async function retry<T>(fn: () => Promise<T> | T, { timeout = 15_000, interval = 500 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try { return await fn(); } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
