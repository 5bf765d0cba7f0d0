/**
 * Spawn → tools/list answered, against a bare `node -e 0` of the same Node (22: serverNode), alternated so both see the
 * same machine load. The first start fills the compile cache (src/mcp/compileCache.ts) in a folder of its own; the
 * measured ones read it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMPILE_CACHE_DIR_ENV } from '../../src/mcp/launchEnv';
import { serverNode } from '../../test/support/serverNode';
import { figure, median, type Figure } from './figure';
import { initialize, spawnServer } from './rpc';

const SERVER_ENV = { PAGERDUTY_USER_API_KEY: 'bench-token-not-used', PAGERDUTY_TOOLSETS: 'all', PAGERDUTY_API_HOST: 'http://127.0.0.1:9' };

function bareNode(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(serverNode(), ['-e', '0'], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', () => resolve(performance.now() - t0));
  });
}

async function serverToToolsList(script: string, env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const server = spawnServer(script, ['--enable-write-tools'], { ...SERVER_ENV, ...env });
  try {
    await initialize(server);
    const { tools } = await server.request('tools/list');
    if (!tools?.length) throw new Error('tools/list returned no tools');
    return performance.now() - t0;
  } finally {
    server.close();
  }
}

/** Medians of `runs` starts of the server with `env` and of as many bare nodes, alternated. */
async function alternated(script: string, env: Record<string, string>, runs: number): Promise<{ node: number; server: number }> {
  const node: number[] = [];
  const server: number[] = [];
  await serverToToolsList(script, env); // fills the compile cache, or finds it
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      node.push(await bareNode());
      server.push(await serverToToolsList(script, env));
    } else {
      server.push(await serverToToolsList(script, env));
      node.push(await bareNode());
    }
  }
  return { node: median(node), server: median(server) };
}

export async function startupFigures(script: string, runs = 12): Promise<Figure[]> {
  await bareNode(); // first spawn pays for filesystem caches
  const cache = mkdtempSync(path.join(tmpdir(), 'pd-bench-compile-cache-'));
  try {
    const cached = await alternated(script, { [COMPILE_CACHE_DIR_ENV]: path.join(cache, 'cache') }, runs);
    // Node's own switch: the same start with the compile cache off, for what the cache saves.
    const cold = await alternated(script, { NODE_DISABLE_COMPILE_CACHE: '1' }, runs);
    const node = `Node ${execFileSync(serverNode(), ['-v'], { encoding: 'utf8' }).trim()}`;
    return [
      figure('startup.node', '`node -e 0` (median)', cached.node, 'ms', undefined, `${runs} runs, ${node}`),
      figure('startup.server', 'spawn → tools/list answered, compile cache on (median)', cached.server, 'ms', undefined, `${runs} runs, writes + all toolsets`),
      figure('startup.ratio', 'server start / bare node', cached.server / cached.node, '×', 1.2, node),
      figure('startup.nocache', 'spawn → tools/list answered, compile cache off (median)', cold.server, 'ms', undefined, `${(cold.server / cold.node).toFixed(2)}× bare node`),
    ];
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
