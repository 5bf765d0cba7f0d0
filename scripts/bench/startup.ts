/** Spawn → tools/list answered, against a bare `node -e 0`, alternated so both see the same machine load. */
import { spawn } from 'node:child_process';
import { figure, median, type Figure } from './figure';
import { initialize, spawnServer } from './rpc';

const SERVER_ENV = { PAGERDUTY_USER_API_KEY: 'bench-token-not-used', PAGERDUTY_TOOLSETS: 'all', PAGERDUTY_API_HOST: 'http://127.0.0.1:9' };

function bareNode(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', () => resolve(performance.now() - t0));
  });
}

async function serverToToolsList(script: string): Promise<number> {
  const t0 = performance.now();
  const server = spawnServer(script, ['--enable-write-tools'], SERVER_ENV);
  try {
    await initialize(server);
    const { tools } = await server.request('tools/list');
    if (!tools?.length) throw new Error('tools/list returned no tools');
    return performance.now() - t0;
  } finally {
    server.close();
  }
}

export async function startupFigures(script: string, runs = 12): Promise<Figure[]> {
  const node: number[] = [];
  const server: number[] = [];
  await bareNode(); // first spawn pays for filesystem caches
  await serverToToolsList(script);
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      node.push(await bareNode());
      server.push(await serverToToolsList(script));
    } else {
      server.push(await serverToToolsList(script));
      node.push(await bareNode());
    }
  }
  const n = median(node);
  const s = median(server);
  return [
    figure('startup.node', '`node -e 0` (median)', n, 'ms', undefined, `${runs} runs`),
    figure('startup.server', 'spawn → tools/list answered (median)', s, 'ms', undefined, `${runs} runs, writes + all toolsets`),
    figure('startup.ratio', 'server start / bare node', s / n, '×', 1.6),
  ];
}
