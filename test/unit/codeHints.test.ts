import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePageMessage } from '../../src/model/incidentPage/protocol';
import { alertText, framesOf } from '../../src/model/incidentPage/viewModel';
import { formatOnly } from '../../src/model/translate';
import { hintSeverity, hintText } from '../../src/views/stores/codeHints';
import { incident } from '../support/viewsBuilders';

describe('code hints', () => {
  const now = Date.parse('2026-01-10T10:12:30Z');

  it('say which incident, how it stands and its title, on one line', () => {
    const triggered = incident({ number: 1056, title: 'Payment processing\ndegraded', created_at: '2026-01-10T10:00:00Z' });
    assert.equal(hintText(triggered, now, formatOnly), 'PagerDuty #1056 · triggered 12m ago · Payment processing degraded');
    assert.equal(hintSeverity(triggered), 'warning');
    const acked = incident({ number: 7, status: 'acknowledged', title: 'x'.repeat(300) });
    assert.equal(hintText(acked, now, formatOnly), `PagerDuty #7 · acknowledged · ${'x'.repeat(99)}…`);
    assert.equal(hintSeverity(acked), 'information');
    assert.equal(hintText(incident({ number: 8, status: 'acknowledged', title: 'Pay $(alert) now' }), now, formatOnly), 'PagerDuty #8 · acknowledged · Pay $ (alert) now');
  });
});

describe('the incident page: frames of an alert', () => {
  it('lists the references in the summary and every detail value, as text until the extension finds them', () => {
    const alert = { summary: 'charge failed at src/pay.ts:3', details: { stack: 'Error\n    at charge (/app/src/pay.ts:3:7)\n    at run (/app/src/run.ts:9:1)', host: 'web-1' } };
    assert.deepEqual(
      framesOf(alertText(alert), formatOnly).map((f) => [f.text, f.name, f.open]),
      [
        ['src/pay.ts:3', 'Open src/pay.ts at line 3', undefined],
        ['/app/src/pay.ts:3:7 (charge)', 'Open /app/src/pay.ts at line 3', undefined],
        ['/app/src/run.ts:9:1 (run)', 'Open /app/src/run.ts at line 9', undefined],
      ],
    );
    assert.deepEqual(framesOf(alertText({ summary: 'x', details: JSON.stringify({ stack: 'a/b.go:4' }) }), formatOnly).map((f) => f.text), ['a/b.go:4']);
  });

  it('takes a frame link from the page only by position, never a path', () => {
    assert.deepEqual(parsePageMessage({ type: 'openFrame', alert: 0, frame: 2 }), { type: 'openFrame', alert: 0, frame: 2 });
    for (const bad of [{ type: 'openFrame', alert: -1, frame: 0 }, { type: 'openFrame', alert: 0, frame: 1.5 }, { type: 'openFrame', alert: 0, frame: 0, path: '/etc/passwd' }, { type: 'openFrame', alert: '0', frame: 0 }]) {
      assert.equal(parsePageMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
