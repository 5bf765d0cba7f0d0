/** Incident workflows: list (name query, include[]=steps), get, and starting an instance on an incident. */
import { PdError, invalidInput } from '../errors';
import type { JsonBody } from '../render';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import { incidentWorkflowsState, type WorkflowRec } from '../seed/incidentWorkflows';
import { iso } from '../time';
import { getOr404, matchesQuery } from './lookup';
import { includes, objectBody, refId } from './params';

function render(ctx: HandlerContext, w: WorkflowRec, withSteps: boolean): JsonBody {
  return {
    id: w.id,
    type: 'incident_workflow',
    summary: w.name,
    self: `${ctx.state.apiBase}/incident_workflows/${w.id}`,
    html_url: `${ctx.state.webBase}/flex-workflows/workflows/${w.id}`,
    name: w.name,
    description: w.description,
    created_at: w.created_at,
    is_enabled: w.is_enabled,
    ...(w.teamId ? { team: { id: w.teamId, type: 'team_reference' } } : {}),
    ...(withSteps
      ? {
          steps: w.steps.map((s) => ({
            id: s.id,
            type: 'step',
            summary: s.name,
            self: null,
            html_url: null,
            name: s.name,
            // The seed has no separate step descriptions; the step's name says what it does.
            description: s.name,
            action_configuration: { action_id: s.action_id, inputs: s.inputs },
          })),
        }
      : {}),
  };
}

export function incidentWorkflowRoutes(route: Route): void {
  const area = (ctx: HandlerContext) => incidentWorkflowsState(ctx.state, ctx.now.getTime());

  route('GET', '/incident_workflows', (ctx) => {
    const withSteps = includes(ctx.query).has('steps') || ctx.query.getAll('include[]').includes('steps');
    const all = [...area(ctx).workflows.values()].filter((w) => matchesQuery(w.name, ctx.query));
    const { page, meta } = paginate(all, ctx.query);
    return { status: 200, body: { incident_workflows: page.map((w) => render(ctx, w, withSteps)), ...meta } };
  });

  route('GET', '/incident_workflows/{id}', (ctx) => ({
    status: 200,
    body: { incident_workflow: render(ctx, getOr404(area(ctx).workflows, ctx.params.id), true) },
  }));

  route('POST', '/incident_workflows/{id}/instances', (ctx) => {
    const workflow = getOr404(area(ctx).workflows, ctx.params.id);
    const input = objectBody(ctx.body, 'incident_workflow_instance');
    const incident = ctx.state.findIncident(refId(input.incident, 'incident_workflow_instance.incident'));
    if (!incident || /^\d+$/.test(refId(input.incident, 'incident'))) throw invalidInput('Incident not found');
    if (!workflow.is_enabled) throw new PdError(400, 2001, 'Invalid Input Provided', ['This incident workflow is disabled and cannot be started']);
    const instance = { id: ctx.state.newId(), workflowId: workflow.id, incidentId: incident.id, created_at: iso(ctx.now) };
    area(ctx).instances.push(instance);
    return {
      status: 201,
      body: { incident_workflow_instance: { id: instance.id, type: 'incident_workflow_instance', incident: ctx.render.ref('incident', incident.id) } },
    };
  });
}
