/**
 * Drives every published tool of the built stdio server (writes on, all toolsets) with generated hostile input
 * through the SDK Client, against a fresh simulator, and classifies each answer. Ground truth for "invalid" is the
 * tool's own published inputSchema (checked with ajv): such input must come back as a tool error naming the argument.
 */
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isServerAlive, startMcp, type McpSession } from '../support/mcpHarness';
import { startSimulator, type Simulator } from '../simulator/index';
import { Prng } from '../simulator/seed/prng';
import { CaseGenerator, type FuzzCase, type IdPool, type Schema } from './generate';

export const OUTCOMES = [
  'ok',
  'rejected_invalid',
  'rejected_stricter',
  'tool_rule',
  'pagerduty_4xx',
  'other_error',
  // Failures: any of these fails the run.
  'unnamed_error',
  'accepted_invalid',
  'unexpected_exception',
  'protocol_error',
  'hang',
  'crash',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FAILURES: ReadonlySet<Outcome> = new Set(['unnamed_error', 'accepted_invalid', 'unexpected_exception', 'protocol_error', 'hang', 'crash']);

export interface FuzzOptions {
  calls: number;
  seed: number;
  /** Bound for one call, client side; a call past it counts as a hang. */
  callTimeoutMs?: number;
  /** Per-request deadline given to the server (PAGERDUTY_DEADLINE_MS). */
  serverDeadlineMs?: number;
  progress?: (done: number) => void;
}

export interface Example {
  outcome: Outcome;
  tool: string;
  mutation: string;
  target?: string;
  args: string;
  answer: string;
}

export interface FuzzReport {
  seed: number;
  tools: number;
  calls: number;
  outcomes: Record<Outcome, number>;
  byMutation: Record<string, Partial<Record<Outcome, number>>>;
  failures: Example[];
  /** OpenAPI violations the simulator recorded: requests = the client sent something off-spec. */
  violations: { request: number; response: number; examples: string[] };
  restarts: number;
  latencyMs: { p50: number; p99: number; max: number };
  durationMs: number;
  serverAlive: boolean;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const sim = await startSimulator({ seed: options.seed, incidents: 120 });
  const env = { PAGERDUTY_DEADLINE_MS: String(options.serverDeadlineMs ?? 10_000) };
  let session = await startMcp({ sim, writes: true, toolsets: 'all', env });
  let restarts = 0;
  try {
    // listTools also arms the SDK client's check of structuredContent against each tool's outputSchema.
    const tools = [...(await session.client.listTools()).tools].sort((a, b) => a.name.localeCompare(b.name));
    const validators = new Map<string, ValidateFunction>(tools.map((t) => [t.name, ajv.compile(t.inputSchema)]));
    const generator = new CaseGenerator(new Prng(options.seed), idPool(sim), new Date());

    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    const byMutation: FuzzReport['byMutation'] = {};
    const failures: Example[] = [];
    const latencies: number[] = [];

    for (let i = 0; i < options.calls; i++) {
      const tool = tools[i % tools.length];
      const c = generator.next(tool.name, tool.inputSchema as Schema);
      const validate = validators.get(tool.name)!;
      const invalid = !validate(c.args);
      const offending = invalid ? offendingArguments(validate.errors ?? []) : [];

      const t0 = performance.now();
      const { outcome, answer } = await callOnce(session, c, invalid, offending, callTimeoutMs);
      latencies.push(performance.now() - t0);

      outcomes[outcome] += 1;
      (byMutation[c.mutation] ??= {})[outcome] = (byMutation[c.mutation]![outcome] ?? 0) + 1;
      if (FAILURES.has(outcome) && failures.length < 50) failures.push(example(outcome, c, answer));
      if (outcome === 'crash' || outcome === 'hang') {
        // Keep fuzzing on a fresh server so one failure does not hide the rest.
        await session.client.close().catch(() => {});
        session = await startMcp({ sim, writes: true, toolsets: 'all', env });
        await session.client.listTools();
        restarts += 1;
      }
      options.progress?.(i + 1);
    }

    const serverAlive = isServerAlive(session);
    const sorted = latencies.sort((a, b) => a - b);
    const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
    const violations = sim.validation.violations;
    return {
      seed: options.seed,
      tools: tools.length,
      calls: options.calls,
      outcomes,
      byMutation,
      failures,
      violations: {
        request: violations.filter((v) => v.direction === 'request').length,
        response: violations.filter((v) => v.direction === 'response').length,
        examples: [...new Set(violations.map((v) => `${v.direction} ${v.method} ${v.path}: ${v.message} ${JSON.stringify(v.details).slice(0, 200)}`))].slice(0, 15),
      },
      restarts,
      latencyMs: { p50: q(0.5), p99: q(0.99), max: Math.round(sorted[sorted.length - 1] ?? 0) },
      durationMs: Math.round(performance.now() - started),
      serverAlive,
    };
  } finally {
    await session.client.close().catch(() => {});
    await sim.close();
  }
}

async function callOnce(
  session: McpSession,
  c: FuzzCase,
  invalid: boolean,
  offending: string[],
  timeoutMs: number,
): Promise<{ outcome: Outcome; answer: string }> {
  let result: any;
  try {
    result = await session.client.callTool({ name: c.tool, arguments: c.args }, undefined, { timeout: timeoutMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isServerAlive(session)) return { outcome: 'crash', answer: `${message}\n${session.stderr().slice(-2000)}` };
    if (error instanceof McpError && error.code === -32001) return { outcome: 'hang', answer: message };
    return { outcome: 'protocol_error', answer: message };
  }
  if (!isServerAlive(session)) return { outcome: 'crash', answer: session.stderr().slice(-2000) };
  const text: string = (result.content ?? []).map((part: any) => part.text ?? '').join('\n');
  if (!result.isError) return { outcome: invalid ? 'accepted_invalid' : 'ok', answer: text };

  const kind = result._meta?.['pagerduty/errorKind'];
  const status = result._meta?.['pagerduty/status'];
  if (/failed unexpectedly/.test(text)) return { outcome: 'unexpected_exception', answer: text };
  if (invalid) {
    // The answer must name one of the arguments the published schema says are wrong.
    const named = offending.some((name) => text.includes(`"${name.slice(0, 40)}`));
    return { outcome: named ? 'rejected_invalid' : 'unnamed_error', answer: text };
  }
  if (kind === 'invalid_arguments') {
    // Stricter than the published schema (patterns, lengths, placeholder ids): still must name the argument.
    return { outcome: /argument "[^"]+"|unknown arguments? "/.test(text) ? 'rejected_stricter' : 'unnamed_error', answer: text };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return { outcome: 'pagerduty_4xx', answer: text };
  if (kind === 'invalid_request' || kind === 'conflict' || kind === 'configuration') return { outcome: 'tool_rule', answer: text };
  return { outcome: 'other_error', answer: text };
}

/** Top-level argument names the schema errors point at: the missing, the unknown, or the one at the path's head. */
export function offendingArguments(errors: ErrorObject[]): string[] {
  const names = new Set<string>();
  for (const e of errors) {
    const head = e.instancePath.split('/')[1];
    if (head) names.add(head.replace(/~1/g, '/').replace(/~0/g, '~'));
    else if (e.keyword === 'required') names.add(String(e.params.missingProperty));
    else if (e.keyword === 'additionalProperties') names.add(String(e.params.additionalProperty));
  }
  return [...names];
}

function idPool(sim: Simulator): IdPool {
  const s = sim.state;
  const ids = (m: Map<string, unknown>) => [...m.keys()].slice(0, 20);
  return {
    incident: ids(s.incidents),
    service: ids(s.services),
    team: ids(s.teams),
    user: ids(s.users),
    schedule: ids(s.schedules),
    'escalation policy': ids(s.escalationPolicies),
    priority: ids(s.priorities),
  };
}


function example(outcome: Outcome, c: FuzzCase, answer: string): Example {
  const args = JSON.stringify(c.args, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 60)}…(${v.length} chars)` : Array.isArray(v) && v.length > 5 ? [...v.slice(0, 3), `…(${v.length} items)`] : v));
  return { outcome, tool: c.tool, mutation: c.mutation, target: c.target, args: args.slice(0, 400), answer: answer.slice(0, 400) };
}
