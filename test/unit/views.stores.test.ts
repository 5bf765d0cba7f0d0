import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkSummary, incidentIdsFromArgs } from '../../src/commands/bulkSummary';
import { IncidentsStore, type StoreChange } from '../../src/views/model/incidentsStore';
import { formatWhen, groupByPolicy, myStatus, orderForMe, parseOncalls, webUrl } from '../../src/views/model/oncall';
import { OncallStore } from '../../src/views/model/oncallStore';
import type { CallResult } from '../../src/mcp/registry';
import type { Incident } from '../../src/views/model/types';
import { entry, failed, fakeTools, incident, ok } from '../support/viewsBuilders';

const ME = { id: 'PME', name: 'Dana Me', html_url: 'https://acme.pagerduty.com/users/PME' };

function incidentsServer(lists: Record<string, Incident[]>) {
  return fakeTools((name, args) => {
    if (name === 'get_user_data') return ok({ user: ME });
    if (name === 'list_incidents') return ok({ incidents: lists[String(args.scope)] ?? [], more: false });
    return failed('invalid_arguments', `unexpected ${name}`);
  });
}

describe('IncidentsStore', () => {
  it('scope "assigned" polls with one list_incidents request (plus the user once)', async () => {
    const mine = [incident(), incident({ status: 'acknowledged' })];
    const { calls, callTool } = incidentsServer({ assigned: mine });
    const store = new IncidentsStore(callTool, 'assigned');
    await store.poll({ viewVisible: true });
    await store.poll({ viewVisible: true });
    assert.deepEqual(calls.map((c) => c.name), ['get_user_data', 'list_incidents', 'list_incidents']);
    assert.deepEqual(calls[1]!.args, { scope: 'assigned', statuses: ['triggered', 'acknowledged'], limit: 25 });
    assert.equal(store.incidents.length, 2);
    assert.equal(store.mine.length, 2);
  });

  it('another scope adds the view request only while the view is visible', async () => {
    const { calls, callTool } = incidentsServer({ assigned: [incident()], all: [incident(), incident()] });
    const store = new IncidentsStore(callTool, 'all');
    await store.poll({ viewVisible: true });
    assert.equal(store.incidents.length, 2);
    assert.equal(store.mine.length, 1);
    calls.length = 0;
    await store.poll({ viewVisible: false });
    assert.deepEqual(calls.map((c) => c.args.scope), ['assigned']);
  });

  it('reports only what changed between polls', async () => {
    const a = incident();
    const b = incident({ created_at: '2026-01-01T00:00:00Z' });
    let list = [a, b];
    const { callTool } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: list, more: false })));
    const store = new IncidentsStore(callTool, 'assigned');
    const changes: StoreChange[] = [];
    store.onDidChange((c) => changes.push(c));
    await store.poll({ viewVisible: true });
    assert.equal(changes.at(-1)!.viewReset, true, 'first load refreshes the whole view');
    await store.poll({ viewVisible: true });
    assert.equal(changes.at(-1)!.view, undefined, 'nothing changed');
    list = [{ ...a, status: 'acknowledged' }, { ...b }];
    await store.poll({ viewVisible: true });
    assert.deepEqual(changes.at(-1)!.view?.regrouped, ['triggered', 'acknowledged']);
    assert.equal(changes.at(-1)!.viewReset, false);
  });

  it('an error becomes a state, and the next successful poll clears it', async () => {
    let answer: CallResult = failed('network', 'connect ECONNREFUSED');
    const { callTool } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : answer));
    const store = new IncidentsStore(callTool, 'assigned');
    assert.equal(await store.poll({ viewVisible: true }), 'error');
    assert.equal(store.error?.kind, 'offline');
    answer = failed('rate_limited');
    assert.equal(await store.poll({ viewVisible: true }), 'rate_limited');
    answer = ok({ incidents: [incident()], more: false });
    assert.equal(await store.poll({ viewVisible: true }), 'ok');
    assert.equal(store.error, undefined);
    assert.equal(store.incidents.length, 1);
  });

  it('signed out clears the data', async () => {
    const { callTool } = fakeTools(() => ({ content: [{ type: 'text', text: 'Not signed in' }], isError: true, signedOut: true }));
    const store = new IncidentsStore(callTool, 'assigned');
    assert.equal(await store.poll({ viewVisible: true }), 'signedOut');
    assert.equal(store.error, undefined);
    assert.equal(store.loaded, false);
  });

  it('applyUpdates moves acknowledged incidents and drops resolved ones at once', async () => {
    const a = incident();
    const b = incident();
    const { callTool } = incidentsServer({ assigned: [a, b] });
    const store = new IncidentsStore(callTool, 'assigned');
    await store.poll({ viewVisible: true });
    store.applyUpdates([{ ...a, status: 'acknowledged' }, { ...b, status: 'resolved' }]);
    assert.deepEqual(store.incidents.map((i) => [i.id, i.status]), [[a.id, 'acknowledged']]);
  });

  it('load more asks for the next page size, and "more" follows the tool', async () => {
    const { calls, callTool } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: [incident()], more: true, total: 80 })));
    const store = new IncidentsStore(callTool, 'assigned');
    await store.poll({ viewVisible: true });
    assert.equal(store.more, true);
    await store.loadMore();
    assert.equal(calls.at(-1)!.args.limit, 50);
  });

  it('a different user after a token change drops the old data', async () => {
    let user = ME;
    const { callTool } = fakeTools((name) => (name === 'get_user_data' ? ok({ user }) : ok({ incidents: user === ME ? [incident()] : [], more: false })));
    const store = new IncidentsStore(callTool, 'assigned');
    await store.poll({ viewVisible: true });
    assert.equal(store.incidents.length, 1);
    user = { ...ME, id: 'POTHER' };
    store.revalidateUser();
    await store.poll({ viewVisible: true });
    assert.equal(store.me?.id, 'POTHER');
    assert.equal(store.incidents.length, 0);
  });
});

