import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncidentsStore, type StoreChange } from '../../src/views/stores/incidentsStore';
import type { CallResult } from '../../src/mcp/registry';
import { failed, fakeTools, incident, incidentsServer, ME, ok } from '../support/viewsBuilders';

describe('IncidentsStore', () => {
  it('scope "assigned" polls with one list_incidents request (plus the user once)', async () => {
    const mine = [incident(), incident({ status: 'acknowledged' })];
    const { calls, api } = incidentsServer({ assigned: mine });
    const store = new IncidentsStore(api, 'assigned');
    await store.poll({ viewVisible: true });
    await store.poll({ viewVisible: true });
    assert.deepEqual(calls.map((c) => c.name), ['get_user_data', 'list_incidents', 'list_incidents']);
    assert.deepEqual(calls[1]!.args, { scope: 'assigned', statuses: ['triggered', 'acknowledged'], limit: 25 });
    assert.equal(store.incidents.length, 2);
    assert.equal(store.mine.length, 2);
  });

  it('another scope adds the view request only while the view is visible', async () => {
    const { calls, api } = incidentsServer({ assigned: [incident()], all: [incident(), incident()] });
    const store = new IncidentsStore(api, 'all');
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
    const { api } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: list, more: false })));
    const store = new IncidentsStore(api, 'assigned');
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
    const { api } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : answer));
    const store = new IncidentsStore(api, 'assigned');
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
    const { api } = fakeTools(() => ({ content: [{ type: 'text', text: 'Not signed in' }], isError: true, signedOut: true }));
    const store = new IncidentsStore(api, 'assigned');
    assert.equal(await store.poll({ viewVisible: true }), 'signedOut');
    assert.equal(store.error, undefined);
    assert.equal(store.loaded, false);
  });

  it('applyUpdates moves acknowledged incidents and drops resolved ones at once', async () => {
    const a = incident();
    const b = incident();
    const { api } = incidentsServer({ assigned: [a, b] });
    const store = new IncidentsStore(api, 'assigned');
    await store.poll({ viewVisible: true });
    store.applyUpdates([{ ...a, status: 'acknowledged' }, { ...b, status: 'resolved' }]);
    assert.deepEqual(store.incidents.map((i) => [i.id, i.status]), [[a.id, 'acknowledged']]);
  });

  it('load more asks for the next page size, and "more" follows the tool', async () => {
    const { calls, api } = fakeTools((name) => (name === 'get_user_data' ? ok({ user: ME }) : ok({ incidents: [incident()], more: true, total: 80 })));
    const store = new IncidentsStore(api, 'assigned');
    await store.poll({ viewVisible: true });
    assert.equal(store.more, true);
    await store.loadMore();
    assert.equal(calls.at(-1)!.args.limit, 50);
  });

  it('a different user after a token change drops the old data', async () => {
    let user = ME;
    const { api } = fakeTools((name) => (name === 'get_user_data' ? ok({ user }) : ok({ incidents: user === ME ? [incident()] : [], more: false })));
    const store = new IncidentsStore(api, 'assigned');
    await store.poll({ viewVisible: true });
    assert.equal(store.incidents.length, 1);
    user = { ...ME, id: 'POTHER' };
    store.revalidateUser();
    await store.poll({ viewVisible: true });
    assert.equal(store.me?.id, 'POTHER');
    assert.equal(store.incidents.length, 0);
  });
});
