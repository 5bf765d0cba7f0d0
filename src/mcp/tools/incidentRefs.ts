import { PagerDutyError } from '../../pagerduty/errors';
import type { ToolContext } from './types';

/**
 * Tools accept an incident id (Q1ABC…) or its number (#1234). PagerDuty's sub-resources want the id,
 * so a number is looked up once through GET /incidents/{number}.
 */
export async function resolveIncidentId(ctx: ToolContext, idOrNumber: string): Promise<string> {
  const value = idOrNumber.replace(/^#/, '');
  if (!/^\d+$/.test(value)) return value;
  const { incident } = await ctx.client.get<{ incident: { id: string } }>(`/incidents/${value}`, { signal: ctx.signal });
  if (!incident?.id) throw new PagerDutyError('not_found', `No incident with number ${value}.`);
  return incident.id;
}

export function incidentPath(id: string, rest = ''): string {
  return `/incidents/${encodeURIComponent(id)}${rest}`;
}
