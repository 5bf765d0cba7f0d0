import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, type Raw } from '../shape/common';
import { levelLines, policyDetail, policyLine, shapeEscalationPolicy } from '../shape/escalationPolicy';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { limit, offset, pdId, pdIds, query, text } from './params';
import { CREATE, defineTool, READ, UPDATE, type ToolContext } from './types';

const policyId = pdId('escalation policy');
const MAX_TARGETS = 10;

/** One level of the policy, flat: who is notified, and how long before it escalates to the next level. */
const rule = z
  .strictObject({
    delay_minutes: z.number().int().min(1).max(10_080).describe('Minutes before escalating to the next level'),
    user_ids: pdIds('user', MAX_TARGETS).optional(),
    schedule_ids: pdIds('schedule', MAX_TARGETS).optional(),
  })
  .refine((r) => (r.user_ids?.length ?? 0) + (r.schedule_ids?.length ?? 0) >= 1, { message: 'give user_ids and/or schedule_ids' })
  .refine((r) => (r.user_ids?.length ?? 0) + (r.schedule_ids?.length ?? 0) <= MAX_TARGETS, { message: `at most ${MAX_TARGETS} targets per level` });
type RuleInput = z.infer<typeof rule>;

const rules = z.array(rule).min(1).max(20).describe('Levels in order; each notifies its users/schedules');
const numLoops = z.number().int().min(0).max(9).describe('Times to repeat all levels if nobody acknowledges');
const HANDOFF = z.enum(['if_has_services', 'always']).optional().describe('When to send on-call handoff notifications');

function policyPath(id: string) {
  return `/escalation_policies/${encodeURIComponent(id)}`;
}

function toApiRules(input: RuleInput[]) {
  return input.map((r) => ({
    escalation_delay_in_minutes: r.delay_minutes,
    targets: [
      ...(r.user_ids ?? []).map((id) => ({ id, type: 'user_reference' })),
      ...(r.schedule_ids ?? []).map((id) => ({ id, type: 'schedule_reference' })),
    ],
  }));
}

/** Existing rules sent back unchanged (without read-only fields) when a PUT must carry them. */
function keepApiRules(raw: Raw[]) {
  return raw.map((r) => ({
    escalation_delay_in_minutes: r.escalation_delay_in_minutes,
    targets: (r.targets ?? []).map((t: Raw) => ({ id: t.id, type: String(t.type).endsWith('_reference') ? t.type : `${t.type}_reference` })),
  }));
}

const teamRefs = (ids: string[] | undefined) => ids?.map((id) => ({ id, type: 'team_reference' }));

const listPolicies = defineListTool({
  name: 'list_escalation_policies',
  title: 'List escalation policies',
  description: 'List escalation policies with their levels and targets. Filter by name, team or user; page with offset.',
  toolset: 'escalation_policies',
  input: () => ({
    query,
    team_ids: pdIds('team').optional(),
    user_ids: pdIds('user').optional().describe('Policies that notify any of these users'),
    limit: limit(25),
    offset,
  }),
  from: {
    path: '/escalation_policies',
    key: 'escalation_policies',
    query: (args) => ({ query: args.query, team_ids: args.team_ids, user_ids: args.user_ids }),
  },
  show: {
    shape: shapeEscalationPolicy,
    line: (p) => [policyLine(p), ...levelLines(p)].join('\n'),
    label: 'Escalation policies',
    empty: 'No escalation policies match.',
  },
});

async function getRaw(ctx: ToolContext, id: string): Promise<Raw> {
  const { escalation_policy } = await ctx.client.get<{ escalation_policy: Raw }>(policyPath(id), { signal: ctx.signal });
  return escalation_policy;
}

