import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatWhen, groupByPolicy, myStatus, orderForMe, parseOncalls, webUrl } from '../../src/views/stores/oncall';
import { entry } from '../support/viewsBuilders';

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
