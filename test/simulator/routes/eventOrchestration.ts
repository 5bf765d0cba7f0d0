/** Event orchestrations: list/get, the router (read and replace), global rules, and service orchestrations. */
import { invalidInput } from '../errors';
import type { JsonBody } from '../render';
import { paginate } from '../render';
import type { HandlerContext, Route } from '../router';
import { eventOrchestrationState, ruleId, type OrchestrationRec, type PathRec, type RuleRec } from '../seed/eventOrchestration';
import { iso } from '../time';
import { getOr404 } from './lookup';
import { objectBody } from './params';

const userLink = (ctx: HandlerContext, id: string) => ({ id, type: 'user_reference', self: `${ctx.state.apiBase}/users/${id}` });

function orchestration(ctx: HandlerContext, o: OrchestrationRec, full: boolean): JsonBody {
  return {
    id: o.id,
    self: `${ctx.state.apiBase}/event_orchestrations/${o.id}`,
    name: o.name,
    description: o.description,
    ...(o.teamId ? { team: { id: o.teamId, type: 'team_reference', self: `${ctx.state.apiBase}/teams/${o.teamId}` } } : {}),
    routes: o.router.sets.reduce((n, s) => n + s.rules.length, 0),
    created_at: o.created_at,
    created_by: userLink(ctx, o.createdBy),
    updated_at: o.router.updated_at,
    updated_by: userLink(ctx, o.router.updatedBy),
    version: o.router.version,
    ...(full ? { integrations: [{ id: `${o.id.slice(0, 8)}-int`, label: 'Default', parameters: { routing_key: o.routingKey, type: 'global' } }] } : {}),
  };
}

function path(ctx: HandlerContext, p: PathRec, type: 'router' | 'global' | 'service', parent: JsonBody): JsonBody {
  const self = type === 'service' ? `${ctx.state.apiBase}/event_orchestrations/services/${parent.id}` : `${parent.self}/${type}`;
  return {
    orchestration_path: {
      type,
      parent,
      self,
      sets: p.sets,
      catch_all: p.catch_all,
      created_at: p.updated_at,
      created_by: userLink(ctx, p.updatedBy),
      updated_at: p.updated_at,
      updated_by: userLink(ctx, p.updatedBy),
      version: p.version,
    },
  };
}

function parentOf(ctx: HandlerContext, o: OrchestrationRec): JsonBody {
  return { id: o.id, type: 'event_orchestration_reference', self: `${ctx.state.apiBase}/event_orchestrations/${o.id}` };
}

function routeTarget(ctx: HandlerContext, value: unknown, where: string, allowUnrouted: boolean): void {
  if (allowUnrouted && value === 'unrouted') return;
  if (typeof value !== 'string' || !ctx.state.services.has(value)) throw invalidInput(`${where}.route_to must be the id of a service${allowUnrouted ? ' or "unrouted"' : ''}`);
}

/** Validates a router replacement the way PagerDuty does: one set, route_to services that exist, string expressions. */
function parseRouter(ctx: HandlerContext): Pick<PathRec, 'sets' | 'catch_all'> {
  const input = objectBody(ctx.body, 'orchestration_path');
  const sets = input.sets;
  if (!Array.isArray(sets) || sets.length !== 1) throw invalidInput('orchestration_path.sets must contain exactly one set');
  const rules = (sets[0] as { rules?: unknown }).rules ?? [];
  if (!Array.isArray(rules)) throw invalidInput('orchestration_path.sets[0].rules must be a list');
  const parsed: RuleRec[] = rules.map((raw, i) => {
    const rule = raw as Partial<RuleRec>;
    const where = `sets[0].rules[${i}]`;
    if (!Array.isArray(rule.conditions) || rule.conditions.some((c) => typeof c?.expression !== 'string' || !c.expression.trim())) {
      throw invalidInput(`${where}.conditions must be a list of {expression}`);
    }
    routeTarget(ctx, rule.actions?.route_to, `${where}.actions`, false);
    return {
      id: typeof rule.id === 'string' && rule.id ? rule.id : ruleId(ctx.state),
      ...(rule.label ? { label: String(rule.label) } : {}),
      conditions: rule.conditions.map((c) => ({ expression: c.expression })),
      actions: { route_to: rule.actions!.route_to },
      ...(rule.disabled !== undefined ? { disabled: Boolean(rule.disabled) } : {}),
    };
  });
  const catchAll = (input.catch_all as { actions?: { route_to?: unknown } } | undefined)?.actions?.route_to ?? 'unrouted';
  routeTarget(ctx, catchAll, 'catch_all.actions', true);
  return { sets: [{ id: String((sets[0] as { id?: unknown }).id ?? 'start'), rules: parsed }], catch_all: { actions: { route_to: catchAll } } };
}

export function eventOrchestrationRoutes(route: Route): void {
  const area = (ctx: HandlerContext) => eventOrchestrationState(ctx.state, ctx.now.getTime());
  const find = (ctx: HandlerContext) => getOr404(area(ctx).orchestrations, ctx.params.id);

  route('GET', '/event_orchestrations', (ctx) => {
    const [field, dir] = (ctx.query.get('sort_by') ?? 'name:asc').split(':');
    const key = (o: OrchestrationRec) => (field === 'routes' ? String(o.router.sets[0].rules.length).padStart(6, '0') : field === 'created_at' ? o.created_at : o.name);
    const all = [...area(ctx).orchestrations.values()].sort((a, b) => key(a).localeCompare(key(b)) * (dir === 'desc' ? -1 : 1));
    const { page, meta } = paginate(all, ctx.query);
    return { status: 200, body: { orchestrations: page.map((o) => orchestration(ctx, o, false)), ...meta } };
  });

  route('GET', '/event_orchestrations/{id}', (ctx) => ({ status: 200, body: { orchestration: orchestration(ctx, find(ctx), true) } }));

  route('GET', '/event_orchestrations/{id}/router', (ctx) => {
    const o = find(ctx);
    const body = path(ctx, o.router, 'router', parentOf(ctx, o));
    // The body is already built, so a hook's edit shows up only in later reads, like a concurrent writer's would.
    area(ctx).hooks.afterRouterRead?.(o.id);
    return { status: 200, body };
  });

  route('PUT', '/event_orchestrations/{id}/router', (ctx) => {
    const o = find(ctx);
    const parsed = parseRouter(ctx);
    o.router = { ...parsed, version: ctx.state.newId('', 12).toLowerCase(), updated_at: iso(ctx.now), updatedBy: ctx.actor?.id ?? o.router.updatedBy };
    return { status: 200, body: path(ctx, o.router, 'router', parentOf(ctx, o)) };
  });

  route('GET', '/event_orchestrations/{id}/global', (ctx) => {
    const o = find(ctx);
    return { status: 200, body: path(ctx, o.global, 'global', parentOf(ctx, o)) };
  });

  route('GET', '/event_orchestrations/services/{service_id}', (ctx) => {
    const service = getOr404(ctx.state.services, ctx.params.service_id);
    const owner = [...ctx.state.users.values()][0].id;
    const rec: PathRec = area(ctx).services.get(service.id) ?? {
      sets: [{ id: 'start', rules: [] }],
      catch_all: { actions: {} },
      version: 'initial',
      updated_at: service.created_at,
      updatedBy: owner,
    };
    const parent = { id: service.id, type: 'service_reference', self: `${ctx.state.apiBase}/services/${service.id}` };
    return { status: 200, body: path(ctx, rec, 'service', parent) };
  });
}
