/**
 * What the SDK's v2 line and 2026-07-28 cost the server: CPU per tool call of the server process alone (from
 * /proc/<pid>/stat, so neither the simulator nor the client counts), for a 2025-11-25 connection and for 2026-07-28
 * requests; a 2026-07-28 start (spawn → server/discover and tools/list answered); and the multi round-trip path over
 * HTTP with two replicas (the question from one, the answer to the other). With BENCH_BASELINE naming another build's
 * dist/mcp-server.js (e.g. main's), the 2025 CPU figure is measured on it too and printed beside.
 */
import { readFileSync } from 'node:fs';
import { startSimulator, type Simulator } from '../../test/simulator/index';
import { rpc, startHttpServer } from '../../test/support/httpHarness';
import { figure, median, type Figure } from './figure';
import { initialize, spawnServer, type RawServer } from './rpc';

const MODERN = '2026-07-28';
const META = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } } };
const CALLS = Number(process.env.CPU_BENCH_CALLS ?? 400);
/** Linux clock ticks per second for /proc/<pid>/stat's utime and stime (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** User + system CPU of a process so far, in ms. */
function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function cpuPerCall(script: string, sim: Simulator, modern: boolean): Promise<number> {
  const server: RawServer = spawnServer(script, [], { PAGERDUTY_USER_API_KEY: sim.tokens.user, PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' });
  try {
    const meta = modern ? { _meta: META } : {};
    if (!modern) await initialize(server);
    const ids = [...sim.state.incidents.values()].map((i) => i.id);
    const call = (i: number) => server.request('tools/call', { ...meta, name: 'get_incident', arguments: { incident_id: ids[i % ids.length] } });
    // Warm: the first calls compile what the measured ones run.
    for (let i = 0; i < 50; i++) await call(i);
    const before = cpuMs(server.proc.pid!);
    for (let i = 0; i < CALLS; i++) {
      const result = await call(i);
      if (result.isError) throw new Error(`get_incident failed: ${JSON.stringify(result).slice(0, 200)}`);
    }
    return (cpuMs(server.proc.pid!) - before) / CALLS;
  } finally {
    server.close();
  }
}

async function modernStart(script: string, runs = 9): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const server = spawnServer(script, ['--enable-write-tools'], { PAGERDUTY_USER_API_KEY: 'bench-token-not-used', PAGERDUTY_TOOLSETS: 'all', PAGERDUTY_API_HOST: 'http://127.0.0.1:9' });
    try {
      await server.request('server/discover', { _meta: META });
      const { tools } = await server.request('tools/list', { _meta: META });
      if (!tools?.length) throw new Error('tools/list returned no tools');
      if (i > 0) times.push(performance.now() - t0); // the first pays for filesystem caches
    } finally {
      server.close();
    }
  }
  return median(times);
}

/** Full multi round-trip questions over HTTP: the question from replica A, the answer (decline) to replica B. */
async function mrtrRounds(sim: Simulator, rounds = 60): Promise<{ p50: number; p95: number }> {
  const env = { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_TOOLSETS: 'all' };
  const [a, b] = await Promise.all([startHttpServer(['--enable-write-tools'], env), startHttpServer(['--enable-write-tools'], env)]);
  const schedule = [...sim.state.schedules.values()][0];
  const headers = { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': 'create_schedule_override' };
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const start = new Date(Date.now() + (i + 1) * 86_400_000);
      const args = { schedule_id: schedule.id, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
      const params = { _meta: META, name: 'create_schedule_override', arguments: args };
      const t0 = performance.now();
      const first = (await (await rpc(a.url, `Token ${sim.tokens.user}`, { jsonrpc: '2.0', id: 1, method: 'tools/call', params }, headers)).json()) as any;
      const key = Object.keys(first.result.inputRequests)[0];
      const retry = { ...params, inputResponses: { [key]: { action: 'decline' } }, requestState: first.result.requestState };
      const done = (await (await rpc(b.url, `Token ${sim.tokens.user}`, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: retry }, headers)).json()) as any;
      if (!/Nothing changed/.test(done.result?.content?.[0]?.text ?? '')) throw new Error(`unexpected retry answer: ${JSON.stringify(done).slice(0, 200)}`);
      times.push(performance.now() - t0);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  const sorted = times.sort((x, y) => x - y);
  return { p50: median(sorted), p95: sorted[Math.floor(0.95 * (sorted.length - 1))] };
}

export async function protocolCostFigures(script: string): Promise<Figure[]> {
  const sim = await startSimulator({ validate: false, incidents: 30 });
  try {
    const baseline = process.env.BENCH_BASELINE;
    const legacy = await cpuPerCall(script, sim, false);
    const before = baseline ? await cpuPerCall(baseline, sim, false) : undefined;
    const modern = await cpuPerCall(script, sim, true);
    const start = await modernStart(script);
    const mrtr = await mrtrRounds(sim);
    const beside = before === undefined ? 'set BENCH_BASELINE=<other build>/dist/mcp-server.js to measure it beside' : `before (BENCH_BASELINE): ${before.toFixed(2)} ms`;
    return [
      figure('cpu.call2025', 'server CPU per get_incident call, 2025-11-25 (stdio)', legacy, 'ms', undefined, `${CALLS} calls; ${beside}`),
      figure('cpu.call2026', 'server CPU per get_incident call, 2026-07-28 (stdio)', modern, 'ms', undefined, `${CALLS} calls`),
      figure('startup.modern', 'spawn → server/discover + tools/list answered, 2026-07-28 (median)', start, 'ms', undefined, '9 runs, writes + all toolsets'),
      figure('http.mrtr', 'multi round-trip question over HTTP, ask on one replica, answer on another (p50)', mrtr.p50, 'ms', undefined, `p95 ${mrtr.p95.toFixed(0)} ms; 60 sequential rounds`),
    ];
  } finally {
    await sim.close();
  }
}
