import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FENCE_OPEN } from '../../src/model/untrusted';
import { incidentWorkflowsState } from '../simulator/seed/incidentWorkflows';
import { closeSessions, startWithObserver, type McpSession } from '../support/mcpHarness';

let s: McpSession;
let observer: McpSession;
const area = () => incidentWorkflowsState(s.sim.state);
const named = (name: string) => [...area().workflows.values()].find((w) => w.name === name)!;

before(async () => {
  ({ s, observer } = await startWithObserver());
});

after(() => closeSessions(observer, s));

describe('list_incident_workflows', () => {
  it('lists with paging, filters by name, and includes steps on request', async () => {
    const all = await s.ok('list_incident_workflows', { limit: 2 });
    assert.deepEqual([all.structured.incident_workflows.length, all.structured.more, all.structured.total], [2, true, 3]);
    assert.equal(all.structured.incident_workflows[0].steps, undefined, 'no steps unless asked');
    assert.ok(all.text.includes(FENCE_OPEN));
    const major = await s.ok('list_incident_workflows', { query: 'major', include_steps: true });
    assert.deepEqual(major.structured.incident_workflows.map((w: any) => w.name), ['Major incident response']);
    assert.deepEqual(major.structured.incident_workflows[0].steps.map((x: any) => x.name), ['Create Slack channel', 'Add conference bridge']);
    assert.match(major.text, /step 1: Create Slack channel/);
    assert.match(await s.fails('list_incident_workflows', { limit: 0 }), /argument "limit"/);
  });
});

describe('get_incident_workflow', () => {
  it('returns the workflow with steps; 404 for an unknown id', async () => {
    const legacy = named('Legacy escalation');
    const got = await s.ok('get_incident_workflow', { workflow_id: legacy.id });
    assert.deepEqual(
      { id: got.structured.incident_workflow.id, is_enabled: got.structured.incident_workflow.is_enabled, team_id: got.structured.incident_workflow.team_id },
      { id: legacy.id, is_enabled: false, team_id: legacy.teamId },
    );
    assert.match(got.text, /\(disabled\)/);
    assert.match(await s.fails('get_incident_workflow', { workflow_id: 'PNOPE00' }), /Not found \(404\)/);
  });
});

describe('start_incident_workflow', () => {
  it('starts on an incident given by number, recording the instance', async () => {
    const incident = [...s.sim.state.incidents.values()].at(-1)!;
    const workflow = named('Major incident response');
    const res = await s.ok('start_incident_workflow', { workflow_id: workflow.id, incident_id: String(incident.number) });
    const instance = area().instances.at(-1)!;
    assert.deepEqual(instance.workflowId, workflow.id);
    assert.deepEqual(instance.incidentId, incident.id);
    assert.deepEqual(res.structured.incident_workflow_instance, { id: instance.id, workflow_id: workflow.id, incident_id: incident.id });
  });

  it('fails clearly for a disabled workflow, an unknown workflow, an unknown incident and an observer', async () => {
    const incident = [...s.sim.state.incidents.values()].at(-1)!;
    const count = area().instances.length;
    assert.match(await s.fails('start_incident_workflow', { workflow_id: named('Legacy escalation').id, incident_id: incident.id }), /disabled/);
    assert.match(await s.fails('start_incident_workflow', { workflow_id: 'PNOPE00', incident_id: incident.id }), /404/);
    assert.match(await s.fails('start_incident_workflow', { workflow_id: named('Notify stakeholders').id, incident_id: '999999' }), /404/);
    assert.match(await observer.fails('start_incident_workflow', { workflow_id: named('Notify stakeholders').id, incident_id: incident.id }), /403/);
    assert.equal(area().instances.length, count, 'nothing started');
  });
});
