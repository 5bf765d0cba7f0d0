import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OncallStore } from '../../src/views/stores/oncallStore';
import { entry, fakeTools, ME, ok } from '../support/viewsBuilders';

describe('OncallStore', () => {
  it('fetches my shifts for 30 days, and everyone only while the view is visible', async () => {
    let now = Date.parse('2026-01-10T12:00:00Z');
    const { calls, api } = fakeTools(() => ok({ entries: [entry({ user: { id: 'PME', name: 'Me' } })] }));
    const store = new OncallStore(api, () => ME, () => now);
    assert.equal(store.isDue(false), true);
    await store.poll({ viewVisible: false });
    assert.deepEqual(calls[0]!.args, { user_ids: ['PME'], since: '2026-01-10T12:00:00.000Z', until: '2026-02-09T12:00:00.000Z' });
    assert.equal(calls.length, 1);
    assert.equal(store.isDue(false), false);
    assert.equal(store.isDue(true), true, 'the view needs the full list');
    await store.poll({ viewVisible: true });
    assert.deepEqual(calls[2]!.args, { limit: 500 });
    assert.equal(store.status()?.kind, 'onCall');
    now += 12 * 3600_000 + 1; // my shift ended at midnight
    assert.equal(store.isDue(false), true);
  });
});
