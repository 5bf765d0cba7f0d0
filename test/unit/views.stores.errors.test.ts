import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toViewError } from '../../src/views/stores/errors';
import { failed } from '../support/viewsBuilders';

describe('error states', () => {
  it('maps error kinds to a message and a way out', () => {
    assert.deepEqual(
      ['unauthorized', 'forbidden', 'rate_limited', 'network', 'timeout', 'server_error'].map((k) => {
        const e = toViewError(failed(k));
        return [e.kind, e.action];
      }),
      [['unauthorized', 'signIn'], ['forbidden', 'retry'], ['rate_limited', 'retry'], ['offline', 'retry'], ['offline', 'retry'], ['other', 'retry']],
    );
    assert.equal(toViewError({ content: [{ type: 'text', text: 'x' }], isError: true, signedOut: true }).action, 'signIn');
    assert.match(toViewError(failed('server_error', 'list_incidents failed: 500 boom')).message, /500 boom/);
  });
});