const getPolicy = defineTool({
  name: 'get_escalation_policy',
  title: 'Get escalation policy',
  description: 'Get one escalation policy: levels with their users/schedules and delays, repeats, teams, services.',
  toolset: 'escalation_policies',
  annotations: READ,
  input: () => ({ policy_id: policyId }),
  output: () => objectOutput('escalation_policy'),
  async handler(args, ctx) {
    const shaped = shapeEscalationPolicy(await getRaw(ctx, args.policy_id));
    return { text: fence('Escalation policy', policyDetail(shaped)), structured: { escalation_policy: shaped } };
  },
});

const createPolicy = defineTool({
  name: 'create_escalation_policy',
  title: 'Create escalation policy',
  description: 'Create an escalation policy from levels (rules) of users and/or schedules.',
  toolset: 'escalation_policies',
  annotations: CREATE,
  input: () => ({
    name: text('Policy name', 255),
    rules,
    description: z.string().max(1024).optional().describe('Policy description'),
    num_loops: numLoops.default(0),
    team_ids: pdIds('team', 10).optional(),
    on_call_handoff_notifications: HANDOFF,
  }),
  output: () => objectOutput('escalation_policy'),
  async handler(args, ctx) {
    const { escalation_policy } = await ctx.client.request<{ escalation_policy: Raw }>('POST', '/escalation_policies', {
      signal: ctx.signal,
      body: {
        escalation_policy: compact({
          type: 'escalation_policy',
          name: args.name,
          description: args.description,
          num_loops: args.num_loops,
          on_call_handoff_notifications: args.on_call_handoff_notifications,
          escalation_rules: toApiRules(args.rules),
          teams: teamRefs(args.team_ids),
        }),
      },
    });
    const shaped = shapeEscalationPolicy(escalation_policy);
    return { text: fence('Created escalation policy', policyDetail(shaped)), structured: { escalation_policy: shaped } };
  },
});

const updatePolicy = defineTool({
  name: 'update_escalation_policy',
  title: 'Update escalation policy',
  description: 'Change only the given fields (reads the policy first: the API needs name and rules). rules, if given, replace all levels.',
  toolset: 'escalation_policies',
  annotations: UPDATE,
  input: () => ({
    policy_id: policyId,
    name: text('New name', 255).optional(),
    rules: rules.optional(),
    description: z.string().max(1024).optional().describe('New description ("" clears it)'),
    num_loops: numLoops.optional(),
    team_ids: z.array(pdId('team')).max(10).optional().describe('Replaces the teams ([] removes all)'),
    on_call_handoff_notifications: HANDOFF,
  }),
  output: () => objectOutput('escalation_policy'),
  async handler(args, ctx) {
    const { policy_id, ...changes } = args;
    if (Object.values(changes).every((v) => v === undefined)) {
      throw new PagerDutyError(
        'invalid_request',
        'Nothing to change: give at least one of name, rules, description, num_loops, team_ids, on_call_handoff_notifications.',
      );
    }
    // PUT requires name and escalation_rules; take the current ones for whatever is not being changed.
    const current = args.name && args.rules ? undefined : await getRaw(ctx, policy_id);
    const body = {
      type: 'escalation_policy',
      name: args.name ?? current?.name,
      escalation_rules: args.rules ? toApiRules(args.rules) : keepApiRules(current?.escalation_rules ?? []),
      ...compact({ description: args.description, num_loops: args.num_loops, on_call_handoff_notifications: args.on_call_handoff_notifications }),
      ...(args.team_ids ? { teams: teamRefs(args.team_ids) } : {}),
    };
    const { escalation_policy } = await ctx.client.request<{ escalation_policy: Raw }>('PUT', policyPath(policy_id), {
      signal: ctx.signal,
      body: { escalation_policy: body },
    });
    const shaped = shapeEscalationPolicy(escalation_policy);
    return { text: fence('Updated escalation policy', policyDetail(shaped)), structured: { escalation_policy: shaped } };
  },
});

export const escalationPoliciesTools = [listPolicies, getPolicy, createPolicy, updatePolicy];
