import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkSummary, incidentIdsFromArgs } from '../../src/commands/bulkSummary';

describe('bulk summary', () => {
  const label = (id: string) => (id === 'PA' ? '#1 Disk full' : id);
  it('one message naming each failed incident and why', () => {
    const s = bulkSummary('acknowledged', [
      { incident_id: 'PA', ok: false, error: 'Incident Not Found' },
      { incident_id: 'PB', ok: true },
      { incident_id: 'PC', ok: false, error: 'Arguments Caused Error\n(already resolved)' },
    ], label);
    assert.equal(s.severity, 'warning');
    assert.equal(s.message, 'Acknowledged 1 of 3 incidents. Failed: #1 Disk full: Incident Not Found; PC: Arguments Caused Error (already resolved)');
    assert.deepEqual(bulkSummary('resolved', [{ incident_id: 'PB', ok: true }], label), { severity: 'info', message: 'Resolved 1 of 1 incidents.' });
    assert.equal(bulkSummary('resolved', [{ incident_id: 'PB', ok: false }], label).severity, 'error');
  });
  it('takes ids from automation args, tree nodes and multi-selection', () => {
    assert.deepEqual(incidentIdsFromArgs([['PA', 'PB', 'PA']]), ['PA', 'PB']);
    assert.deepEqual(incidentIdsFromArgs([{ ids: ['PA'], note: 'x' }]), ['PA']);
    assert.deepEqual(incidentIdsFromArgs(['PA']), ['PA']);
    assert.deepEqual(incidentIdsFromArgs([42]), ['42']);
    const node = (id: string) => ({ kind: 'incident', incident: { id } });
    assert.deepEqual(incidentIdsFromArgs([node('PA'), [node('PA'), node('PB')]]), ['PA', 'PB']);
    assert.deepEqual(incidentIdsFromArgs([node('PA')]), ['PA']);
    assert.equal(incidentIdsFromArgs([]), undefined);
  });
});
