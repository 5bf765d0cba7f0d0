import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import type { Raw } from '../shape/common';
import { orchestrationLine, pathText, shapeOrchestration, shapePath } from '../shape/eventOrchestration';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { limit, offset, pdId, visibleText } from './params';
import { CREATE, defineTool, DESTRUCTIVE, READ, type ToolContext, type ToolDefinition } from './types';

const orchestrationId = pdId('event orchestration');
const SORTS = ['name:asc', 'name:desc', 'routes:asc', 'routes:desc', 'created_at:asc', 'created_at:desc'] as const;

const base = (id: string) => `/event_orchestrations/${encodeURIComponent(id)}`;

/** A new router rule, flat: PagerDuty's condition objects and actions are built from these. */
const ruleInput = {
  label: z.string().trim().min(1).max(255).refine(...visibleText).optional().describe('Rule label'),
  conditions: z
    .array(z.string().trim().min(1).max(1000))
    .min(1)
    .max(64)
    .describe('PCL expressions, any matches'),
  route_to: pdId('service').describe('Target service id'),
  disabled: z.boolean().optional().describe('Disabled'),
};
type RuleArgs = { label?: string; conditions: string[]; route_to: string; disabled?: boolean; id?: string };

function apiRule(rule: RuleArgs): Raw {
  return {
    ...(rule.id ? { id: rule.id } : {}),
    ...(rule.label ? { label: rule.label } : {}),
    conditions: rule.conditions.map((expression) => ({ expression })),
    actions: { route_to: rule.route_to },
    ...(rule.disabled !== undefined ? { disabled: rule.disabled } : {}),
  };
}

async function getPath(ctx: ToolContext, path: string): Promise<Raw> {
  const { orchestration_path } = await ctx.client.get<{ orchestration_path: Raw }>(path, { signal: ctx.signal });
  return orchestration_path ?? {};
}

/**
 * What must be unchanged between our read and our write: the version, timestamp and the rules themselves. Compared
 * as JSON within one call, with no hash: node:crypto would be loaded on every server start for this alone (~10 ms).
 */
export function routerFingerprint(path: Raw): string {
  const relevant = { version: path.version ?? null, updated_at: path.updated_at ?? null, sets: path.sets ?? [], catch_all: path.catch_all ?? null };
  return JSON.stringify(relevant);
}

function pathResult(label: string, raw: Raw, extra = '') {
  const shaped = shapePath(raw);
  return { text: `${extra}${fence(label, pathText(shaped))}`, structured: { orchestration_path: shaped } };
}

const listOrchestrations = defineListTool({
  name: 'list_event_orchestrations',
  title: 'List event orchestrations',
  description: 'List global event orchestrations (event routing and processing rules).',
  toolset: 'event_orchestration',
  input: () => ({ sort_by: z.enum(SORTS).default('name:asc').describe('Sort order'), limit: limit(25), offset }),
  from: { path: '/event_orchestrations', key: 'orchestrations', query: (args) => ({ sort_by: args.sort_by }) },
  show: { shape: shapeOrchestration, line: orchestrationLine, label: 'Event orchestrations', empty: 'No event orchestrations.' },
});

const getOrchestration = defineTool({
  name: 'get_event_orchestration',
  title: 'Get event orchestration',
  description: 'Get an event orchestration: team, integrations, route count.',
  toolset: 'event_orchestration',
  annotations: READ,
  input: () => ({ orchestration_id: orchestrationId }),
  output: () => objectOutput('orchestration'),
  async handler(args, ctx) {
    const { orchestration } = await ctx.client.get<{ orchestration: Raw }>(base(args.orchestration_id), { signal: ctx.signal });
    const shaped = shapeOrchestration(orchestration);
    const lines = [orchestrationLine(shaped), shaped.description ? `description: ${shaped.description}` : '', ...(shaped.integrations ?? []).map((i) => `integration ${i.id} ${i.label ?? ''}: routing key ${i.routing_key ?? 'n/a'}`)];
    return { text: fence('Event orchestration', lines.filter(Boolean).join('\n')), structured: { orchestration: shaped } };
  },
});

const getRouter = defineTool({
  name: 'get_event_orchestration_router',
  title: 'Get orchestration router rules',
  description: 'Router rules of an orchestration: which service events go to.',
  toolset: 'event_orchestration',
  annotations: READ,
  input: () => ({ orchestration_id: orchestrationId }),
  output: () => objectOutput('orchestration_path'),
  async handler(args, ctx) {
    return pathResult(`Router of orchestration ${args.orchestration_id}`, await getPath(ctx, `${base(args.orchestration_id)}/router`));
  },
});

