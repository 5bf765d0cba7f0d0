import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusBarModel } from '../../src/views/stores/statusBar';
import { incident } from '../support/viewsBuilders';

describe('status bar text', () => {
  it('shows on-call state and my triggered count', () => {
    const mine = [incident(), incident({ status: 'acknowledged' })];
    assert.deepEqual(statusBarModel({ kind: 'onCall', until: null, policies: [] }, mine, false), {
      text: '$(broadcast) On call · 1 triggered',
      label: 'PagerDuty: on call, 1 triggered incidents assigned to you',
      alert: true,
    });
    assert.equal(statusBarModel({ kind: 'none' }, [], false).text, '$(bell) 0 triggered');
    assert.equal(statusBarModel(undefined, undefined, false).text, '$(bell) … triggered');
    assert.equal(statusBarModel(undefined, undefined, true).text, '$(warning) PagerDuty');
  });
});
