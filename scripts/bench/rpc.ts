import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { serverNode } from '../../test/support/serverNode';
/** Minimal newline-delimited JSON-RPC over a spawned server's stdio: no SDK in the measured path. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface RawServer {
  proc: ChildProcessWithoutNullStreams;
  request(method: string, params?: unknown): Promise<any>;
  notify(method: string, params?: unknown): void;
  close(): void;
}

export function spawnServer(script: string, args: string[], env: Record<string, string>): RawServer {
  const proc = spawn(serverNode(), [...SERVER_NODE_FLAGS, script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let buffer = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line);
      const w = waiting.get(msg.id);
      if (!w) continue;
      waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result);
    }
  });
  proc.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`server exited (${code})`));
    waiting.clear();
  });
  const send = (msg: object) => proc.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
  return {
    proc,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ id, method, params });
      });
    },
    notify(method, params) {
      send({ method, params });
    },
    close() {
      proc.stdin.end();
      proc.kill();
    },
  };
}

export async function initialize(server: RawServer): Promise<void> {
  await server.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } });
  server.notify('notifications/initialized');
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export async function rssBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}
