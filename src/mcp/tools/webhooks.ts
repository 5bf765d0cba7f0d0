import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { registerSecret } from '../../pagerduty/redact';
import { compact, type Raw } from '../shape/common';
import { extensionSchemaLine, shapeExtensionSchema, shapeWebhook, webhookLine } from '../shape/webhook';
import { fence } from '../../model/untrusted';
import { defineListTool } from './listTool';
import { objectOutput } from './output';
import { limit, offset, pdId } from './params';
import { CREATE, defineTool, DESTRUCTIVE, READ, UPDATE, type ToolDefinition } from './types';

/** Event types V3 webhook subscriptions deliver (the simulator accepts exactly these). */
export const WEBHOOK_EVENTS = [
  'incident.acknowledged',
  'incident.annotated',
  'incident.conference_bridge.updated',
  'incident.custom_field_values.updated',
  'incident.delegated',
  'incident.escalated',
  'incident.incident_type.changed',
  'incident.priority_updated',
  'incident.reassigned',
  'incident.reopened',
  'incident.resolved',
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.triggered',
  'incident.unacknowledged',
  'incident.workflow.completed',
  'incident.workflow.started',
  'service.created',
  'service.deleted',
  'service.updated',
  'pagey.ping',
] as const;

const FILTER_TYPE = z.enum(['account', 'service', 'team']);
const subscriptionId = pdId('webhook subscription');
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).describe('Event types to deliver');
const filterId = pdId('service or team').optional().describe('Service or team id (filter_type service/team)');
const description = z.string().trim().max(1000).optional().describe('What the subscription is for');

function subscriptionPath(id: string) {
  return `/webhook_subscriptions/${encodeURIComponent(id)}`;
}

/** account takes no id; service and team need one. */
function filterBody(type: z.infer<typeof FILTER_TYPE>, id: string | undefined) {
  if (type === 'account') {
    if (id) throw new PagerDutyError('invalid_request', 'filter_id is only for filter_type "service" or "team"; leave it out for "account".');
    return { type: 'account_reference' };
  }
  if (!id) throw new PagerDutyError('invalid_request', `filter_type "${type}" needs filter_id: the ${type} whose events to deliver.`);
  return { type: `${type}_reference`, id };
}

const listSubscriptions = defineListTool({
  name: 'list_webhook_subscriptions',
  title: 'List webhook subscriptions',
  description: 'List V3 webhook subscriptions: URL, events, scope (account, service, team), active state.',
  toolset: 'webhooks',
  input: () => ({ filter_type: FILTER_TYPE.optional().describe('Only subscriptions with this scope'), filter_id: filterId, limit: limit(25, 100), offset }),
  prepare(args) {
    if (args.filter_id && (!args.filter_type || args.filter_type === 'account')) {
      throw new PagerDutyError('invalid_request', 'filter_id needs filter_type "service" or "team".');
    }
    return args;
  },
  from: {
    path: '/webhook_subscriptions',
    key: 'webhook_subscriptions',
    query: (args) => ({ filter_type: args.filter_type, filter_id: args.filter_id }),
  },
  show: { shape: shapeWebhook, line: webhookLine, label: 'Webhook subscriptions', empty: 'No webhook subscriptions match.' },
});

const getSubscription = defineTool({
  name: 'get_webhook_subscription',
  title: 'Get webhook subscription',
  description: 'Get one webhook subscription: URL, events, scope, active state, header names.',
  toolset: 'webhooks',
  annotations: READ,
  input: () => ({ subscription_id: subscriptionId }),
  output: () => objectOutput('webhook_subscription'),
  async handler(args, ctx) {
    const { webhook_subscription: raw } = await ctx.client.get<{ webhook_subscription: Raw }>(subscriptionPath(args.subscription_id), { signal: ctx.signal });
    const shaped = shapeWebhook(raw);
    return { text: fence('Webhook subscription', webhookLine(shaped)), structured: { webhook_subscription: shaped } };
  },
});