describe('on-call model', () => {
  const NOW = Date.parse('2026-01-10T12:00:00Z');
  it('my status: on call now until the latest current shift ends', () => {
    const s = myStatus([entry({ end: '2026-01-10T18:00:00Z' }), entry({ escalation_policy: { id: 'PEP2', name: 'DB' }, end: '2026-01-11T09:00:00Z' })], NOW);
    assert.equal(s.kind, 'onCall');
    assert.equal(s.kind === 'onCall' && s.until, '2026-01-11T09:00:00Z');
    assert.equal(s.kind === 'onCall' && s.policies.length, 2);
  });
  it('my status: next shift when not on call now, none when nothing ahead', () => {
    const s = myStatus([entry({ start: '2026-01-12T09:00:00Z', end: '2026-01-13T09:00:00Z' }), entry({ start: '2026-01-11T09:00:00Z', end: '2026-01-11T17:00:00Z' })], NOW);
    assert.deepEqual(s.kind === 'next' && s.start, '2026-01-11T09:00:00Z');
    assert.equal(myStatus([], NOW).kind, 'none');
    assert.deepEqual(myStatus([entry({ start: null, end: null })], NOW), { kind: 'onCall', until: null, policies: [entry().escalation_policy] });
    const mixed = myStatus([entry({ start: null, end: null }), entry({ end: '2026-01-10T18:00:00Z' })], NOW);
    assert.equal(mixed.kind === 'onCall' && mixed.until, '2026-01-10T18:00:00Z', 'a permanent entry does not hide the shift end');
  });
  it('groups who is on call now by policy and level, de-duplicated, mine first', () => {
    const entries = parseOncalls({
      entries: [
        entry({ escalation_policy: { id: 'PB', name: 'Billing' }, escalation_level: 2, user: { id: 'PU2', name: 'Zed' } }),
        entry({ escalation_policy: { id: 'PB', name: 'Billing' }, escalation_level: 1, user: { id: 'PU3', name: 'Bo' } }),
        entry({ escalation_policy: { id: 'PB', name: 'Billing' }, escalation_level: 1, user: { id: 'PU3', name: 'Bo' } }),
        entry({ escalation_policy: { id: 'PA', name: 'Apps' }, user: { id: 'PU4', name: 'Al' } }),
        entry({ escalation_policy: { id: 'PZ', name: 'Zeta' }, user: { id: 'PME', name: 'Me' } }),
        entry({ escalation_policy: { id: 'PF', name: 'Future' }, start: '2026-01-20T00:00:00Z', end: '2026-01-21T00:00:00Z' }),
        { user: 'broken' },
      ],
    });
    const groups = groupByPolicy(entries, NOW);
    assert.deepEqual(groups.map((g) => g.policy.name), ['Apps', 'Billing', 'Zeta']);
    assert.deepEqual(groups[1]!.levels.map((l) => [l.level, l.entries.map((e) => e.user.name)]), [[1, ['Bo']], [2, ['Zed']]]);
    assert.deepEqual(orderForMe(groups, 'PME').map((g) => g.policy.name), ['Zeta', 'Apps', 'Billing']);
  });
  it('web addresses come from the account origin; formatWhen is relative to now', () => {
    assert.equal(webUrl('https://acme.pagerduty.com', 'users', 'PU1'), 'https://acme.pagerduty.com/users/PU1');
    assert.equal(webUrl('javascript:x', 'users', 'PU1'), undefined);
    assert.match(formatWhen('2026-01-10T15:30:00Z', NOW, 'en-GB'), /^\d\d:\d\d$/);
    assert.match(formatWhen('2026-01-12T15:30:00Z', NOW, 'en-GB'), /^[A-Z][a-z]{2} \d\d:\d\d$/);
  });
});

