import { z } from 'zod';
import type { Raw } from '../shape/common';
import { shapeWorkflow, workflowDetail, workflowLine } from '../shape/incidentWorkflows';
import { fence } from '../../model/untrusted';
import { incidentRef, resolveIncidentId } from './incidentRefs';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { limit, offset, pdId, query } from './params';
import { CREATE, defineTool, READ, type ToolDefinition } from './types';

const workflowId = pdId('incident workflow');

const listWorkflows = defineListTool({
  name: 'list_incident_workflows',
  title: 'List incident workflows',
  description: 'List incident workflows, optionally by name.',
  toolset: 'incident_workflows',
  input: () => ({ query, include_steps: z.boolean().default(false).describe('Include steps'), limit: limit(25), offset }),
  from: {
    path: '/incident_workflows',
    key: 'incident_workflows',
    query: (args) => ({ query: args.query, include: args.include_steps ? ['steps'] : undefined }),
  },
  show: {
    shape: shapeWorkflow,
    line: (w, args) => (args.include_steps ? workflowDetail(w) : workflowLine(w)),
    label: 'Incident workflows',
    empty: 'No incident workflows match.',
  },
});

const getWorkflow = defineTool({
  name: 'get_incident_workflow',
  title: 'Get incident workflow',
  description: 'Get one incident workflow with its steps.',
  toolset: 'incident_workflows',
  annotations: READ,
  input: () => ({ workflow_id: workflowId }),
  output: () => objectOutput('incident_workflow'),
  async handler(args, ctx) {
    const { incident_workflow } = await ctx.client.get<{ incident_workflow: Raw }>(`/incident_workflows/${encodeURIComponent(args.workflow_id)}`, {
      signal: ctx.signal,
    });
    const shaped = shapeWorkflow(incident_workflow);
    return { text: fence('Incident workflow', workflowDetail(shaped)), structured: { incident_workflow: shaped } };
  },
});

const startWorkflow = defineTool({
  name: 'start_incident_workflow',
  title: 'Start incident workflow',
  description: 'Run an incident workflow on an incident (id or number).',
  toolset: 'incident_workflows',
  annotations: CREATE,
  input: () => ({
    workflow_id: workflowId,
    incident_id: incidentRef,
  }),
  output: () => objectOutput('incident_workflow_instance'),
  async handler(args, ctx) {
    const incidentId = await resolveIncidentId(ctx, args.incident_id);
    const { incident_workflow_instance: raw } = await ctx.client.request<{ incident_workflow_instance: Raw }>(
      'POST',
      `/incident_workflows/${encodeURIComponent(args.workflow_id)}/instances`,
      { signal: ctx.signal, body: { incident_workflow_instance: { incident: { id: incidentId, type: 'incident_reference' } } } },
    );
    const instance = { id: String(raw?.id ?? ''), workflow_id: args.workflow_id, incident_id: String(raw?.incident?.id ?? incidentId) };
    return {
      text: `Started incident workflow ${args.workflow_id} on incident ${instance.incident_id} (instance ${instance.id}).`,
      structured: { incident_workflow_instance: instance },
    };
  },
});

export const incidentWorkflowsTools: ToolDefinition[] = [getWorkflow, listWorkflows, startWorkflow];
