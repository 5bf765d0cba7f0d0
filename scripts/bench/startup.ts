/**
 * Spawn → tools/list answered with Node's compile cache (src/mcp/compileCache.ts, in a folder of the bench's own) and
 * without, against a bare `node -e 0` of the same Node (22: serverNode).
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

export async function startupFigures(script: string, runs = 15): Promise<Figure[]> {
  const cache = mkdtempSync(path.join(tmpdir(), 'pd-bench-compile-cache-'));
  try {
    const starts: Record<'node' | 'cached' | 'cold', () => Promise<number>> = {
      node: bareNode,
      cached: () => serverToToolsList(script, { [COMPILE_CACHE_DIR_ENV]: path.join(cache, 'cache') }),
      // Node's own switch: the same start with the compile cache off, for what the cache saves.
      cold: () => serverToToolsList(script, { NODE_DISABLE_COMPILE_CACHE: '1' }),
    };
    const kinds = Object.keys(starts) as (keyof typeof starts)[];
    const times = { node: [] as number[], cached: [] as number[], cold: [] as number[] };
    // The first of each pays for filesystem caches; the first cached start fills the compile cache.
    for (const kind of kinds) await starts[kind]();
    // Interleaved, in a rotating order, so that all three see the same machine load.
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length];
        times[kind].push(await starts[kind]());
      }
    }
    const [node, cached, cold] = [median(times.node), median(times.cached), median(times.cold)];
    const version = `Node ${execFileSync(serverNode(), ['-v'], { encoding: 'utf8' }).trim()}`;
    return [
      figure('startup.node', '`node -e 0` (median)', node, 'ms', undefined, `${runs} runs, ${version}`),
      figure('startup.server', 'spawn → tools/list answered, compile cache on (median)', cached, 'ms', undefined, `${runs} runs, writes + all toolsets`),
      figure('startup.ratio', 'server start / bare node', cached / node, '×', 1.2, version),
      figure('startup.nocache', 'spawn → tools/list answered, compile cache off (median)', cold, 'ms', undefined, `${(cold / node).toFixed(2)}× bare node`),
    ];
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