const updateRouter = defineTool({
  name: 'update_event_orchestration_router',
  title: 'Replace orchestration router rules',
  description: 'REPLACE all router rules and the catch-all. To add one rule use append_event_orchestration_router_rule.',
  toolset: 'event_orchestration',
  annotations: DESTRUCTIVE,
  input: () => ({
    orchestration_id: orchestrationId,
    rules: z
      .array(z.strictObject({ id: z.string().trim().min(1).max(100).optional().describe('Existing rule id'), ...ruleInput }))
      .max(200)
      .describe('All rules, first match wins'),
    catch_all_route_to: z
      .union([z.literal('unrouted'), pdId('service')])
      .default('unrouted')
      .describe('Service id or "unrouted"'),
  }),
  output: () => objectOutput('orchestration_path'),
  async handler(args, ctx) {
    const { orchestration_path } = await ctx.client.request<{ orchestration_path: Raw }>('PUT', `${base(args.orchestration_id)}/router`, {
      signal: ctx.signal,
      body: {
        orchestration_path: {
          type: 'router',
          sets: [{ id: 'start', rules: args.rules.map(apiRule) }],
          catch_all: { actions: { route_to: args.catch_all_route_to } },
        },
      },
    });
    return pathResult(`Router of orchestration ${args.orchestration_id} is now`, orchestration_path ?? {});
  },
});

const appendRule = defineTool({
  name: 'append_event_orchestration_router_rule',
  title: 'Add a router rule',
  description: 'Add a routing rule at the end of a router; fails without writing if the router changed meanwhile.',
  toolset: 'event_orchestration',
  annotations: CREATE,
  input: () => ({ orchestration_id: orchestrationId, ...ruleInput }),
  output: () => objectOutput('orchestration_path'),
  async handler(args, ctx) {
    const path = `${base(args.orchestration_id)}/router`;
    const current = await getPath(ctx, path);
    const before = routerFingerprint(current);
    const sets: Raw[] = Array.isArray(current.sets) && current.sets.length ? current.sets : [{ id: 'start', rules: [] }];
    const updatedSets = sets.map((set, i) => (i === 0 ? { id: set.id, rules: [...(set.rules ?? []), apiRule(args)] } : set));
    // PagerDuty has no conditional write for routers, so re-read right before the PUT: the window for a lost
    // update shrinks to one round trip, and a change seen in between aborts instead of being overwritten.
    const latest = await getPath(ctx, path);
    if (routerFingerprint(latest) !== before) {
      throw new PagerDutyError(
        'conflict',
        `The router of orchestration ${args.orchestration_id} changed while the rule was being added (someone else edited it); nothing was written. ` +
          'Read it again with get_event_orchestration_router and retry.',
      );
    }
    const { orchestration_path } = await ctx.client.request<{ orchestration_path: Raw }>('PUT', path, {
      signal: ctx.signal,
      body: { orchestration_path: { type: 'router', sets: updatedSets, catch_all: current.catch_all ?? { actions: { route_to: 'unrouted' } } } },
    });
    const count = (updatedSets[0].rules as Raw[]).length;
    return pathResult(`Router of orchestration ${args.orchestration_id}`, orchestration_path ?? {}, `Rule added as rule ${count} of set "${updatedSets[0].id}".\n`);
  },
});

const getGlobal = defineTool({
  name: 'get_event_orchestration_global',
  title: 'Get global orchestration rules',
  description: 'Global rules of an orchestration (applied before routing).',
  toolset: 'event_orchestration',
  annotations: READ,
  input: () => ({ orchestration_id: orchestrationId }),
  output: () => objectOutput('orchestration_path'),
  async handler(args, ctx) {
    return pathResult(`Global rules of orchestration ${args.orchestration_id}`, await getPath(ctx, `${base(args.orchestration_id)}/global`));
  },
});

const getService = defineTool({
  name: 'get_event_orchestration_service',
  title: 'Get service orchestration rules',
  description: "A service's event orchestration rules.",
  toolset: 'event_orchestration',
  annotations: READ,
  input: () => ({ service_id: pdId('service') }),
  output: () => objectOutput('orchestration_path'),
  async handler(args, ctx) {
    return pathResult(`Orchestration rules of service ${args.service_id}`, await getPath(ctx, `/event_orchestrations/services/${encodeURIComponent(args.service_id)}`));
  },
});

export const eventOrchestrationTools: ToolDefinition[] = [
  getOrchestration,
  listOrchestrations,
  getRouter,
  updateRouter,
  appendRule,
  getGlobal,
  getService,
];
