/**
 * Runs the built dist/mcp-server.js as a real stdio MCP server (the SDK's Client over stdio) against a fresh
 * simulator, so tool tests exercise exactly what VS Code and other MCP clients run.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ClientCapabilities, ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { assertNoViolations } from '../simulator/assert';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index';
import { stdioClient } from './protocolFamily';
import { serverNode } from './serverNode';

export const SERVER_JS = path.resolve(__dirname, '../../dist/mcp-server.js');

export interface McpOptions {
  writes?: boolean;
  /** PAGERDUTY_TOOLSETS value; default "all" so every tool can be called. */
  toolsets?: string;
  token?: 'user' | 'observer' | 'accountKey' | 'bad';
  env?: Record<string, string>;
  args?: string[];
  simulator?: SimulatorOptions;
  /** Reuse a running simulator instead of starting one. */
  sim?: Simulator;
  /**
   * Start the server with --structured-output so tests can read typed results (default true). The model-facing
   * default (text only) is covered by modelView.test.ts with this set to false.
   */
  structuredOutput?: boolean;
  /** Declare the elicitation capability and answer the server's questions with this (default: no capability). */
  elicit?: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;
  /** More client capabilities to declare (e.g. MCP Apps' extensions). */
  capabilities?: ClientCapabilities;
  /** Speak 2026-07-28 (true) or 2025-11-25 (false) whatever the run's family (test/support/protocolFamily.ts). */
  modern?: boolean;
}

export interface ToolResult {
  isError?: boolean;
  text: string;
  structured: any;
}

export interface McpSession {
  client: Client;
  sim: Simulator;
  stderr: () => string;
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** Calls a tool and fails the test with the tool's own text if it reported an error. */
  ok(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** Calls a tool and fails the test unless it reported an error; returns the error text. */
  fails(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** Successful calls are logged per tool so the run can prove every tool worked (scripts/report-validation.mjs). */
function recordSuccessfulCall(name: string) {
  const stats = process.env.PD_VALIDATION_STATS;
  if (!stats) return;
  // The MCP suite may run first, before anything made the stats folder.
  mkdirSync(path.dirname(stats), { recursive: true });
  appendFileSync(path.join(path.dirname(stats), 'tools-ok.txt'), `${name}\n`);
}

/** Totals across a test file, printed by the run so CI logs show how much traffic was spec-checked. */
export const validationTotals = { requests: 0, responses: 0 };

export async function startMcp(options: McpOptions = {}): Promise<McpSession> {
  assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npm run build" first`);
  const sim = options.sim ?? (await startSimulator(options.simulator));
  const token = options.token === 'bad' ? 'not-a-valid-token' : sim.tokens[options.token ?? 'user'];
  let stderr = '';
  const { client, transport } = stdioClient({
    command: serverNode(),
    args: [...SERVER_NODE_FLAGS, SERVER_JS, ...(options.writes ? ['--enable-write-tools'] : []), ...(options.structuredOutput === false ? [] : ['--structured-output']), ...(options.args ?? [])],
    env: {
      PATH: process.env.PATH ?? '',
      PAGERDUTY_USER_API_KEY: token,
      PAGERDUTY_API_HOST: sim.url,
      PAGERDUTY_TOOLSETS: options.toolsets ?? 'all',
      PAGERDUTY_DEADLINE_MS: '10000',
      ...options.env,
    },
    stderr: 'pipe',
  }, { name: 'pagerduty-tests', capabilities: options.capabilities, elicit: options.elicit, modern: options.modern });
  transport.stderr?.on('data', (chunk) => (stderr += chunk.toString()));
  await client.connect(transport);

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolResult> => {
    const result = (await client.callTool({ name, arguments: args })) as any;
    const text = (result.content ?? []).map((c: any) => c.text ?? '').join('\n');
    if (!result.isError) recordSuccessfulCall(name);
    return { isError: result.isError, text, structured: result.structuredContent };
  };
  return {
    client,
    sim,
    stderr: () => stderr,
    call,
    async ok(name, args) {
      const result = await call(name, args);
      assert.ok(!result.isError, `${name} failed: ${result.text}`);
      return result;
    },
    async fails(name, args) {
      const result = await call(name, args);
      assert.equal(result.isError, true, `${name} was expected to fail but returned: ${result.text.slice(0, 300)}`);
      return result.text;
    },
    async close() {
      await client.close();
      if (!options.sim) {
        validationTotals.requests += sim.validation.requests;
        validationTotals.responses += sim.validation.responses;
        try {
          assertNoViolations(sim);
        } finally {
          await sim.close();
        }
      }
    },
  };
}

/** A write-enabled session and an Observer-token session on the same simulator, for happy and 403 paths. */
export async function startWithObserver(): Promise<{ s: McpSession; observer: McpSession }> {
  const s = await startMcp({ writes: true });
  const observer = await startMcp({ writes: true, token: 'observer', sim: s.sim });
  return { s, observer };
}

/** Closes sessions that share a simulator, the one that owns it last (it checks the spec violations). */
export async function closeSessions(...sessions: McpSession[]): Promise<void> {
  for (const session of sessions) await session.close();
}

/** The pid of the session's server process (the stdio transport spawned it). */
export function serverPid(session: McpSession): number | undefined {
  return (session.client.transport as { pid?: number | null } | undefined)?.pid ?? undefined;
}

/** Whether the session's server process still runs (signal 0 only checks). */
export function isServerAlive(session: McpSession): boolean {
  const pid = serverPid(session);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
