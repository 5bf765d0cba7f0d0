import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotificationGate, MAX_INDIVIDUAL } from '../../src/views/stores/notificationGate';
import { incident } from '../support/viewsBuilders';

describe('notification de-duplication', () => {
  const me = 'PME';
  it('the first poll after start sums up what is already there in one summary', () => {
    const gate = new NotificationGate();
    const plan = gate.consider([incident(), incident()], me);
    assert.equal(plan.kind, 'summary');
    assert.equal(plan.kind === 'summary' && plan.count, 2);
  });
  it('then one notification per new triggered incident assigned to me, never twice', () => {
    const gate = new NotificationGate();
    const a = incident();
    gate.consider([a], me);
    const b = incident();
    const notMine = incident({ assignees: [{ id: 'POTHER', name: 'Other' }] });
    const acked = incident({ status: 'acknowledged' });
    const plan = gate.consider([a, b, notMine, acked], me);
    assert.deepEqual(plan.kind === 'individual' && plan.incidents.map((i) => i.id), [b.id]);
    assert.equal(gate.consider([a, b], me).kind, 'none');
  });
  it('remembers across reloads: a new gate from the persisted ids stays quiet', () => {
    const a = incident();
    const first = new NotificationGate();
    first.consider([a], me);
    const reloaded = new NotificationGate(first.remembered);
    assert.equal(reloaded.consider([a], me).kind, 'none');
    const b = incident();
    assert.equal(reloaded.consider([a, b], me).kind, 'individual');
  });
  it('an incident storm becomes one summary', () => {
    const gate = new NotificationGate();
    gate.consider([], me);
    const storm = Array.from({ length: MAX_INDIVIDUAL + 1 }, () => incident());
    assert.equal(gate.consider(storm, me).kind, 'summary');
  });
  it('keeps at most 1000 ids', () => {
    const gate = new NotificationGate(Array.from({ length: 1005 }, (_, i) => `P${i}`));
    assert.equal(gate.remembered.length, 1000);
    assert.equal(gate.remembered[0], 'P5');
  });
  it('without knowing who I am, nothing is shown', () => {
    assert.equal(new NotificationGate().consider([incident()], undefined).kind, 'none');
  });
});
