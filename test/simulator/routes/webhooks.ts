/** /webhook_subscriptions (list, get, create, partial update, delete) and /extension_schemas (list, get). */
import { invalidInput, notFound } from '../errors';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import { newWebhookSecret, WEBHOOK_EVENTS, webhooksOf, type ExtensionSchemaRec, type FilterType, type WebhookRec } from '../seed/webhooks';
import { objectBody } from './params';

const EVENTS: ReadonlySet<string> = new Set(WEBHOOK_EVENTS);
const FILTER_TYPES: ReadonlySet<string> = new Set(['account_reference', 'service_reference', 'team_reference']);

export function webhookRoutes(route: Route): void {
  route('GET', '/webhook_subscriptions', (ctx) => {
    const type = ctx.query.get('filter_type');
    const id = ctx.query.get('filter_id');
    const subs = [...webhooksOf(ctx.state).subscriptions.values()].filter(
      (s) => (!type || s.filter.type === `${type}_reference`) && (!id || s.filter.id === id),
    );
    const { page, meta } = paginate(subs, ctx.query);
    return { status: 200, body: { webhook_subscriptions: page.map((s) => renderSubscription(s, false)), ...meta } };
  });

  route('GET', '/webhook_subscriptions/{id}', (ctx) => ({
    status: 200,
    body: { webhook_subscription: renderSubscription(findSubscription(ctx), false) },
  }));

  route('POST', '/webhook_subscriptions', (ctx) => {
    const input = objectBody(ctx.body, 'webhook_subscription');
    const delivery = (input.delivery_method ?? {}) as Record<string, unknown>;
    if (delivery.type !== 'http_delivery_method') throw invalidInput('delivery_method.type must be http_delivery_method');
    if (typeof delivery.url !== 'string' || !/^https:\/\/[^\s/]+/.test(delivery.url)) throw invalidInput('delivery_method.url must be an HTTPS URL');
    const state = webhooksOf(ctx.state);
    const rec: WebhookRec = {
      id: 'P' + state.prng.token(6),
      deliveryId: 'P' + state.prng.token(6),
      url: delivery.url,
      secret: newWebhookSecret(state.prng),
      custom_headers: headers(delivery.custom_headers),
      description: typeof input.description === 'string' ? input.description : '',
      events: events(input.events),
      filter: filter(ctx, input.filter),
      active: input.active !== false,
      temporarily_disabled: false,
    };
    state.subscriptions.set(rec.id, rec);
    return { status: 200, body: { webhook_subscription: renderSubscription(rec, true) } };
  });

  route('PUT', '/webhook_subscriptions/{id}', (ctx) => {
    const rec = findSubscription(ctx);
    const input = objectBody(ctx.body, 'webhook_subscription');
    // Validate everything before changing anything, so a bad field leaves the subscription as it was.
    const next = {
      description: input.description === undefined ? rec.description : String(input.description),
      events: input.events === undefined ? rec.events : events(input.events),
      filter: input.filter === undefined ? rec.filter : filter(ctx, input.filter),
      active: input.active === undefined ? rec.active : input.active === true,
    };
    Object.assign(rec, next);
    return { status: 200, body: { webhook_subscription: renderSubscription(rec, false) } };
  });

  route('DELETE', '/webhook_subscriptions/{id}', (ctx) => {
    webhooksOf(ctx.state).subscriptions.delete(findSubscription(ctx).id);
    return { status: 204 };
  });

  route('GET', '/extension_schemas', (ctx) => {
    const { page, meta } = paginate([...webhooksOf(ctx.state).schemas.values()], ctx.query);
    return { status: 200, body: { extension_schemas: page.map((s) => renderSchema(ctx, s)), ...meta } };
  });

  route('GET', '/extension_schemas/{id}', (ctx) => {
    const schema = webhooksOf(ctx.state).schemas.get(ctx.params.id);
    if (!schema) throw notFound();
    return { status: 200, body: { extension_schema: renderSchema(ctx, schema) } };
  });
}

function findSubscription(ctx: HandlerContext): WebhookRec {
  const rec = webhooksOf(ctx.state).subscriptions.get(ctx.params.id);
  if (!rec) throw notFound();
  return rec;
}

function events(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidInput('events must be a non-empty array of event types');
  const unknown = value.filter((e) => typeof e !== 'string' || !EVENTS.has(e));
  if (unknown.length) throw invalidInput(`Unknown event types: ${unknown.map(String).join(', ')}`);
  return [...new Set(value as string[])];
}

function filter(ctx: HandlerContext, value: unknown): WebhookRec['filter'] {
  const f = (value ?? {}) as { type?: unknown; id?: unknown };
  if (typeof f.type !== 'string' || !FILTER_TYPES.has(f.type)) throw invalidInput('filter.type must be account_reference, service_reference or team_reference');
  const type = f.type as FilterType;
  if (type === 'account_reference') return { type };
  const id = typeof f.id === 'string' ? f.id : '';
  const exists = type === 'service_reference' ? ctx.state.services.has(id) : ctx.state.teams.has(id);
  if (!exists) throw invalidInput(`filter.id "${id}" is not a ${type === 'service_reference' ? 'service' : 'team'} on this account`);
  return { type, id };
}

function headers(value: unknown): WebhookRec['custom_headers'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput('custom_headers must be an array');
  return value.map((h) => {
    const { name, value: v } = (h ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || !name || typeof v !== 'string') throw invalidInput('each custom header needs a name and a value');
    return { name, value: v };
  });
}

function renderSubscription(rec: WebhookRec, withSecret: boolean) {
  return {
    id: rec.id,
    type: 'webhook_subscription',
    active: rec.active,
    delivery_method: {
      id: rec.deliveryId,
      secret: withSecret ? rec.secret : null,
      temporarily_disabled: rec.temporarily_disabled,
      type: 'http_delivery_method',
      url: rec.url,
      // Echoed as stored: header values often carry credentials, and tests check the tools do not repeat them.
      custom_headers: rec.custom_headers,
    },
    description: rec.description,
    events: rec.events,
    filter: rec.filter,
  };
}

function renderSchema(ctx: HandlerContext, s: ExtensionSchemaRec) {
  return {
    id: s.id,
    type: 'extension_schema',
    summary: s.label,
    self: `${ctx.state.apiBase}/extension_schemas/${s.id}`,
    icon_url: `https://assets.acme-sim.example/extensions/${s.key}/icon.png`,
    logo_url: `https://assets.acme-sim.example/extensions/${s.key}/logo.png`,
    label: s.label,
    key: s.key,
    description: s.description,
    guide_url: `https://support.pagerduty.com/docs/${s.key.replace(/_/g, '-')}`,
    send_types: s.send_types,
    url: `${ctx.state.apiBase}/extension_schemas/${s.id}`,
  };
}
