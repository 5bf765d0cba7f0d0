/**
 * `--http` under load, on loopback: 3 server processes, 100 concurrent MCP sessions (the SDK's Streamable HTTP
 * client) spread over them, each with its own token, 5 000 tool calls. Then one process is killed in the middle of
 * further calls: the clients of the other two must not notice, those of the killed one must fail at once and clearly.
 *
 * Cross-talk is checked per PagerDuty request: every list_incidents call carries its session's own `since` (a
 * marker), so each /incidents request the simulator records names the session it was made for, and must carry that
 * session's token; every get_user_data answer must name the session's own user.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SERVER_NODE_FLAGS } from '../../src/config/serverLaunch';
import { connectHttp, resultText, startHttpServer, type HttpServerProcess } from '../../test/support/httpHarness';
import { figure, type Figure } from './figure';
import { rssBytes } from './rpc';

const PROCESSES = 3;
const SESSIONS = 100;
const CALLS = Number(process.env.HTTP_BENCH_CALLS ?? 5_000);
const FAULT_CALLS = 600;
const MB = 1024 * 1024;

interface Session {
  index: number;
  server: number;
  label: string;
  email: string;
  since: string;
  client: Client;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Why a call failed, in a few words (the transport's cause, e.g. ECONNREFUSED, rather than "fetch failed"). */
function reason(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ').slice(0, 120);
}

interface RecordedCall {
  path: string;
  query: string;
  tokenLabel?: string;
}

/** scripts/bench/simProcess.ts as a child: its first line describes it, each later line answers `requests()`. */
async function startSimProcess(count: number) {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'simProcess.ts'), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const info = JSON.parse(await next()) as { url: string; sessions: { label: string; token: string; email: string }[] };
  return {
    ...info,
    async requests(): Promise<RecordedCall[]> {
      const answer = next();
      proc.stdin.write('requests\n');
      return JSON.parse(await answer);
    },
    close: () => new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.stdin.end();
    }),
  };
}

