import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import type { Raw } from '../shape/common';
import { serviceDetail, serviceLine, shapeIntegration, shapeService } from '../shape/service';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { listAnswer, objectOutput } from './output';
import { integrationKey, limit, offset, pdId, pdIds, query, text } from './params';
import { CREATE, defineTool, READ, UPDATE, type ToolContext } from './types';

const serviceId = pdId('service');
/** Seconds; PagerDuty turns the behaviour off with null. */
const timeoutSeconds = (what: string) =>
  z.number().int().min(60).max(604_800).nullable().optional().describe(`${what} after N seconds; null = never`);
const URGENCY = z.enum(['high', 'low', 'severity_based']).optional().describe('Urgency of new incidents');

function servicePath(id: string) {
  return `/services/${encodeURIComponent(id)}`;
}

/** Drops only undefined (not given); unlike compact(), keeps null. */
function given(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function urgencyRule(urgency: string | undefined) {
  return urgency ? { type: 'constant', urgency } : undefined;
}

/** How many services one lookup by integration key reads at most (PagerDuty has no lookup by key). */
export const KEY_SEARCH_MAX = 1000;

/**
 * The services with an integration whose key is `key`, reading services with their integrations from `offset`, at
 * most KEY_SEARCH_MAX of them (the client's paging, 100 a page). The key is compared here and never shown: the answer
 * holds only the services.
 */
async function servicesByIntegrationKey(ctx: ToolContext, key: string, offset = 0) {
  const page = await ctx.client.list<Raw>('/services', 'services', { signal: ctx.signal, limit: KEY_SEARCH_MAX, offset, query: { include: ['integrations'] } });
  const found = page.items.filter((s) => Array.isArray(s.integrations) && s.integrations.some((i: Raw) => i?.integration_key === key));
  const read = page.items.length;
  const next = page.nextOffset;
  const stopped = next !== undefined;
  return listAnswer({
    label: 'Services with this integration key',
    key: 'services',
    items: found.map(shapeService),
    line: serviceLine,
    intro: stopped ? `Read ${read} services (the most one call reads); a service after them may hold this key.\n` : undefined,
    page: stopped ? { more: true, nextOffset: next } : { more: false },
    empty: stopped ? 'None of these services has an integration with this key.' : 'No service has an integration with this key.',
  });
}

const listServices = defineListTool({
  name: 'list_services',
  title: 'List services',
  description: `List services by name, with status, escalation policy and teams. Filter by name or team; page with offset. integration_key: the service an integration key sends to (reads up to ${KEY_SEARCH_MAX} services from offset).`,
  toolset: 'services',
  addedOptions: ['integration_key'],
  input: () => ({ query, team_ids: pdIds('team').optional(), integration_key: integrationKey().optional(), limit: limit(25), offset }),
  from: { path: '/services', key: 'services', query: (args) => ({ query: args.query, team_ids: args.team_ids }) },
  show: { shape: shapeService, line: serviceLine, label: 'Services', empty: 'No services match.' },
  prepare(args) {
    if (args.integration_key && (args.query || args.team_ids)) {
      throw new PagerDutyError('invalid_request', 'integration_key finds a service by itself: leave query and team_ids out.');
    }
    return args;
  },
  instead: (args, ctx) => (args.integration_key ? servicesByIntegrationKey(ctx, args.integration_key, args.offset) : undefined),
});

async function getRaw(ctx: ToolContext, id: string, include?: string[]): Promise<Raw> {
  const { service } = await ctx.client.get<{ service: Raw }>(servicePath(id), { signal: ctx.signal, query: { include } });
  return service;
}

const getService = defineTool({
  name: 'get_service',
  title: 'Get service',
  description: 'Get one service: status, escalation policy, teams, urgency, timeouts, link.',
  toolset: 'services',
  annotations: READ,
  addedOptions: ['include_integrations'],
  input: () => ({
    service_id: serviceId,
    include_integrations: z.boolean().optional().describe('Integrations too'),
  }),
  output: () => objectOutput('service'),
  async handler(args, ctx) {
    const raw = await getRaw(ctx, args.service_id, args.include_integrations ? ['integrations'] : undefined);
    const shaped = shapeService(raw);
    if (args.include_integrations) shaped.integrations = (Array.isArray(raw.integrations) ? raw.integrations : []).map(shapeIntegration);
    return { text: fence('Service', serviceDetail(shaped)), structured: { service: shaped } };
  },
});

const createService = defineTool({
  name: 'create_service',
  title: 'Create service',
  description: "Create a service on an escalation policy. Its teams come from the escalation policy's teams.",
  toolset: 'services',
  annotations: CREATE,
  input: () => ({
    name: text('Service name', 255),
    escalation_policy_id: pdId('escalation policy'),
    description: z.string().max(1024).optional().describe('Service description'),
    urgency: URGENCY,
    auto_resolve_timeout: timeoutSeconds('Auto-resolve incidents'),
    acknowledgement_timeout: timeoutSeconds('Re-trigger acknowledged incidents'),
  }),
  output: () => objectOutput('service'),
  async handler(args, ctx) {
    const { service } = await ctx.client.request<{ service: Raw }>('POST', '/services', {
      signal: ctx.signal,
      body: {
        // given(), not compact(): a null timeout is meaningful (turns it off).
        service: given({
          type: 'service',
          name: args.name,
          description: args.description,
          escalation_policy: { id: args.escalation_policy_id, type: 'escalation_policy_reference' },
          incident_urgency_rule: urgencyRule(args.urgency),
          auto_resolve_timeout: args.auto_resolve_timeout,
          acknowledgement_timeout: args.acknowledgement_timeout,
        }),
      },
    });
    const shaped = shapeService(service);
    return { text: fence('Created service', serviceDetail(shaped)), structured: { service: shaped } };
  },
});

const updateService = defineTool({
  name: 'update_service',
  title: 'Update service',
  description: 'Change only the given fields of a service (reads it first to keep its escalation policy, which the API requires).',
  toolset: 'services',
  annotations: UPDATE,
  input: () => ({
    service_id: serviceId,
    name: text('New name', 255).optional(),
    description: z.string().max(1024).optional().describe('New description ("" clears it)'),
    escalation_policy_id: pdId('escalation policy').optional(),
    status: z.enum(['active', 'disabled']).optional().describe('disabled = stop creating incidents'),
    urgency: URGENCY,
    auto_resolve_timeout: timeoutSeconds('Auto-resolve incidents'),
    acknowledgement_timeout: timeoutSeconds('Re-trigger acknowledged incidents'),
  }),
  output: () => objectOutput('service'),
  async handler(args, ctx) {
    const { service_id, escalation_policy_id, urgency, ...rest } = args;
    const changes = given(rest);
    if (Object.keys(changes).length === 0 && !escalation_policy_id && !urgency) {
      throw new PagerDutyError(
        'invalid_request',
        'Nothing to change: give at least one of name, description, escalation_policy_id, status, urgency, auto_resolve_timeout, acknowledgement_timeout.',
      );
    }
    // The spec requires escalation_policy on PUT; keep the current one unless a new one is given.
    const policyId = escalation_policy_id ?? String((await getRaw(ctx, service_id)).escalation_policy?.id ?? '');
    if (!policyId) throw new PagerDutyError('malformed_response', `Service ${service_id} has no escalation policy to keep; pass escalation_policy_id.`);
    const { service } = await ctx.client.request<{ service: Raw }>('PUT', servicePath(service_id), {
      signal: ctx.signal,
      body: {
        service: {
          type: 'service',
          ...changes,
          escalation_policy: { id: policyId, type: 'escalation_policy_reference' },
          ...(urgency ? { incident_urgency_rule: urgencyRule(urgency) } : {}),
        },
      },
    });
    const shaped = shapeService(service);
    return { text: fence('Updated service', serviceDetail(shaped)), structured: { service: shaped } };
  },
});

export const servicesTools = [listServices, getService, createService, updateService];
