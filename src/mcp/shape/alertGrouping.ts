import { compact, idOf, type Raw, type Ref, refs, time } from './common';

export const GROUPING_TYPES = ['content_based', 'content_based_intelligent', 'intelligent', 'time'] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];

export interface GroupingSetting {
  id: string;
  name: string | null;
  description?: string;
  type: GroupingType;
  config: Record<string, unknown>;
  services?: Ref[];
  created_at: string | null;
  updated_at: string | null;
}

/** Only the config fields PagerDuty documents; unknown ones are dropped so output stays predictable. */
const CONFIG_FIELDS = ['time_window', 'recommended_time_window', 'aggregate', 'fields', 'timeout', 'iag_fields'] as const;

export function shapeGroupingSetting(raw: Raw): GroupingSetting {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_FIELDS) if (raw.config?.[key] !== undefined && raw.config?.[key] !== null) config[key] = raw.config[key];
  return compact({
    id: idOf(raw),
    name: raw.name ?? null,
    description: raw.description || undefined,
    type: raw.type,
    config,
    services: refs(raw.services),
    created_at: time(raw.created_at),
    updated_at: time(raw.updated_at),
  }) as GroupingSetting;
}

function configText(type: GroupingType, c: Record<string, unknown>): string {
  const parts: string[] = [];
  if (c.aggregate) parts.push(`${c.aggregate} of fields [${((c.fields as string[]) ?? []).join(', ')}]`);
  if (c.iag_fields) parts.push(`fields [${(c.iag_fields as string[]).join(', ')}]`);
  if (c.time_window !== undefined) parts.push(`window ${c.time_window}s`);
  if (c.recommended_time_window !== undefined) parts.push(`recommended window ${c.recommended_time_window}s`);
  if (c.timeout !== undefined) parts.push(`timeout ${c.timeout}s`);
  return `${type}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function groupingLine(s: GroupingSetting): string {
  const services = (s.services ?? []).map((r) => `${r.name} (${r.id})`).join(', ') || 'none';
  return `${s.id} ${s.name ?? '(unnamed)'}: ${configText(s.type, s.config)} | services: ${services}`;
}

export function groupingDetail(s: GroupingSetting): string {
  return [groupingLine(s), s.description ? `description: ${s.description}` : '', `created: ${s.created_at ?? 'n/a'}; updated: ${s.updated_at ?? 'n/a'}`]
    .filter(Boolean)
    .join('\n');
}
