import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOnly } from '../../src/model/translate';
import { CARD_ITEMS, CARD_ROWS, incidentCard, listCard } from '../../src/model/incidentPage/cardModel';
import { failed, incident, ok } from '../support/viewsBuilders';

const NOW = Date.parse('2026-01-10T13:05:00Z');
const alerts = (n: number) => ok({ alerts: Array.from({ length: n }, (_, i) => ({ id: `A${i}`, summary: `alert ${i}`, severity: 'error', status: 'triggered' })) });
const notes = (n: number) => ok({ notes: Array.from({ length: n }, (_, i) => ({ content: `note ${i}`, user: { id: 'U1', name: 'Ada' } })) });

describe('incident card view model', () => {
  it('cuts the page to a card: the latest alerts and notes, facts without the badges, Acknowledge / Resolve / Open', () => {
    const card = incidentCard({ incident: ok({ incident: incident({ status: 'triggered' }) }), alerts: alerts(9), notes: notes(7) }, NOW, formatOnly, true);
    assert.equal(card?.kind, 'incident');
    if (card?.kind !== 'incident') return;
    assert.deepEqual(card.incident.alerts.items.map((a) => a.summary), ['alert 4', 'alert 5', 'alert 6', 'alert 7', 'alert 8']);
    assert.equal(card.incident.notes.items.length, CARD_ITEMS);
    assert.equal(card.incident.notes.items.at(-1)!.content, 'note 6');
    assert.ok(!card.incident.facts.some((f) => f.label === 'Status' || f.label === 'Urgency'));
    assert.deepEqual(card.incident.facts.find((f) => f.label === 'Created')!.value, '3h 5m ago');
    assert.deepEqual(card.incident.actions.map((a) => a.action), ['acknowledge', 'resolve', 'openInPagerDuty']);
    assert.equal(card.labels.back, 'All incidents');
  });

  it('offers only what the status allows, and nothing that writes while writes are off', () => {
    const acked = incidentCard({ incident: ok({ incident: incident({ status: 'acknowledged' }) }) }, NOW, formatOnly, true);
    assert.deepEqual(acked?.kind === 'incident' && acked.incident.actions.map((a) => a.action), ['resolve', 'openInPagerDuty']);
    const readOnly = incidentCard({ incident: ok({ incident: incident({ status: 'triggered' }) }) }, NOW, formatOnly, false);
    assert.deepEqual(readOnly?.kind === 'incident' && readOnly.incident.actions.map((a) => a.action), ['openInPagerDuty']);
    assert.equal(readOnly?.canWrite, false);
  });

  it('a failed section says why; a failed incident gives no card', () => {
    const card = incidentCard({ incident: ok({ incident: incident() }), alerts: failed('forbidden', 'Forbidden (403)') }, NOW, formatOnly, true);
    assert.equal(card?.kind === 'incident' && card.incident.alerts.error, 'Forbidden (403)');
    assert.equal(incidentCard({ incident: failed('not_found') }, NOW, formatOnly, true), undefined);
  });

  it('a list card keeps the open incidents in the order listed, at most CARD_ROWS, and counts the rest', () => {
    const list = [incident({ status: 'resolved' }), ...Array.from({ length: CARD_ROWS + 3 }, (_, i) => incident({ status: i % 2 ? 'acknowledged' : 'triggered' }))];
    const card = listCard(list, NOW, formatOnly, true);
    assert.equal(card.kind, 'list');
    if (card.kind !== 'list') return;
    assert.equal(card.rows.length, CARD_ROWS);
    assert.equal(card.more, 3);
    assert.deepEqual(card.rows.map((r) => r.id), list.slice(1, CARD_ROWS + 1).map((i) => i.id));
    assert.deepEqual(card.rows[0]!.actions.map((a) => a.action), ['acknowledge', 'resolve']);
    assert.deepEqual(card.rows[1]!.actions.map((a) => a.action), ['resolve']);
    assert.equal(card.rows[0]!.detail, 'Checkout API · assigned to Dana Me · 3h 5m ago');
    const readOnly = listCard(list, NOW, formatOnly, false);
    assert.ok(readOnly.kind === 'list' && readOnly.rows.every((r) => r.actions.length === 0));
  });
});
