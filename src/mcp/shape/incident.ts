import type { IncidentSummary } from '../../model/shapes';
import { compact, idOf, type Raw, ref, refs, time } from './common';
import { joinCapped, names } from '../../model/names';

export type { IncidentSummary };

function bridge(raw: Raw | null | undefined): IncidentSummary['conference_bridge'] {
  const number = typeof raw?.conference_number === 'string' && raw.conference_number ? raw.conference_number : undefined;
  const url = typeof raw?.conference_url === 'string' && raw.conference_url ? raw.conference_url : undefined;
  return number || url ? compact({ number, url }) : undefined;
}

export function shapeIncident(raw: Raw): IncidentSummary {
  return compact({
    id: idOf(raw),
    number: Number(raw.incident_number),
    title: String(raw.title ?? raw.summary ?? ''),
    status: raw.status,
    urgency: raw.urgency,
    priority: ref(raw.priority),
    service: ref(raw.service),
    escalation_policy: ref(raw.escalation_policy),
    teams: refs(raw.teams),
    assignees: refs((raw.assignments ?? []).map((a: Raw) => a.assignee)),
    created_at: time(raw.created_at),
    last_status_change_at: time(raw.last_status_change_at),
    resolved_at: time(raw.resolved_at),
    html_url: String(raw.html_url ?? ''),
    incident_key: raw.incident_key ?? undefined,
    conference_bridge: bridge(raw.conference_bridge),
  }) as IncidentSummary;
}

/** One line per incident for the model: everything needed to pick the next call, nothing more. */
export function incidentLine(i: IncidentSummary): string {
  const parts = [
    `#${i.number} ${i.id} [${i.status}, ${i.urgency}${i.priority ? `, ${i.priority.name}` : ''}] ${i.title}`,
    i.service ? `service: ${i.service.name} (${i.service.id})` : undefined,
    i.assignees?.length ? `assigned: ${names(i.assignees)}` : undefined,
    i.created_at ? `created: ${i.created_at}` : undefined,
    i.html_url || undefined,
  ];
  return parts.filter(Boolean).join(' | ');
}

export function incidentDetail(i: IncidentSummary): string {
  return [
    incidentLine(i),
    i.escalation_policy ? `escalation policy: ${i.escalation_policy.name} (${i.escalation_policy.id})` : undefined,
    i.teams?.length ? `teams: ${joinCapped(i.teams.map((t) => `${t.name} (${t.id})`))}` : undefined,
    i.last_status_change_at ? `last status change: ${i.last_status_change_at}` : undefined,
    i.resolved_at ? `resolved: ${i.resolved_at}` : undefined,
    i.incident_key ? `incident key: ${i.incident_key}` : undefined,
    i.conference_bridge ? `conference bridge: ${[i.conference_bridge.url, i.conference_bridge.number].filter(Boolean).join(' | ')}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
}
