import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import { compact, type Raw } from '../shape/common';
import { GROUPING_TYPES, groupingDetail, groupingLine, shapeGroupingSetting, type GroupingType } from '../shape/alertGrouping';
import { fence } from '../../model/untrusted';
import { items, objectOutput } from './output';
import { limit, pdId, pdIds, visibleText } from './params';
import { CREATE, defineTool, DESTRUCTIVE, READ, UPDATE, type ToolContext, type ToolDefinition } from './types';

const settingId = pdId('alert grouping setting');
const cursor = z.string().trim().min(1).max(2000);

/** The per-type config fields, flat; which of them a type accepts is checked in buildConfig (the spec's anyOf). */
const configInput = {
  time_window: z.number().int().min(300).max(86_400).optional().describe('Seconds (max 3600 unless content_based)'),
  aggregate: z.enum(['all', 'any']).optional().describe('Content types: all or any field'),
  fields: z.array(z.string().trim().min(1).max(200)).min(1).max(20).optional().describe('Content types: fields, e.g. summary'),
  iag_fields: z.array(z.string().trim().min(1).max(200)).min(1).max(20).optional().describe('Intelligent: fields used'),
  timeout: z.number().int().min(60).max(86_400).optional().describe('Time type: seconds'),
};
type ConfigArgs = { [K in keyof typeof configInput]?: z.infer<(typeof configInput)[K]> };

const ALLOWED: Record<GroupingType, (keyof ConfigArgs)[]> = {
  content_based: ['time_window', 'aggregate', 'fields'],
  content_based_intelligent: ['time_window', 'aggregate', 'fields'],
  intelligent: ['time_window', 'iag_fields'],
  time: ['timeout'],
};

/** Validates the flat config arguments against the type and returns the API's config object. */
export function buildConfig(type: GroupingType, args: ConfigArgs): Record<string, unknown> {
  const given = (Object.keys(configInput) as (keyof ConfigArgs)[]).filter((k) => args[k] !== undefined);
  const wrong = given.filter((k) => !ALLOWED[type].includes(k));
  if (wrong.length) {
    throw new PagerDutyError('invalid_request', `type "${type}" does not take ${wrong.join(', ')}; it takes ${ALLOWED[type].join(', ')}.`);
  }
  if (type === 'content_based' || type === 'content_based_intelligent') {
    if (!args.aggregate || !args.fields) throw new PagerDutyError('invalid_request', `type "${type}" needs aggregate (all|any) and fields.`);
  }
  if (type !== 'content_based' && args.time_window !== undefined && args.time_window > 3600) {
    throw new PagerDutyError('invalid_request', `time_window for type "${type}" must be 300-3600 seconds.`);
  }
  if (type === 'time' && args.timeout === undefined) throw new PagerDutyError('invalid_request', 'type "time" needs timeout (seconds, 60-86400).');
  return compact({ ...Object.fromEntries(given.map((k) => [k, args[k]])) });
}

function checkServices(type: GroupingType, serviceIds: string[]) {
  if (type === 'content_based_intelligent' && serviceIds.length !== 1) {
    throw new PagerDutyError('invalid_request', 'type "content_based_intelligent" applies to exactly one service; give one service id.');
  }
}

const serviceRefs = (ids: string[]) => ids.map((id) => ({ id, type: 'service_reference' }));

async function fetchSetting(ctx: ToolContext, id: string): Promise<Raw> {
  const { alert_grouping_setting } = await ctx.client.get<{ alert_grouping_setting: Raw }>(`/alert_grouping_settings/${encodeURIComponent(id)}`, {
    signal: ctx.signal,
  });
  return alert_grouping_setting;
}

function settingResult(label: string, raw: Raw) {
  const shaped = shapeGroupingSetting(raw);
  return { text: fence(label, groupingDetail(shaped)), structured: { alert_grouping_setting: shaped } };
}

const listSettings = defineTool({
  name: 'list_alert_grouping_settings',
  title: 'List alert grouping settings',
  description: 'List alert grouping settings (how alerts become incidents). Cursor paging.',
  toolset: 'alert_grouping',
  annotations: READ,
  input: () => ({
    service_ids: pdIds('service').optional(),
    limit: limit(25, 100),
    after: cursor.optional().describe('next_cursor from a previous call'),
    before: cursor.optional().describe('previous_cursor from a previous call'),
  }),
  output: () => ({ alert_grouping_settings: items, more: z.boolean(), next_cursor: z.string().optional(), previous_cursor: z.string().optional() }),
  async handler(args, ctx) {
    if (args.after && args.before) throw new PagerDutyError('invalid_request', 'Give either after or before, not both.');
    const page = await ctx.client.get<{ alert_grouping_settings?: Raw[]; after?: string | null; before?: string | null }>('/alert_grouping_settings', {
      signal: ctx.signal,
      query: { service_ids: args.service_ids, limit: args.limit, after: args.after, before: args.before },
    });
    const settings = (page.alert_grouping_settings ?? []).map(shapeGroupingSetting);
    const next = page.after || undefined;
    const previous = page.before || undefined;
    const body = settings.length ? settings.map(groupingLine).join('\n') : 'No alert grouping settings match.';
    const paging = next ? `Showing ${settings.length}; more available: call again with after "${next}".` : `Showing ${settings.length}; no more.`;
    return {
      text: `${fence('Alert grouping settings', body)}\n${paging}`,
      structured: compact({ alert_grouping_settings: settings, more: Boolean(next), next_cursor: next, previous_cursor: previous }),
    };
  },
});

