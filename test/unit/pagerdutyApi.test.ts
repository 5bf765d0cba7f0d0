import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIncidentRef } from '../../src/model/incidentRef';
import { pagerDutyApi } from '../../src/model/pagerdutyApi';
import { failureOf, readBulkRows, readIncident, readList, readPolicyLevels } from '../../src/model/toolAnswers';
import { failed, fakeTools, incident, ok } from '../support/viewsBuilders';

describe('tool-answer readers', () => {
  it('read nothing from an error or a changed shape, instead of crashing a view', () => {
    assert.deepEqual(readList(failed('other'), 'notes'), []);
    assert.deepEqual(readList(ok({ notes: 'not a list' }), 'notes'), []);
    assert.deepEqual(readList(ok({ notes: [null, 'x', { content: 'kept' }] }), 'notes'), [{ content: 'kept' }]);
    assert.equal(readIncident(ok({ incident: { title: 'no id' } })), undefined);
    assert.equal(readIncident(failed('other')), undefined);
    assert.deepEqual(readPolicyLevels(ok({ escalation_policy: { levels: [{ level: 1, targets: [] }, { level: 'x' }] } })), [{ level: 1, targets: [] }]);
    assert.deepEqual(readBulkRows(ok({ results: [{ incident_id: 'P1', ok: true }, { ok: false }, 'x'] })), [{ incident_id: 'P1', ok: true }]);
  });

  it('failureOf finds a refusal reported as a result line', () => {
    assert.equal(failureOf(ok({ results: [{ incident_id: 'P1', ok: true }, { incident_id: 'P2', ok: false, error: 'Forbidden' }] })), 'Forbidden');
    assert.equal(failureOf(ok({ results: [{ incident_id: 'P1', ok: true }] })), undefined);
    assert.equal(failureOf(failed('other', 'boom')), 'boom');
  });
});

describe('typed in-process API', () => {
  it('an answer without the incident is a failure that says so', async () => {
    const got = await pagerDutyApi(fakeTools(() => ok({})).callTool).incidents.get(parseIncidentRef('1')!);
    assert.deepEqual(got.ok ? undefined : got.error, 'PagerDuty returned no incident.');
  });

  it('a failed read keeps the tool result for its error kind', async () => {
    const got = await pagerDutyApi(fakeTools(() => failed('rate_limited', 'slow down')).callTool).incidents.list({ scope: 'all', statuses: ['triggered'], limit: 1 });
    assert.equal(got.ok, false);
    assert.equal(!got.ok && got.error, 'slow down');
    assert.equal(!got.ok && (got.result._meta as Record<string, string>)['pagerduty/errorKind'], 'rate_limited');
  });

  it('a bulk change that failed as a whole gives every incident a line with the reason', async () => {
    const rows = await pagerDutyApi(fakeTools(() => failed('network', 'offline')).callTool).incidents.acknowledge(['P1', 'P2']);
    assert.deepEqual(rows, [
      { incident_id: 'P1', ok: false, error: 'offline' },
      { incident_id: 'P2', ok: false, error: 'offline' },
    ]);
  });

  it('an answer without lines says the outcome is unknown, never that it worked', async () => {
    const rows = await pagerDutyApi(fakeTools(() => ok({ results: [] })).callTool).incidents.update(['P1'], { urgency: 'low' });
    assert.equal(rows[0]!.ok, false);
    assert.match(rows[0]!.error!, /did not say whether this incident changed/);
  });

  it('resolve adds the note first and leaves an incident whose note was refused unresolved', async () => {
    const a = incident();
    const b = incident();
    const tools = fakeTools((name, args) => {
      if (name === 'add_note_to_incident') return args.incident_id === b.id ? failed('forbidden', 'Forbidden') : ok({ note: {} });
      return ok({ results: (args.incident_ids as string[]).map((id) => ({ incident_id: id, ok: true, incident: { ...a, status: 'resolved' } })) });
    });
    const rows = await pagerDutyApi(tools.callTool).incidents.resolve([a.id, b.id], 'fixed');
    assert.deepEqual(tools.calls.map((c) => c.name), ['add_note_to_incident', 'add_note_to_incident', 'manage_incidents']);
    assert.deepEqual(tools.calls[2]!.args, { incident_ids: [a.id], status: 'resolved' });
    assert.deepEqual(rows?.map((r) => [r.incident_id, r.ok, r.noteFailed ?? false, r.error]), [
      [a.id, true, false, undefined],
      [b.id, false, true, 'Forbidden'],
    ]);
  });

  it('resolve stops before any status change when told to (a cancelled progress)', async () => {
    const tools = fakeTools(() => ok({ note: {} }));
    const rows = await pagerDutyApi(tools.callTool).incidents.resolve(['P1'], 'fixed', { beforeResolve: () => false });
    assert.equal(rows, undefined);
    assert.deepEqual(tools.calls.map((c) => c.name), ['add_note_to_incident']);
  });

  it('resolve without a note changes the status only', async () => {
    const tools = fakeTools(() => ok({ results: [{ incident_id: 'P1', ok: true }] }));
    assert.deepEqual(await pagerDutyApi(tools.callTool).incidents.resolve(['P1']), [{ incident_id: 'P1', ok: true }]);
    assert.deepEqual(tools.calls.map((c) => c.name), ['manage_incidents']);
  });
});
