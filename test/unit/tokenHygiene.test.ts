import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { countOccurrences, hygieneReport, ProcessWatch, scanFiles, scanProcesses, serverTree } from '../e2e/harness/tokenHygiene';

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
