/**
 * Sidebar figures, measured without a VS Code window:
 * - idle polling: the real PollScheduler + IncidentsStore + OncallStore, wired as src/views/index.ts wires them, on a
 *   fake clock, against the simulator through the in-process Toolbox and a PagerDutyClient;
 * - first paint with 10 000 open incidents: the real IncidentsStore + IncidentsTreeProvider (vscode faked);
 * - activate(): the built dist/extension.js with a fake `vscode` module and a fetch spy.
 */
import path from 'node:path';
import { createToolbox } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';
import { PagerDutyClient } from '../../src/pagerduty/client';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import { OncallStore } from '../../src/views/stores/oncallStore';
import { PollScheduler, type PollOutcome } from '../../src/views/stores/scheduler';
import { pollStores } from '../../src/views/stores/polled';
import { pagerDutyApi, type PagerDutyApi } from '../../src/model/pagerdutyApi';
import { startSimulator, type Simulator } from '../../test/simulator/index';
import { createFakeVscode, fakeContext, fakeVscodeRecord, installFakeVscode } from '../../test/support/fakeVscode';
import { figure, median, type Figure } from './figure';
import { FakeClock } from '../../test/support/fakeClock';

const ROOT = path.resolve(__dirname, '../..');
const MINUTES = 30;


function apiFor(sim: Simulator, now: () => number): PagerDutyApi {
  const client = new PagerDutyClient({ token: sim.tokens.user, baseUrl: sim.url });
  // As src/session.ts creates it: all toolsets, writes on.
  const toolbox = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS], structuredOutput: true });
  return pagerDutyApi((name, args) => toolbox.call(name, args, { client, now: () => new Date(now()) }));
}

/** Requests/min over MINUTES simulated minutes after the first load, both views visible, nothing changing. */
async function idleRate(focused: boolean): Promise<{ perMin: number; byPath: string; polls: number }> {
  const sim = await startSimulator({ incidents: 60 });
  try {
    const clock = new FakeClock(Date.now());
    const api = apiFor(sim, () => clock.now());
    const incidents = new IncidentsStore(api, 'assigned');
    const oncall = new OncallStore(api, () => incidents.me, () => clock.now());
    let polls = 0;
    let inFlight: Promise<PollOutcome> | undefined;
    // The poll of src/views/index.ts with both views visible.
    const poll = (): Promise<PollOutcome> => {
      polls++;
      inFlight = pollOnce().finally(() => (inFlight = undefined));
      return inFlight;
    };
    const visible = () => true;
    const pollOnce = () => pollStores([{ store: incidents, visible }, { store: oncall, visible }]);
    const scheduler = new PollScheduler(clock, poll, { signedIn: false, viewVisible: true, focused, notificationsEnabled: true, intervalSeconds: 60 });
    scheduler.update({ signedIn: true });
    await scheduler.pollNow(); // the first load (user, incidents, on-call) is not idle polling
    if (!incidents.loaded || incidents.error || !oncall.loaded) throw new Error(`sidebar first load failed: ${incidents.error?.message ?? oncall.error?.message ?? 'not loaded'}`);
    sim.requests.length = 0;
    polls = 0;
    const tick = () => new Promise((r) => setImmediate(r));
    const settle = async () => {
      await tick();
      while (inFlight) await inFlight.catch(() => undefined);
      await tick(); // the scheduler plans the next timer after the poll settles
    };
    await clock.advance(MINUTES * 60_000, settle);
    scheduler.dispose();
    const counts = new Map<string, number>();
    for (const r of sim.requests) counts.set(`${r.method} ${r.path}`, (counts.get(`${r.method} ${r.path}`) ?? 0) + 1);
    const byPath = [...counts].map(([p, n]) => `${n} ${p}`).join(', ');
    return { perMin: sim.requests.length / MINUTES, byPath, polls };
  } finally {
    await sim.close();
  }
}

/** Requests per minute the sidebar makes while idle (polling). */
export async function idlePollingFigure(): Promise<Figure> {
  const focused = await idleRate(true);
  const unfocused = await idleRate(false);
  return figure(
    'sidebar.idle_requests_per_min',
    'sidebar idle polling, focused (worst case)',
    focused.perMin,
    'requests/min',
    4,
    `${MINUTES} simulated min, both views visible, 60 s interval; focused: ${focused.polls} polls (${focused.byPath}); ` +
      `unfocused: ${unfocused.perMin.toFixed(2)}/min, ${unfocused.polls} polls (${unfocused.byPath}). Real scheduler + stores on a fake clock, simulator over HTTP`,
  );
}

