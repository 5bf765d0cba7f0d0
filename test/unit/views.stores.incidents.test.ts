import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { badgeCount, diffIncidents, escapeMarkdown, formatAge, groupIncidents, incidentContextValue, incidentDescription, incidentTooltip, parseIncidentList } from '../../src/views/stores/incidents';
import { incident } from '../support/viewsBuilders';

const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('incident grouping and ordering', () => {
  it('splits triggered and acknowledged, drops resolved, high urgency first then newest', () => {
    const oldHigh = incident({ urgency: 'high', created_at: '2026-01-09T10:00:00Z' });
    const newLow = incident({ urgency: 'low', created_at: '2026-01-10T11:00:00Z' });
    const newHigh = incident({ urgency: 'high', created_at: '2026-01-10T11:30:00Z' });
    const acked = incident({ status: 'acknowledged' });
    const resolved = incident({ status: 'resolved' });
    const groups = groupIncidents([oldHigh, newLow, acked, resolved, newHigh]);
    assert.deepEqual(groups.triggered.map((i) => i.id), [newHigh.id, oldHigh.id, newLow.id]);
    assert.deepEqual(groups.acknowledged.map((i) => i.id), [acked.id]);
  });

  it('badge counts triggered incidents only', () => {
    assert.equal(badgeCount([incident(), incident(), incident({ status: 'acknowledged' })]), 2);
    assert.equal(badgeCount([]), 0);
  });

  it('reads list_incidents structured output and ignores malformed rows', () => {
    const a = incident();
    const parsed = parseIncidentList({ incidents: [a, null, { title: 'no id' }], more: true, total: 40, next_offset: 25 });
    assert.deepEqual(parsed.incidents.map((i) => i.id), [a.id]);
    assert.equal(parsed.more, true);
    assert.equal(parsed.total, 40);
    assert.deepEqual(parseIncidentList(undefined), { incidents: [], more: false, total: undefined, nextOffset: undefined });
  });
});
describe('contextValue for menus', () => {
  const matches = (cv: string, re: RegExp) => re.test(cv);
  it('triggered incidents offer acknowledge and resolve', () => {
    const cv = incidentContextValue(incident({ status: 'triggered', urgency: 'low' }));
    assert.equal(cv, 'incident;triggered;open;low;link;');
    assert.ok(matches(cv, /;triggered;/) && matches(cv, /;open;/) && matches(cv, /;link;/));
  });
  it('acknowledged incidents offer resolve but not acknowledge', () => {
    const cv = incidentContextValue(incident({ status: 'acknowledged' }));
    assert.ok(!matches(cv, /;triggered;/) && matches(cv, /;open;/));
  });
  it('no link capability without a web URL', () => {
    assert.ok(!/;link;/.test(incidentContextValue(incident({ html_url: 'javascript:alert(1)' }))));
  });
});
describe('labels and tooltip', () => {
  it('formats age compactly', () => {
    assert.equal(formatAge('2026-01-10T11:59:30Z', NOW), '30s');
    assert.equal(formatAge('2026-01-10T11:48:00Z', NOW), '12m');
    assert.equal(formatAge('2026-01-10T09:00:00Z', NOW), '3h');
    assert.equal(formatAge('2026-01-05T12:00:00Z', NOW), '5d');
    assert.equal(formatAge(null, NOW), '');
  });
  it('description has number, service and age', () => {
    assert.equal(incidentDescription(incident({ number: 42, created_at: '2026-01-10T11:48:00Z' }), NOW), '#42 · Checkout API · 12m');
  });
  it('escapes untrusted PagerDuty text in the Markdown tooltip', () => {
    const hostile = incident({
      title: 'Disk [click](command:workbench.action.terminal.new) <img src=x> **bold**\nline2',
      assignees: [{ id: 'PX', name: '[me](https://evil.example)' }],
    });
    const md = incidentTooltip(hostile, NOW);
    // Every Markdown-active character from PagerDuty is backslash-escaped.
    assert.ok(!/[^\\]\]\(command/.test(md), md);
    assert.ok(!/[^\\]<img/.test(md), md);
    assert.ok(md.includes('\\<img'), md);
    assert.ok(md.includes('\\[click\\]'));
    // The only link is ours, to the incident.
    assert.deepEqual([...md.matchAll(/[^\\]\]\(([^)]*)\)/g)].map((m) => m[1]), [hostile.html_url]);
    assert.equal(escapeMarkdown('a\nb'), 'a b');
  });
  it('tooltip lists priority, assignees and escalation policy', () => {
    const md = incidentTooltip(incident({ priority: { id: 'P1', name: 'P1' }, assignees: [{ id: 'A', name: 'Ann' }, { id: 'B', name: 'Bo' }] }), NOW);
    assert.match(md, /Priority: P1/);
    assert.match(md, /Assigned to: Ann, Bo/);
    assert.match(md, /Escalation policy: Platform Escalation/);
  });
});
describe('diffing polls', () => {
  it('an unchanged poll is an empty diff even with new object identities', () => {
    const a = incident();
    const d = diffIncidents([a], [{ ...a }]);
    assert.deepEqual(d, { added: [], removed: [], changed: [], regrouped: [] });
  });
  it('a title change refreshes that incident only', () => {
    const a = incident();
    const b = incident({ created_at: '2026-01-01T00:00:00Z' });
    const d = diffIncidents([a, b], [{ ...a, title: 'new title' }, b]);
    assert.deepEqual(d.changed.map((i) => i.id), [a.id]);
    assert.deepEqual(d.regrouped, []);
  });
  it('an acknowledged incident moves between groups', () => {
    const a = incident();
    const d = diffIncidents([a], [{ ...a, status: 'acknowledged' }]);
    assert.deepEqual(d.changed, []);
    assert.deepEqual(d.regrouped, ['triggered', 'acknowledged']);
  });
  it('new and removed incidents regroup their group', () => {
    const a = incident();
    const b = incident({ status: 'acknowledged' });
    const d = diffIncidents([a], [b]);
    assert.deepEqual(d.added.map((i) => i.id), [b.id]);
    assert.deepEqual(d.removed.map((i) => i.id), [a.id]);
    assert.deepEqual(d.regrouped, ['triggered', 'acknowledged']);
  });
});