describe('OncallStore', () => {
  it('fetches my shifts for 30 days, and everyone only while the view is visible', async () => {
    let now = Date.parse('2026-01-10T12:00:00Z');
    const { calls, callTool } = fakeTools(() => ok({ entries: [entry({ user: { id: 'PME', name: 'Me' } })] }));
    const store = new OncallStore(callTool, () => now);
    assert.equal(store.isDue(false), true);
    await store.poll(ME, { viewVisible: false });
    assert.deepEqual(calls[0]!.args, { user_ids: ['PME'], since: '2026-01-10T12:00:00.000Z', until: '2026-02-09T12:00:00.000Z' });
    assert.equal(calls.length, 1);
    assert.equal(store.isDue(false), false);
    assert.equal(store.isDue(true), true, 'the view needs the full list');
    await store.poll(ME, { viewVisible: true });
    assert.deepEqual(calls[2]!.args, { limit: 500 });
    assert.equal(store.status()?.kind, 'onCall');
    now += 12 * 3600_000 + 1; // my shift ended at midnight
    assert.equal(store.isDue(false), true);
  });
});

describe('bulk summary', () => {
  const label = (id: string) => (id === 'PA' ? '#1 Disk full' : id);
  it('one message naming each failed incident and why', () => {
    const s = bulkSummary('acknowledged', [
      { incident_id: 'PA', ok: false, error: 'Incident Not Found' },
      { incident_id: 'PB', ok: true },
      { incident_id: 'PC', ok: false, error: 'Arguments Caused Error\n(already resolved)' },
    ], label);
    assert.equal(s.severity, 'warning');
    assert.equal(s.message, 'Acknowledged 1 of 3 incidents. Failed: #1 Disk full: Incident Not Found; PC: Arguments Caused Error (already resolved)');
    assert.deepEqual(bulkSummary('resolved', [{ incident_id: 'PB', ok: true }], label), { severity: 'info', message: 'Resolved 1 of 1 incidents.' });
    assert.equal(bulkSummary('resolved', [{ incident_id: 'PB', ok: false }], label).severity, 'error');
  });
  it('takes ids from automation args, tree nodes and multi-selection', () => {
    assert.deepEqual(incidentIdsFromArgs([['PA', 'PB', 'PA']]), ['PA', 'PB']);
    assert.deepEqual(incidentIdsFromArgs([{ ids: ['PA'], note: 'x' }]), ['PA']);
    assert.deepEqual(incidentIdsFromArgs(['PA']), ['PA']);
    assert.deepEqual(incidentIdsFromArgs([42]), ['42']);
    const node = (id: string) => ({ kind: 'incident', incident: { id } });
    assert.deepEqual(incidentIdsFromArgs([node('PA'), [node('PA'), node('PB')]]), ['PA', 'PB']);
    assert.deepEqual(incidentIdsFromArgs([node('PA')]), ['PA']);
    assert.equal(incidentIdsFromArgs([]), undefined);
  });
});
