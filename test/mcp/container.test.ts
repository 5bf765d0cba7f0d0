/**
 * The Dockerfile, without a container engine: its instructions are read and checked (small Node base, non-root,
 * only the bundle copied, the build context limited by .dockerignore), and its CMD and HEALTHCHECK are run as the
 * image would run them — from a folder holding only the files the image copies — against the simulator.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { startSimulator, type Simulator } from '../simulator/index';
import { connectHttp, resultText } from '../support/httpHarness';
import { serverNode } from '../support/serverNode';

const ROOT = path.resolve(__dirname, '../..');
const PORT = '3000';

interface Instruction {
  op: string;
  args: string;
}

function dockerfile(): Instruction[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
      return { op: op.toUpperCase(), args };
    });
}

const all = (op: string) => dockerfile().filter((i) => i.op === op);
const one = (op: string) => {
  const found = all(op);
  assert.equal(found.length, 1, `one ${op}`);
  return found[0].args;
};
/** The exec form (a JSON array), as `docker` runs it without a shell. */
const execForm = (args: string): string[] => JSON.parse(args);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('the container image', () => {
  it('is a small Node base, runs as a non-root user, and copies only the bundle, which .dockerignore alone lets in', () => {
    assert.match(one('FROM'), /^node:22-(alpine|slim)$/);
    assert.ok(!/^(root|0)(:|$)/.test(one('USER')), `USER ${one('USER')}`);
    const copies = all('COPY').map((c) => c.args.split(/\s+/));
    assert.ok(copies.length > 0);
    const sources = copies.map((parts) => {
      assert.ok(!parts.some((p) => p.startsWith('--chown')), 'files stay root-owned: the server cannot rewrite itself');
      assert.equal(parts.length, 2, 'one source per COPY');
      return parts[0];
    });
    for (const source of sources) {
      assert.match(source, /^dist\//, `${source} is part of the bundle`);
      assert.ok(existsSync(path.join(ROOT, source)), `${source} exists after npm run build`);
    }
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(ignore[0], '*', 'everything is excluded first');
    assert.deepEqual(ignore.slice(1).map((l) => l.replace(/^!/, '')).sort(), [...sources].sort(), 'then exactly the copied files are let in');
    assert.equal(one('EXPOSE'), PORT);
    const cmd = execForm(one('CMD'));
    assert.deepEqual(cmd, ['node', ...SERVER_NODE_FLAGS, 'dist/mcp-server.js', '--http', '--host', '0.0.0.0', '--port', PORT], 'the heap flags the bench measures');
    assert.match(one('HEALTHCHECK'), new RegExp(`127\\.0\\.0\\.1:${PORT}/healthz`));
  });

  describe('its CMD and HEALTHCHECK, run from the copied files only', () => {
    let sim: Simulator;
    let app: string;
    before(async () => {
      sim = await startSimulator();
      app = mkdtempSync(path.join(tmpdir(), 'pd-image-'));
      for (const args of all('COPY').map((c) => c.args.split(/\s+/))) cpSync(path.join(ROOT, args[0]), path.join(app, args[1], args[0].endsWith('/') ? '' : path.basename(args[0])), { recursive: true });
    });
    after(async () => {
      rmSync(app, { recursive: true, force: true });
      await sim.close();
    });

    it('serves MCP with a client\'s token, passes its health check, and stops cleanly on SIGTERM', async () => {
      const port = String(await freePort());
      const withPort = (args: string[]) => args.map((a) => a.replace(PORT, port));
      const cmd = withPort(execForm(one('CMD')));
      const health = withPort(execForm(one('HEALTHCHECK').replace(/^.*?CMD\s+/, '')));
      const env = Object.fromEntries(all('ENV').map((e) => e.args.split('=') as [string, string]));
      assert.equal(cmd[0], 'node');
      // The image's node is Node 22, as serverNode is.
      const server = spawn(serverNode(), cmd.slice(1), { cwd: app, env: { PATH: process.env.PATH ?? '', ...env, PAGERDUTY_API_HOST: sim.url } });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`not listening after 10 s: ${stderr}`)), 10_000);
          server.stderr.on('data', (c) => {
            stderr += c;
            if (/listening on/.test(stderr)) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        assert.match(stderr, /warning: listening on 0\.0\.0\.0, reachable from other machines.*TLS/);
        const check = () => spawnSync(serverNode(), health.slice(1), { timeout: 10_000 }).status;
        assert.equal(check(), 0, 'HEALTHCHECK passes');

        const client = await connectHttp(`http://127.0.0.1:${port}/mcp`, `Token token=${sim.tokens.user}`);
        const result = await client.callTool({ name: 'list_incidents', arguments: { limit: 3 } });
        await client.close();
        assert.ok(!result.isError, resultText(result));
        assert.match(resultText(result), /#\d+/);

        server.kill('SIGTERM');
        assert.equal(await exited, 0, 'SIGTERM (docker stop, a rolling update) ends it with 0');
        assert.equal(check(), 1, 'HEALTHCHECK fails once it is gone');
      } finally {
        server.kill('SIGKILL');
      }
    });
  });
});
