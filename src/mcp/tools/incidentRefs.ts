import { PagerDutyError } from '../../pagerduty/errors';
import { pdId } from './params';
import type { ToolContext } from './types';
import { incidentKey, isIncidentNumber } from '../../model/incidentRef';

/** The one parameter for "an incident": its id, or its number with or without "#". */
export const incidentRef = pdId('incident', true).describe('Incident id (e.g. Q1ABC23) or number (e.g. 1234 or #1234)');

/**
 * Tools accept an incident id (Q1ABC…) or its number (#1234). PagerDuty's sub-resources want the id,
 * so a number is looked up once through GET /incidents/{number}.
 */
export async function resolveIncidentId(ctx: ToolContext, idOrNumber: string): Promise<string> {
  const value = incidentKey(idOrNumber);
  if (!isIncidentNumber(value)) return value;
  const { incident } = await ctx.client.get<{ incident: { id: string } }>(`/incidents/${value}`, { signal: ctx.signal });
  if (!incident?.id) throw new PagerDutyError('not_found', `No incident with number ${value}.`);
  return incident.id;
}

export function incidentPath(id: string, rest = ''): string {
  return `/incidents/${encodeURIComponent(id)}${rest}`;
}