/** First paint of the incidents view with 10 000 incidents: one request, ≤ 300 ms. */
export async function firstPaintFigure(runs = 5): Promise<Figure> {
  const sim = await startSimulator({ incidents: 10_000 });
  const restore = installFakeVscode(createFakeVscode(fakeVscodeRecord(), { focused: true }));
  try {
    // The seed resolves ~60 % of incidents; open all of them and assign them to me, so the default scope
    // ("Assigned to me", open only) matches all 10 000.
    let reopened = 0;
    for (const i of sim.state.incidents.values()) {
      if (i.status === 'resolved') {
        reopened++;
        i.status = 'triggered';
        i.resolved_at = null;
        i.last_status_change_at = i.created_at;
      }
      i.assignments = [{ userId: sim.me.id, at: i.created_at }];
    }
    const open = [...sim.state.incidents.values()].filter((i) => i.status !== 'resolved').length;
    if (open < 10_000) throw new Error(`only ${open} open incidents in the simulator, expected 10 000`);
    // Loaded after the fake vscode is in place: the tree provider imports vscode.
    const { IncidentsTreeProvider } = require('../../src/views/incidentsTreeProvider') as typeof import('../../src/views/incidentsTreeProvider');

    const paint = async () => {
      const api = apiFor(sim, Date.now); // a fresh client: nothing cached, as right after sign-in
      const store = new IncidentsStore(api, 'assigned');
      const tree = new IncidentsTreeProvider(store, () => true);
      sim.requests.length = 0;
      const t0 = performance.now();
      await store.poll({ viewVisible: true });
      // What VS Code asks when it paints: the roots, the expanded groups' children and their items.
      const roots = tree.getChildren();
      let rows = 0;
      for (const root of roots) {
        tree.getTreeItem(root);
        for (const child of tree.getChildren(root)) {
          tree.getTreeItem(child);
          rows++;
        }
      }
      const ms = performance.now() - t0;
      tree.dispose();
      if (store.error) throw new Error(`first paint failed: ${store.error.message}`);
      if (!rows) throw new Error('first paint showed no incident rows');
      const list = sim.requests.filter((r) => r.path === '/incidents').length;
      return { ms, list, total: sim.requests.length, rows, paths: sim.requests.map((r) => `${r.method} ${r.path}`) };
    };
    await paint(); // warm-up: module compilation, JIT
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await paint());
    const ms = median(results.map((r) => r.ms));
    const maxList = Math.max(...results.map((r) => r.list));
    const f = figure(
      'sidebar.first_paint_10k',
      'first incidents paint, 10 000 open incidents',
      ms,
      'ms',
      300,
      `median of ${runs}; GET /incidents per paint: ${maxList} (target 1); all requests: ${results[0].paths.join(', ')}; ` +
        `${results[0].rows} rows painted; ${reopened} seeded-resolved incidents reopened so ${open} are open and mine; store.poll → getChildren/getTreeItem, vscode faked; simulator OpenAPI violations: ${sim.validation.violations.length}`,
    );
    if (maxList !== 1) f.pass = false;
    return f;
  } finally {
    restore();
    await sim.close();
  }
}

/** Time spent in the extension's activate(), and that it makes no network request. */
export async function activateFigure(runs = 20): Promise<Figure> {
  const record = fakeVscodeRecord();
  const restore = installFakeVscode(createFakeVscode(record, { focused: true }));
  const realFetch = globalThis.fetch;
  let fetches = 0;
  let armed = false;
  let during = 0;
  globalThis.fetch = (async () => {
    fetches++;
    if (armed) during++;
    throw new TypeError('bench: network is off while measuring activate()');
  }) as typeof fetch;
  const { version } = require(path.join(ROOT, 'package.json')) as { version: string };
  try {
    const entry = path.join(ROOT, 'dist/extension.js');
    const t0 = performance.now();
    const ext = require(entry) as { activate(context: unknown): unknown };
    const loadMs = performance.now() - t0;
    const once = async () => {
      const { context, dispose } = fakeContext(ROOT, version, 'u+benchTokenNotUsed000');
      armed = true;
      const start = performance.now();
      ext.activate(context);
      const ms = performance.now() - start;
      armed = false;
      // Let the async tail (token read → first poll) run against the spy, then tear down before the next run.
      await new Promise((r) => setTimeout(r, 20));
      dispose();
      return ms;
    };
    const cold = await once(); // warm-up, reported: VS Code activates once, cold
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await once());
    const want = ['pagerduty.signIn', 'pagerduty.refresh', 'pagerduty.acknowledgeIncidents'];
    const missing = want.filter((c) => !record.commands.has(c));
    const f = figure(
      'extension.activate',
      'activate() time, no network',
      median(times),
      'ms',
      10,
      `median of ${runs} after a warm-up; dist/extension.js in plain Node with a fake vscode module (test/support/fakeVscode.ts), signed in; ` +
        `first (cold) call ${cold.toFixed(1)} ms; require() of the bundle ${loadMs.toFixed(0)} ms (not counted); fetch calls during activate(): ${during}; ` +
        `after it returned (first poll, by design): ${fetches - during}`,
    );
    if (during > 0 || record.mcpProviders.length === 0 || missing.length) {
      f.pass = false;
      f.detail += `; FAILED: ${during} fetch during activate, MCP provider registered: ${record.mcpProviders.length > 0}, missing commands: ${missing.join(', ') || 'none'}`;
    }
    return f;
  } finally {
    globalThis.fetch = realFetch;
    restore();
  }
}
