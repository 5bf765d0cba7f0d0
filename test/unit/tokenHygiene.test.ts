import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import { countOccurrences, hygieneReport, ProcessWatch, scanFiles, scanProcesses, serverTree } from '../e2e/harness/tokenHygiene';
import { PagerDutyError } from '../../src/pagerduty/errors';
import { clientWith, ctxOf, fullToolbox, respondJson, textOf } from '../support/toolDoubles';
import { parseConfig } from '../../src/mcp/config';
import { redact, registerSecret } from '../../src/pagerduty/redact';

const secret = { label: 'user token', value: 'u+abcdefghijklmnopqr' };

test('counts every occurrence, UTF-8 and UTF-16LE, in nested files; symlinks are not followed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyg-'));
  try {
    mkdirSync(join(dir, 'logs', 'exthost1'), { recursive: true });
    writeFileSync(join(dir, 'logs', 'exthost1', 'PagerDuty.log'), `a ${secret.value} b ${secret.value}\n`);
    writeFileSync(join(dir, 'state.vscdb'), Buffer.concat([Buffer.from([0, 1]), Buffer.from(secret.value, 'utf16le')]));
    writeFileSync(join(dir, 'clean.json'), '{"x":1}');
    symlinkSync(join(dir, 'logs'), join(dir, 'link'));
    const scan = scanFiles([dir], [secret]);
    assert.equal(scan.files, 3);
    assert.equal(scan.bytes, 46 + 42 + 7); // the log, the UTF-16 "db", clean.json
    assert.deepEqual(scan.hits.map((h) => [h.where.slice(dir.length), h.count]).sort(), [
      ['/logs/exthost1/PagerDuty.log', 2],
      ['/state.vscdb', 1],
    ]);
    const report = hygieneReport('t', scan, { processes: 0, hits: [] });
    assert.equal(report.ok, false);
    assert.match(report.text, /3 token occurrences/);
    assert.ok(!report.text.includes(secret.value), 'the report never prints the token');

    const excluded = scanFiles([dir], [secret], (p) => p.endsWith('state.vscdb'));
    assert.deepEqual(excluded.excluded, [join(dir, 'state.vscdb')]);
    assert.equal(excluded.hits.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('clean files give ok and 0 occurrences; too-short secrets are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyg-'));
  try {
    writeFileSync(join(dir, 'a.log'), 'nothing here');
    const scan = scanFiles([dir], [secret]);
    assert.deepEqual([scan.files, scan.hits.length], [1, 0]);
    assert.equal(hygieneReport('t', scan, { processes: 2, hits: [] }).ok, true);
    assert.throws(() => scanFiles([dir], [{ label: 'x', value: 'abc' }]), /too short/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('countOccurrences does not count overlapping matches twice', () => {
  assert.equal(countOccurrences(Buffer.from('aaaa'), Buffer.from('aa')), 2);
});

test('finds a process tree by a marker in argv and sees a token in a child\'s argv', async () => {
  const marker = `hyg-marker-${process.pid}`;
  // A detached parent (own process group) whose child carries the token in its argv; the parent's own argv holds
  // it only split in two, so exactly one process leaks.
  const [a, b] = [secret.value.slice(0, 6), secret.value.slice(6)];
  const script = `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{},5000)', '${a}' + '${b}'], { stdio: 'ignore' }); setTimeout(()=>{},5000)`;
  const parent = spawn(process.execPath, ['-e', script, marker], { detached: true, stdio: 'ignore' });
  try {
    const watch = new ProcessWatch(() => serverTree(marker), [secret], 50).start();
    const deadline = Date.now() + 5000;
    while (watch.hits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    watch.stop();
    assert.ok(watch.processes >= 2, `parent and child seen, got ${watch.processes}`);
    assert.equal(watch.hits.length, 1);
    assert.ok(!watch.hits[0]!.where.includes(secret.value), 'the argv is printed with the token replaced');
    assert.match(watch.hits[0]!.where, /<user token>/);
    const tree = serverTree(marker);
    assert.ok(tree.includes(parent.pid!));
    assert.equal(scanProcesses(tree, [{ label: 'other', value: 'not-in-any-argv-xyz' }]).hits.length, 0);
  } finally {
    process.kill(-parent.pid!, 'SIGKILL');
  }
});

describe('a token of the wrong shape', () => {
  const zwsp = 'y_NbAkKc66\u200BryYTWUXYEu';

  it('is refused at start-up with what is wrong, never the token', () => {
    for (const [token, why] of [
      [zwsp, /non-ASCII or invisible character: a zero-width space \(U\+200B\) at character 11/],
      ['y_NbAkKc66 ryYTWUXYEu', /whitespace: a space/],
      ['y_NbAkKc66ryYTWUXYEü', /non-ASCII/],
    ] as const) {
      const error = (() => {
        try {
          parseConfig([], { PAGERDUTY_USER_API_KEY: token });
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      assert.ok(error, `accepted ${JSON.stringify(token)}`);
      assert.match(error.message, /PAGERDUTY_USER_API_KEY is not a usable PagerDuty API token/);
      assert.match(error.message, why);
      assert.ok(!error.message.includes('y_NbAkKc66'), 'the message echoes the token');
    }
  });

  it('is refused by the client before any request (not reported as a network failure)', () => {
    let requests = 0;
    assert.throws(
      () => clientWith(() => (requests++, respondJson({})), { token: zwsp }),
      (e: unknown) => e instanceof PagerDutyError && e.kind === 'configuration' && /zero-width space/.test(e.message),
    );
    assert.equal(requests, 0);
  });
});

describe('redaction in every result', () => {
  const token = 'u+RedactMe0123456789';

  it('redacts the token and any run of 8+ of its first characters, not shorter ones', () => {
    registerSecret(token);
    assert.equal(redact(`a ${token} b`), 'a *** b');
    assert.equal(redact(`prefix ${token.slice(0, 12)}…`), 'prefix ***…');
    assert.equal(redact(`x${token.slice(0, 8)}`), 'x***');
    assert.equal(redact(`short ${token.slice(0, 7)}`), `short ${token.slice(0, 7)}`);
  });

  it('redacts a successful answer that echoes the token, in text and typed output', async () => {
    const client = clientWith(
      () => respondJson({ notes: [{ id: 'N1', content: `my token is ${token}`, created_at: '2026-11-25T09:00:00Z', user: { id: 'PU', summary: token.slice(0, 10) } }] }),
      { token },
    );
    for (const structured of [true, false]) {
      const r = await fullToolbox(structured).call('list_incident_notes', { incident_id: 'Q1ABC' }, ctxOf(client));
      const all = textOf(r) + JSON.stringify(r.structuredContent ?? {});
      assert.ok(!all.includes(token.slice(0, 8)), `token leaked: ${all}`);
      assert.match(textOf(r), /my token is \*\*\*/);
    }
  });
});
