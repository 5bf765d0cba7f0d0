/**
 * The stdio framing and start-up checks of dist/mcp-server.js, driven with raw bytes rather than the SDK client:
 * unreadable lines are answered (-32700 / -32600 with id null) and logged, an oversized message is skipped without
 * ending the server, and a bad token or a cleartext host stops the start with a reason and no token in it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { MAX_MESSAGE_BYTES } from '../../src/mcp/lineTransport';
import { SERVER_JS } from '../support/mcpHarness';
import { serverNode } from '../support/serverNode';

const TOKEN = 'y_NbAkKc66ryYTWUXYEu';

interface Run {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Resolves with the next JSON line the server writes. */
  next(): Promise<any>;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npm run build" first`);
  const child = spawn(serverNode(), [...SERVER_NODE_FLAGS, SERVER_JS], {
    env: { PATH: process.env.PATH ?? '', PAGERDUTY_API_HOST: 'http://127.0.0.1:9', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  let buffer = '';
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  child.stdout.on('data', (c) => {
    buffer += c;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    next: () =>
      new Promise((resolve, reject) => {
        if (lines.length) return resolve(JSON.parse(lines.shift()!));
        const timer = setTimeout(() => reject(new Error(`no answer within 10 s; stderr: ${stderr.slice(-300)}`)), 10_000);
        waiting.push((l) => (clearTimeout(timer), resolve(JSON.parse(l))));
      }),
    exit,
  };
}

const initialize = (id: number) =>
  `${JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`;

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(check(), `timed out waiting for ${what}`);
}

describe('stdio protocol', () => {
  it('answers a malformed JSON line with -32700 (id null), logs it, and keeps serving', async () => {
    const r = run({ PAGERDUTY_USER_API_KEY: TOKEN });
    try {
      r.child.stdin.write('{"jsonrpc": "2.0", "id": 1, "method": \n');
      const error = await r.next();
      assert.deepEqual({ id: error.id, code: error.error?.code }, { id: null, code: -32700 });
      await waitFor(() => /Parse error/.test(r.stderr()), 'the log line');
      r.child.stdin.write('{"hello": "world", "id": 7}\n');
      const invalid = await r.next();
      assert.deepEqual({ id: invalid.id, code: invalid.error?.code }, { id: 7, code: -32600 });
      r.child.stdin.write(initialize(2));
      assert.equal((await r.next()).id, 2, 'still serving');
    } finally {
      r.child.kill();
    }
  });

  it('skips a message over the size limit with an answer and a log line, without exiting', async () => {
    const r = run({ PAGERDUTY_USER_API_KEY: TOKEN });
    try {
      const chunk = 'x'.repeat(1024 * 1024);
      r.child.stdin.write('{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"pad":"');
      for (let sent = 0; sent <= MAX_MESSAGE_BYTES; sent += chunk.length) r.child.stdin.write(chunk);
      r.child.stdin.write('"}}\n');
      const error = await r.next();
      assert.equal(error.error?.code, -32600);
      assert.match(error.error.message, /exceeds the 10485760-byte limit/);
      await waitFor(() => /exceeds the 10485760-byte limit/.test(r.stderr()), 'the log line');
      r.child.stdin.write(initialize(4));
      assert.equal((await r.next()).id, 4, 'still serving');
      r.child.stdin.end();
      assert.equal(await r.exit, 0, 'a closed stdin is a normal end');
    } finally {
      r.child.kill();
    }
  });

  it('refuses to start with a token holding a zero-width space, saying why, never echoing it', async () => {
    const r = run({ PAGERDUTY_USER_API_KEY: `${TOKEN.slice(0, 10)}\u200B${TOKEN.slice(10)}` });
    assert.equal(await r.exit, 2);
    assert.match(r.stderr(), /not a usable PagerDuty API token: it contains a non-ASCII or invisible character: a zero-width space \(U\+200B\) at character 11/);
    assert.ok(!r.stderr().includes(TOKEN.slice(0, 8)));
  });

  it('refuses to start with a cleartext non-loopback API host', async () => {
    const r = run({ PAGERDUTY_USER_API_KEY: TOKEN, PAGERDUTY_API_HOST: 'http://api.pagerduty.com' });
    assert.equal(await r.exit, 2);
    assert.match(r.stderr(), /uses cleartext http, which would send the API token unencrypted/);
  });
});
