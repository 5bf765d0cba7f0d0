import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollStores, type PolledSection, type PolledStore } from '../../src/views/stores/polled';
import type { PollOutcome } from '../../src/views/stores/scheduler';
import { IncidentsStore } from '../../src/views/stores/incidentsStore';
import { OncallStore } from '../../src/views/stores/oncallStore';
import { entry, fakeTools, incident, ME, ok } from '../support/viewsBuilders';

/** A store that records its polls in `log` and answers `outcome`. */
function store(name: string, log: string[], opts: { due?: (visible: boolean) => boolean; outcome?: PollOutcome } = {}): PolledStore {
  return {
    isDue: (visible) => opts.due?.(visible) ?? true,
    poll: async ({ viewVisible }) => {
      log.push(`${name}${viewVisible ? ' (shown)' : ''}`);
      return opts.outcome ?? 'ok';
    },
    invalidate() {},
    clear() {},
    onDidChange: () => ({ dispose() {} }),
  };
}

describe('the polled stores list', () => {
  it('polls the due stores in list order, each with its own view visibility', async () => {
    const log: string[] = [];
    const sections: PolledSection[] = [
      { store: store('a', log), visible: () => true },
      { store: store('b', log, { due: () => false }), visible: () => true },
      { store: store('c', log), visible: () => false },
    ];
    assert.equal(await pollStores(sections), 'ok');
    assert.deepEqual(log, ['a (shown)', 'c']);
  });

  it("stops at the first outcome that is not 'ok', and returns it for the scheduler's backoff", async () => {
    const log: string[] = [];
    const sections = [{ store: store('a', log, { outcome: 'rate_limited' }), visible: () => true }, { store: store('b', log), visible: () => true }];
    assert.equal(await pollStores(sections), 'rate_limited');
    assert.deepEqual(log, ['a (shown)']);
  });

  it("the sidebar's stores as listed: on-call reads for the user the incidents store read first", async () => {
    const tools = fakeTools((name, args) =>
      name === 'get_user_data' ? ok({ user: ME }) : name === 'list_incidents' ? ok({ incidents: [incident()], more: false }) : ok({ entries: args.user_ids ? [entry({ user: ME })] : [] }),
    );
    const incidents = new IncidentsStore(tools.api, 'assigned');
    const oncall = new OncallStore(tools.api, () => incidents.me, () => Date.parse('2026-01-10T12:00:00Z'));
    const visible = () => false;
    assert.equal(await pollStores([{ store: incidents, visible }, { store: oncall, visible }]), 'ok');
    assert.deepEqual(
      tools.calls.map((c) => c.name),
      ['get_user_data', 'list_incidents', 'list_oncalls'],
    );
    assert.deepEqual(tools.calls.at(-1)?.args.user_ids, [ME.id]);
    assert.equal(oncall.mine.length, 1);
  });
});
