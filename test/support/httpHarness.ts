/**
 * Runs the built dist/mcp-server.js with --http on a free port, and connects the SDK's Streamable HTTP client to it
 * with a given Authorization header: what a remote MCP client (VS Code's mcp.json `type: http`, Azure SRE Agent) does.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { SERVER_JS } from './mcpHarness';
import { httpClient } from './protocolFamily';
import { serverNode } from './serverNode';

export interface HttpServerProcess {
  proc: ChildProcessWithoutNullStreams;
  /** http://127.0.0.1:<port>/mcp */
  url: string;
  origin: string;
  stderr: () => string;
  exit: Promise<number | null>;
  close(): Promise<void>;
}

/** Starts the server; resolves once it prints the URL it listens on, rejects if it exits first. */
export async function startHttpServer(args: string[] = [], env: Record<string, string> = {}): Promise<HttpServerProcess> {
  assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npm run build" first`);
  const proc = spawn(serverNode(), [...SERVER_NODE_FLAGS, SERVER_JS, '--http', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', PAGERDUTY_DEADLINE_MS: '10000', ...env },
  });
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within 10 s; stderr: ${stderr}`)), 10_000);
    let listening = false;
    proc.stderr.on('data', (chunk) => {
      stderr += chunk;
      const found = listening ? undefined : /listening on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
      if (found) {
        listening = true;
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening; stderr: ${stderr}`));
    });
  });
  return {
    proc,
    url,
    origin: new URL(url).origin,
    stderr: () => stderr,
    exit,
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exit;
      }
    },
  };
}

/** The SDK's client (of the run's protocol family) over Streamable HTTP, sending `authorization` on every request. */
export async function connectHttp(url: string, authorization: string, capabilities: Record<string, unknown> = {}, options: { modern?: boolean } = {}): Promise<Client> {
  return httpClient(url, { Authorization: authorization }, { name: 'pagerduty-http-tests', capabilities, ...options });
}

/** The text of a tools/call result. */
export function resultText(result: unknown): string {
  return ((result as { content?: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');
}

/** One JSON-RPC POST without the SDK, as a load balancer may route it: any replica, no session. */
export async function rpc(url: string, authorization: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
}