export async function httpLoadFigures(): Promise<Figure[]> {
  const sim = await startSimProcess(SESSIONS);
  const servers: HttpServerProcess[] = [];
  const sessions: Session[] = [];
  try {
    for (let i = 0; i < PROCESSES; i++) servers.push(await startHttpServer(['--max-concurrent', String(SESSIONS)], { PAGERDUTY_API_HOST: sim.url, PAGERDUTY_DEADLINE_MS: '30000' }));
    const base = Date.now() - 20 * 86_400_000;
    const until = new Date().toISOString();
    for (let i = 0; i < SESSIONS; i++) {
      const { label, token, email } = sim.sessions[i];
      const server = i % PROCESSES;
      const client = await connectHttp(servers[server].url, i % 2 ? `Token ${token}` : `Token token=${token}`);
      sessions.push({ index: i, server, label, email, since: new Date(base + i * 1000).toISOString(), client });
    }
    const sessionOf = (since: string | null) => (since ? sessions[Math.round((Date.parse(since) - base) / 1000)] : undefined);

    let wrongUser = 0;
    let userAnswers = 0;
    const oneCall = async (s: Session, n: number): Promise<number> => {
      const t0 = performance.now();
      if (n % 2) {
        const r = await s.client.callTool({ name: 'get_user_data', arguments: {} });
        if (r.isError) throw new Error(resultText(r).slice(0, 200));
        userAnswers++;
        if (!resultText(r).includes(s.email)) wrongUser++;
      } else {
        const r = await s.client.callTool({ name: 'list_incidents', arguments: { since: s.since, until, limit: 5 } });
        if (r.isError) throw new Error(resultText(r).slice(0, 200));
      }
      return performance.now() - t0;
    };

    // One call per session first, not measured: 100 cold calls at once on fresh processes are not the steady state.
    await Promise.all(sessions.map((s) => oneCall(s, s.index)));
    // Steady load: every session calls in turn until CALLS are done.
    const latencies: number[] = [];
    const errors: string[] = [];
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        for (let n = s.index; issued < CALLS; n++) {
          issued++;
          try {
            latencies.push(await oneCall(s, n));
          } catch (error) {
            errors.push(reason(error));
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const incidentsRequests = (await sim.requests()).filter((r) => r.path === '/incidents');
    const answersChecked = userAnswers;
    const wrongAnswers = wrongUser;
    const wrongToken = incidentsRequests.filter((r) => sessionOf(new URLSearchParams(r.query).get('since'))?.label !== r.tokenLabel).length;
    const rss = await Promise.all(servers.map((s) => rssBytes(s.proc.pid!)));

    // Faults: kill one process a third of the way into further calls.
    const victim = PROCESSES - 1;
    const faultErrors = { survivors: [] as string[], killed: [] as string[] };
    const failedAfterMs: number[] = [];
    let done = 0;
    let killedAt = 0;
    issued = 0;
    await Promise.all(
      sessions.map(async (s) => {
        for (let n = s.index; issued < FAULT_CALLS; n++) {
          issued++;
          const t0 = performance.now();
          try {
            await oneCall(s, n);
          } catch (error) {
            (s.server === victim ? faultErrors.killed : faultErrors.survivors).push(reason(error));
            if (s.server === victim) {
              failedAfterMs.push(performance.now() - t0);
              return; // its server is gone: this client stops, as a user's would
            }
          }
          if (++done === Math.floor(FAULT_CALLS / 3)) {
            killedAt = done;
            servers[victim].proc.kill('SIGKILL');
          }
        }
      }),
    );
    const killedSessions = sessions.filter((s) => s.server === victim).length;
    const sorted = [...latencies].sort((a, b) => a - b);
    const common = `${SESSIONS} sessions over ${PROCESSES} processes, ${CALLS} calls, ${(CALLS / seconds).toFixed(0)} calls/s`;
    return [
      figure('http.p50', 'HTTP tool call latency, p50', percentile(sorted, 50), 'ms', undefined, `${common} (after one unmeasured call per session)`),
      figure('http.p99', 'HTTP tool call latency, p99', percentile(sorted, 99), 'ms', undefined, `max ${Math.round(sorted.at(-1) ?? 0)} ms`),
      figure('http.errors', 'HTTP calls failed', errors.length, 'calls', 0, errors[0]),
      figure(
        'http.crosstalk',
        'HTTP cross-talk (a request or answer of another session)',
        wrongToken + wrongAnswers,
        'calls',
        0,
        `${incidentsRequests.length} /incidents requests checked against their session's token, ${answersChecked} get_user_data answers against its user`,
      ),
      figure('http.rss', 'HTTP server RSS after the load, largest process', Math.max(...rss) / MB, 'MB', undefined, `per process: ${rss.map((b) => (b / MB).toFixed(0)).join(', ')} MB (${SERVER_NODE_FLAGS.join(' ')})`),
      figure(
        'http.kill.survivors',
        'HTTP: calls failed on the surviving processes while one was killed',
        faultErrors.survivors.length,
        'calls',
        0,
        `killed 1 of ${PROCESSES} after ${killedAt} of ${FAULT_CALLS} calls; its ${killedSessions} sessions: ${faultErrors.killed.length} failed ` +
          `(within ${Math.round(Math.max(0, ...failedAfterMs))} ms, e.g. "${faultErrors.killed[0] ?? 'none'}")`,
      ),
    ];
  } finally {
    await Promise.all(sessions.map((s) => s.client.close().catch(() => {})));
    await Promise.all(servers.map((s) => s.close()));
    await sim.close();
  }
}

if (require.main === module) {
  httpLoadFigures().then(
    (figures) => {
      for (const f of figures) console.log(`${f.label}: ${f.value} ${f.unit}${f.target !== undefined ? ` (target ≤ ${f.target}: ${f.pass ? 'ok' : 'MISS'})` : ''}  ${f.detail ?? ''}`);
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
