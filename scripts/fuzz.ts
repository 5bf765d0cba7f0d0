/**
 * npm run fuzz [-- --calls N --seed S]: hostile input for every tool of the built MCP server (see test/fuzz/run.ts).
 * Exits 1 on any crash, hang, unnamed argument error, accepted invalid input, unexpected exception or protocol error.
 */
import { existsSync } from 'node:fs';
import { SERVER_JS } from '../test/support/mcpHarness';
import { FAILURES, OUTCOMES, runFuzz, type FuzzReport } from '../test/fuzz/run';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

export function printReport(r: FuzzReport): void {
  const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(34)} ${String(value).padStart(8)}`);
  console.log(`\nFuzz: ${r.calls} calls over ${r.tools} tools, seed ${r.seed}, ${(r.durationMs / 1000).toFixed(1)} s`);
  for (const o of OUTCOMES) line(`${FAILURES.has(o) ? '!' : ' '} ${o}`, r.outcomes[o]);
  line('crashes (server exited)', r.outcomes.crash);
  line('hangs (no answer within bound)', r.outcomes.hang);
  line('errors not naming the argument', r.outcomes.unnamed_error);
  line('server restarts', r.restarts);
  line('server alive at end', r.serverAlive ? 'yes' : 'NO');
  line('latency p50 / p99 / max (ms)', `${r.latencyMs.p50} / ${r.latencyMs.p99} / ${r.latencyMs.max}`);
  line('OpenAPI violations request/response', `${r.violations.request} / ${r.violations.response}`);

  console.log('\n  by mutation:');
  for (const [mutation, counts] of Object.entries(r.byMutation).sort()) {
    const parts = Object.entries(counts).map(([o, n]) => `${o} ${n}`);
    console.log(`    ${mutation.padEnd(18)} ${parts.join(', ')}`);
  }
  if (r.failures.length) {
    console.log('\n  failures (first examples):');
    for (const f of r.failures.slice(0, 20)) {
      console.log(`    [${f.outcome}] ${f.tool} ${f.mutation}${f.target ? ` (${f.target.slice(0, 30)})` : ''}\n      args:   ${f.args}\n      answer: ${f.answer.replace(/\n/g, ' ⏎ ')}`);
    }
  }
  if (r.violations.examples.length) {
    console.log('\n  OpenAPI violations (distinct):');
    for (const v of r.violations.examples) console.log(`    ${v}`);
  }
}

export function failed(r: FuzzReport): boolean {
  return !r.serverAlive || [...FAILURES].some((o) => r.outcomes[o] > 0) || r.violations.request > 0;
}

async function main() {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" first`);
  const calls = arg('calls', 10_000);
  const seed = arg('seed', 1);
  const report = await runFuzz({
    calls,
    seed,
    progress: (done) => {
      if (done % 1000 === 0) process.stderr.write(`  ${done}/${calls}\n`);
    },
  });
  printReport(report);
  const bad = failed(report);
  console.log(bad ? '\nFAIL' : '\nPASS');
  process.exitCode = bad ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
