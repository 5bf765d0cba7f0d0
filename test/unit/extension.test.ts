import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, LM_TOOLS, VIEWS } from '../../src/contributions';
import { activate } from '../../src/extension';
import { fakeContext } from '../support/fakeVscode';

describe('activate()', () => {
  it('registers every contributed command and language-model tool and creates both views, signed out, without network', async () => {
    const { context, dispose } = fakeContext(path.resolve(__dirname, '../..'), '0.0.0-test', undefined);
    const realFetch = globalThis.fetch;
    let fetches = 0;
    globalThis.fetch = (async () => {
      fetches++;
      throw new TypeError('no network in unit tests');
    }) as typeof fetch;
    try {
      const api = activate(context as never);
      await api.session.ready;
      assert.deepEqual([...vscodeRecord.commands].sort(), Object.values(COMMANDS).sort());
      assert.deepEqual(vscodeRecord.treeViews.map((v) => v.id).sort(), Object.values(VIEWS).sort());
      assert.deepEqual([...vscodeRecord.lmTools.keys()].sort(), Object.values(LM_TOOLS).sort());
      assert.equal(api.session.state, 'signedOut');
      assert.equal(fetches, 0);
    } finally {
      dispose();
      globalThis.fetch = realFetch;
    }
  });
});