const createSubscription = defineTool({
  name: 'create_webhook_subscription',
  title: 'Create webhook subscription',
  description: 'Send PagerDuty events to an HTTPS URL. Returns the signing secret ONCE: store it right away.',
  toolset: 'webhooks',
  annotations: CREATE,
  input: () => ({
    url: z
      .string()
      .trim()
      .url()
      .max(2048)
      .refine((u) => u.startsWith('https://'), { message: 'must be an https:// URL' })
      .describe('HTTPS endpoint that receives the events'),
    events,
    filter_type: FILTER_TYPE.describe('Scope: whole account, one service or one team'),
    filter_id: filterId,
    description,
    active: z.boolean().default(true).describe('Deliver events right away'),
    custom_headers: z
      .array(
        z.strictObject({
          name: z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'expected an HTTP header name' }).describe('Header name'),
          value: z.string().max(1000).describe('Header value'),
        }),
      )
      .max(10)
      .optional()
      .describe('Extra HTTP headers sent with each delivery'),
  }),
  output: () => ({ ...objectOutput('webhook_subscription'), signing_secret: z.string().optional() }),
  async handler(args, ctx) {
    const { webhook_subscription: raw } = await ctx.client.request<{ webhook_subscription: Raw }>('POST', '/webhook_subscriptions', {
      signal: ctx.signal,
      body: {
        webhook_subscription: compact({
          type: 'webhook_subscription',
          delivery_method: compact({ type: 'http_delivery_method', url: args.url, custom_headers: args.custom_headers }),
          events: [...new Set(args.events)],
          filter: filterBody(args.filter_type, args.filter_id),
          description: args.description,
          active: args.active,
        }),
      },
    });
    const shaped = shapeWebhook(raw);
    const secret = typeof raw.delivery_method?.secret === 'string' ? raw.delivery_method.secret : undefined;
    // Scrub it from anything this process logs from now on; the caller still gets it below.
    registerSecret(secret, 'logs');
    const secretText = secret
      ? `\nSIGNING SECRET (shown only this once; PagerDuty will not return it again, so store it now in the receiver's secret store): ${secret}\nThe receiver verifies the X-PagerDuty-Signature header with it.`
      : '\nPagerDuty returned no signing secret for this subscription.';
    return {
      text: `Created webhook subscription ${shaped.id}.${secretText}\n${fence('Webhook subscription', webhookLine(shaped))}`,
      structured: { webhook_subscription: shaped, ...(secret ? { signing_secret: secret } : {}) },
    };
  },
});

const updateSubscription = defineTool({
  name: 'update_webhook_subscription',
  title: 'Update webhook subscription',
  description: 'Change a webhook subscription: events, scope, description or active. Only the given fields change.',
  toolset: 'webhooks',
  annotations: UPDATE,
  input: () => ({
    subscription_id: subscriptionId,
    events: events.optional().describe('Replaces the event list'),
    filter_type: FILTER_TYPE.optional().describe('New scope'),
    filter_id: filterId,
    description,
    active: z.boolean().optional().describe('Turn delivery on or off'),
  }),
  output: () => objectOutput('webhook_subscription'),
  async handler(args, ctx) {
    if (args.filter_id && !args.filter_type) throw new PagerDutyError('invalid_request', 'filter_id needs filter_type ("service" or "team").');
    const change = compact({
      events: args.events ? [...new Set(args.events)] : undefined,
      filter: args.filter_type ? filterBody(args.filter_type, args.filter_id) : undefined,
      description: args.description,
      active: args.active,
    });
    if (Object.keys(change).length === 0) {
      throw new PagerDutyError('invalid_request', 'Nothing to change: give at least one of events, filter_type, description, active.');
    }
    const { webhook_subscription: raw } = await ctx.client.request<{ webhook_subscription: Raw }>('PUT', subscriptionPath(args.subscription_id), {
      signal: ctx.signal,
      body: { webhook_subscription: change },
    });
    const shaped = shapeWebhook(raw);
    return { text: `Updated webhook subscription ${shaped.id} (${Object.keys(change).join(', ')}).\n${fence('Webhook subscription', webhookLine(shaped))}`, structured: { webhook_subscription: shaped } };
  },
});

const deleteSubscription = defineTool({
  name: 'delete_webhook_subscription',
  title: 'Delete webhook subscription',
  description: 'Delete a webhook subscription; its endpoint stops receiving events. Cannot be undone.',
  toolset: 'webhooks',
  annotations: DESTRUCTIVE,
  input: () => ({ subscription_id: subscriptionId }),
  output: () => ({ deleted: z.boolean(), subscription_id: z.string() }),
  async handler(args, ctx) {
    await ctx.client.request('DELETE', subscriptionPath(args.subscription_id), { signal: ctx.signal });
    return { text: `Deleted webhook subscription ${args.subscription_id}.`, structured: { deleted: true, subscription_id: args.subscription_id } };
  },
});

const listSchemas = defineListTool({
  name: 'list_extension_schemas',
  title: 'List extension schemas',
  description: 'List extension types (e.g. Generic V2 Webhook, Slack) that can be added to services.',
  toolset: 'webhooks',
  input: () => ({ limit: limit(25, 100), offset }),
  from: { path: '/extension_schemas', key: 'extension_schemas' },
  show: { shape: shapeExtensionSchema, line: extensionSchemaLine, label: 'Extension schemas', empty: 'No extension schemas.' },
});

const getSchema = defineTool({
  name: 'get_extension_schema',
  title: 'Get extension schema',
  description: 'Get one extension schema: label, key, description, the events it sends, guide link.',
  toolset: 'webhooks',
  annotations: READ,
  input: () => ({ schema_id: pdId('extension schema') }),
  output: () => objectOutput('extension_schema'),
  async handler(args, ctx) {
    const { extension_schema: raw } = await ctx.client.get<{ extension_schema: Raw }>(`/extension_schemas/${encodeURIComponent(args.schema_id)}`, {
      signal: ctx.signal,
    });
    const shaped = shapeExtensionSchema(raw);
    return { text: fence('Extension schema', extensionSchemaLine(shaped)), structured: { extension_schema: shaped } };
  },
});

export const webhooksTools: ToolDefinition[] = [
  listSubscriptions,
  getSubscription,
  createSubscription,
  updateSubscription,
  deleteSubscription,
  listSchemas,
  getSchema,
];