const getSetting = defineTool({
  name: 'get_alert_grouping_setting',
  title: 'Get alert grouping setting',
  description: 'Get one alert grouping setting: type, config and services.',
  toolset: 'alert_grouping',
  annotations: READ,
  input: () => ({ setting_id: settingId }),
  output: () => objectOutput('alert_grouping_setting'),
  async handler(args, ctx) {
    return settingResult('Alert grouping setting', await fetchSetting(ctx, args.setting_id));
  },
});

const createSetting = defineTool({
  name: 'create_alert_grouping_setting',
  title: 'Create alert grouping setting',
  description: 'Create an alert grouping setting. content types need aggregate+fields; time needs timeout.',
  toolset: 'alert_grouping',
  annotations: CREATE,
  input: () => ({
    type: z.enum(GROUPING_TYPES).describe('Grouping type'),
    service_ids: pdIds('service'),
    name: z.string().trim().min(1).max(255).refine(...visibleText).optional().describe('Name'),
    description: z.string().trim().max(1024).optional().describe('Description'),
    ...configInput,
  }),
  output: () => objectOutput('alert_grouping_setting'),
  async handler(args, ctx) {
    const config = buildConfig(args.type, args);
    checkServices(args.type, args.service_ids);
    const { alert_grouping_setting } = await ctx.client.request<{ alert_grouping_setting: Raw }>('POST', '/alert_grouping_settings', {
      signal: ctx.signal,
      body: {
        alert_grouping_setting: compact({ name: args.name, description: args.description, type: args.type, config, services: serviceRefs(args.service_ids) }),
      },
    });
    return settingResult('Created alert grouping setting', alert_grouping_setting);
  },
});

const updateSetting = defineTool({
  name: 'update_alert_grouping_setting',
  title: 'Update alert grouping setting',
  description: 'Change an alert grouping setting; omitted fields are kept.',
  toolset: 'alert_grouping',
  annotations: UPDATE,
  input: () => ({
    setting_id: settingId,
    type: z.enum(GROUPING_TYPES).optional().describe('New grouping type'),
    service_ids: pdIds('service').optional().describe('Replaces the services'),
    name: z.string().trim().min(1).max(255).refine(...visibleText).optional().describe('New name'),
    description: z.string().trim().max(1024).optional().describe('New description'),
    ...configInput,
  }),
  output: () => objectOutput('alert_grouping_setting'),
  async handler(args, ctx) {
    const { setting_id, type, service_ids, name, description, ...configArgs } = args;
    const changesConfig = Object.values(configArgs).some((v) => v !== undefined);
    if (!type && !service_ids && name === undefined && description === undefined && !changesConfig) {
      throw new PagerDutyError('invalid_request', 'Nothing to change: give at least one of type, service_ids, name, description or a config field.');
    }
    const current = await fetchSetting(ctx, setting_id);
    const newType = (type ?? current.type) as GroupingType;
    // Same type: merge given fields over the current config; new type: the config must be given whole.
    const base = newType === current.type ? (shapeGroupingSetting(current).config as ConfigArgs) : {};
    const merged: ConfigArgs = {};
    for (const key of ALLOWED[newType]) (merged as Record<string, unknown>)[key] = configArgs[key] ?? base[key];
    for (const key of Object.keys(configArgs) as (keyof ConfigArgs)[]) if (configArgs[key] !== undefined) (merged as Record<string, unknown>)[key] = configArgs[key];
    const config = buildConfig(newType, merged);
    const services = service_ids ?? (current.services ?? []).map((s: Raw) => String(s.id));
    checkServices(newType, services);
    const { alert_grouping_setting } = await ctx.client.request<{ alert_grouping_setting: Raw }>('PUT', `/alert_grouping_settings/${encodeURIComponent(setting_id)}`, {
      signal: ctx.signal,
      body: {
        alert_grouping_setting: compact({
          name: name ?? current.name ?? undefined,
          description: description ?? current.description ?? undefined,
          type: newType,
          config,
          services: serviceRefs(services),
        }),
      },
    });
    return settingResult('Updated alert grouping setting', alert_grouping_setting);
  },
});

const deleteSetting = defineTool({
  name: 'delete_alert_grouping_setting',
  title: 'Delete alert grouping setting',
  description: 'Delete an alert grouping setting.',
  toolset: 'alert_grouping',
  annotations: DESTRUCTIVE,
  input: () => ({ setting_id: settingId }),
  output: () => ({ deleted: z.boolean(), setting_id: z.string() }),
  async handler(args, ctx) {
    await ctx.client.request('DELETE', `/alert_grouping_settings/${encodeURIComponent(args.setting_id)}`, { signal: ctx.signal });
    return { text: `Alert grouping setting ${args.setting_id} deleted.`, structured: { deleted: true, setting_id: args.setting_id } };
  },
});

export const alertGroupingTools: ToolDefinition[] = [listSettings, getSetting, createSetting, updateSetting, deleteSetting];
