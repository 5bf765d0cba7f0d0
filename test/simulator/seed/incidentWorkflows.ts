/** Incident workflows and the instances started from them, kept beside SimState in a WeakMap. */
import type { SimState } from '../state';
import { DAY, iso } from '../time';

export interface WorkflowRec {
  id: string;
  name: string;
  description: string;
  teamId: string | null;
  is_enabled: boolean;
  created_at: string;
  steps: { id: string; name: string; action_id: string; inputs: { name: string; value: string }[] }[];
}

export interface WorkflowInstanceRec {
  id: string;
  workflowId: string;
  incidentId: string;
  created_at: string;
}

export interface IncidentWorkflowsState {
  workflows: Map<string, WorkflowRec>;
  instances: WorkflowInstanceRec[];
}

const states = new WeakMap<SimState, IncidentWorkflowsState>();

export function incidentWorkflowsState(state: SimState, now = Date.now()): IncidentWorkflowsState {
  let area = states.get(state);
  if (area) return area;
  area = { workflows: new Map(), instances: [] };
  states.set(state, area);
  const teams = [...state.teams.values()];
  const step = (name: string, action_id: string, inputs: Record<string, string>) => ({
    id: state.newId(),
    name,
    action_id,
    inputs: Object.entries(inputs).map(([n, value]) => ({ name: n, value })),
  });
  const specs: Omit<WorkflowRec, 'id' | 'created_at'>[] = [
    {
      name: 'Major incident response',
      description: 'Open a Slack channel, start a conference bridge and page the incident commander',
      teamId: teams[0].id,
      is_enabled: true,
      steps: [
        step('Create Slack channel', 'pagerduty.com:slack:create-a-channel:2', { 'Channel Name': 'inc-{{incident.number}}' }),
        step('Add conference bridge', 'pagerduty.com:incident-workflows:add-conference-bridge:1', { 'Conference URL': 'https://meet.example/major' }),
      ],
    },
    {
      name: 'Notify stakeholders',
      description: 'Send a status update to the stakeholder list',
      teamId: null,
      is_enabled: true,
      steps: [step('Send status update', 'pagerduty.com:incident-workflows:send-status-update:3', { Message: 'We are investigating.' })],
    },
    { name: 'Legacy escalation', description: 'Retired; kept for history', teamId: teams[1].id, is_enabled: false, steps: [] },
  ];
  specs.forEach((s, i) => {
    const id = state.newId();
    area!.workflows.set(id, { ...s, id, created_at: iso(now - (60 - i) * DAY) });
  });
  return area;
}
