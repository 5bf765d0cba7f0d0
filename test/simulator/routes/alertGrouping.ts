/** /alert_grouping_settings: cursor-paged list (after/before), get, create, update, delete. */
import { invalidInput, notFound } from '../errors';
import type { JsonBody, Renderer } from '../render';
import type { Route } from '../router';
import { alertGroupingState, type GroupingSettingRec, type GroupingType } from '../seed/alertGrouping';
import type { SimState } from '../state';
import { iso } from '../time';
import { getOr404 } from './lookup';
import { listParam, objectBody } from './params';

const TYPES: GroupingType[] = ['content_based', 'content_based_intelligent', 'intelligent', 'time'];

/** Which config keys each type takes, with their bounds (PagerDuty's AlertGroupingSetting config schemas). */
const CONFIG: Record<GroupingType, Record<string, [number, number] | 'aggregate' | 'fields'>> = {
  content_based: { aggregate: 'aggregate', fields: 'fields', time_window: [300, 86400] },
  content_based_intelligent: { aggregate: 'aggregate', fields: 'fields', time_window: [300, 3600] },
  intelligent: { time_window: [300, 3600], iag_fields: 'fields' },
  time: { timeout: [60, 86400] },
};

function render(render: Renderer, s: GroupingSettingRec): JsonBody {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    type: s.type,
    config: s.config,
    // PagerDuty names each grouped service here; a service reference's summary is its name.
    services: s.serviceIds.map((id) => render.ref('service', id)).map((ref) => ({ ...ref, name: ref.summary })),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

function parse(state: SimState, body: unknown): Omit<GroupingSettingRec, 'id' | 'created_at' | 'updated_at'> {
  const input = objectBody(body, 'alert_grouping_setting');
  const type = input.type as GroupingType;
  if (!TYPES.includes(type)) throw invalidInput(`type must be one of ${TYPES.join(', ')}`);
  const config = (input.config ?? {}) as Record<string, unknown>;
  if (typeof config !== 'object' || Array.isArray(config)) throw invalidInput('config must be an object');
  const rules = CONFIG[type];
  for (const [key, value] of Object.entries(config)) {
    const rule = rules[key];
    if (!rule) throw invalidInput(`config.${key} is not valid for type ${type}`);
    if (rule === 'aggregate' && value !== 'all' && value !== 'any') throw invalidInput('config.aggregate must be all or any');
    if (rule === 'fields' && (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string'))) {
      throw invalidInput(`config.${key} must be a non-empty list of field names`);
    }
    if (Array.isArray(rule) && (!Number.isInteger(value) || (value as number) < rule[0] || (value as number) > rule[1])) {
      throw invalidInput(`config.${key} must be an integer from ${rule[0]} to ${rule[1]}`);
    }
  }
  if ((type === 'content_based' || type === 'content_based_intelligent') && (!config.aggregate || !config.fields)) {
    throw invalidInput('content based grouping needs config.aggregate and config.fields');
  }
  if (type === 'time' && config.timeout === undefined) throw invalidInput('time grouping needs config.timeout');
  const services = input.services;
  if (!Array.isArray(services) || services.length === 0) throw invalidInput('services must list at least one service');
  const serviceIds = services.map((s) => String((s as { id?: unknown }).id ?? ''));
  for (const id of serviceIds) if (!state.services.has(id)) throw invalidInput(`Service ${id} not found`);
  if (type === 'content_based_intelligent' && serviceIds.length !== 1) throw invalidInput('content_based_intelligent allows only one service');
  return {
    name: typeof input.name === 'string' ? input.name : null,
    description: typeof input.description === 'string' ? input.description : '',
    type,
    config,
    serviceIds,
  };
}

/** Opaque cursors, as PagerDuty's are: they encode a position in the ordered list. */
const encode = (index: number) => Buffer.from(`pos:${index}`).toString('base64url');
function decode(cursor: string): number {
  const match = /^pos:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw invalidInput('Invalid cursor');
  return Number(match[1]);
}

export function alertGroupingRoutes(route: Route): void {
  route('GET', '/alert_grouping_settings', ({ query, state, render: r, now }) => {
    const wanted = new Set(listParam(query, 'service_ids'));
    const all = [...alertGroupingState(state, now.getTime()).settings.values()].filter(
      (s) => !wanted.size || s.serviceIds.some((id) => wanted.has(id)),
    );
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 25) || 25, 1), 100);
    const after = query.get('after');
    const before = query.get('before');
    let start = after ? decode(after) : 0;
    if (before) start = Math.max(0, decode(before) - limit);
    const end = before ? Math.min(decode(before), start + limit) : start + limit;
    const page = all.slice(start, end);
    return {
      status: 200,
      body: {
        alert_grouping_settings: page.map((s) => render(r, s)),
        after: end < all.length ? encode(end) : null,
        before: start > 0 ? encode(start) : null,
        limit,
        total: query.get('total') === 'true' ? all.length : null,
      },
    };
  });

  route('GET', '/alert_grouping_settings/{id}', ({ params, state, render: r, now }) => ({
    status: 200,
    body: { alert_grouping_setting: render(r, getOr404(alertGroupingState(state, now.getTime()).settings, params.id)) },
  }));

  route('POST', '/alert_grouping_settings', ({ body, state, render: r, now }) => {
    const parsed = parse(state, body);
    const rec: GroupingSettingRec = { ...parsed, id: state.newId(), created_at: iso(now), updated_at: iso(now) };
    alertGroupingState(state, now.getTime()).settings.set(rec.id, rec);
    return { status: 201, body: { alert_grouping_setting: render(r, rec) } };
  });

  route('PUT', '/alert_grouping_settings/{id}', ({ params, body, state, render: r, now }) => {
    const rec = getOr404(alertGroupingState(state, now.getTime()).settings, params.id);
    Object.assign(rec, parse(state, body), { updated_at: iso(now) });
    return { status: 200, body: { alert_grouping_setting: render(r, rec) } };
  });

  route('DELETE', '/alert_grouping_settings/{id}', ({ params, state, now }) => {
    if (!alertGroupingState(state, now.getTime()).settings.delete(params.id)) throw notFound();
    return { status: 204 };
  });
}
