import { compact, idOf, type Raw, type Ref, ref, refs, time } from './common';
import { joinCapped, names } from '../../model/names';

export interface ServiceSummary {
  id: string;
  name: string;
  description?: string;
  status: string;
  escalation_policy: Ref | null;
  teams: Ref[];
  /** Constant urgency of new incidents, or the rule type when it is not constant. */
  urgency?: string;
  auto_resolve_timeout?: number | null;
  acknowledgement_timeout?: number | null;
  created_at: string | null;
  last_incident_at: string | null;
  html_url: string;
  /** Only when asked for (include[]=integrations). */
  integrations?: ServiceIntegration[];
}

/** How alerts reach the service. Its integration key is left out: whoever holds it can trigger incidents. */
export interface ServiceIntegration {
  id: string;
  name: string;
  /** The integration type without its "_inbound_integration" suffix (events_api_v2, generic_email, …). */
  kind?: string;
  vendor?: string;
}

export function shapeIntegration(raw: Raw): ServiceIntegration {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    kind: typeof raw.type === 'string' ? raw.type.replace(/_inbound_integration(_reference)?$/, '') : undefined,
    vendor: ref(raw.vendor)?.name,
  });
}

function integrationsLine(list: ServiceIntegration[]): string {
  const each = list.map((i) => `${i.name} (${i.id}${i.kind ? `, ${i.kind}` : ''}${i.vendor ? `, ${i.vendor}` : ''})`);
  return `integrations: ${each.length ? joinCapped(each) : 'none'}`;
}

export function shapeService(raw: Raw): ServiceSummary {
  const rule = raw.incident_urgency_rule;
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? ''),
    description: raw.description || undefined,
    status: raw.status,
    escalation_policy: ref(raw.escalation_policy),
    teams: refs(raw.teams),
    urgency: rule ? (rule.type === 'constant' ? rule.urgency : rule.type) : undefined,
    auto_resolve_timeout: raw.auto_resolve_timeout,
    acknowledgement_timeout: raw.acknowledgement_timeout,
    created_at: time(raw.created_at),
    last_incident_at: time(raw.last_incident_timestamp),
    html_url: String(raw.html_url ?? ''),
  }) as ServiceSummary;
}

export function serviceLine(s: ServiceSummary): string {
  return [
    `${s.name} (${s.id}) [${s.status}]`,
    s.escalation_policy ? `escalation policy: ${s.escalation_policy.name} (${s.escalation_policy.id})` : undefined,
    s.teams?.length ? `teams: ${names(s.teams)}` : undefined,
    s.last_incident_at ? `last incident: ${s.last_incident_at}` : undefined,
    s.html_url || undefined,
  ]
    .filter(Boolean)
    .join(' | ');
}

/** Timeouts are seconds in the API; null means the behaviour is off. */
function timeout(seconds: number | null | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  return seconds === null ? 'off' : `${seconds}s`;
}

export function serviceDetail(s: ServiceSummary): string {
  return [
    serviceLine(s),
    s.description ? `description: ${s.description}` : undefined,
    s.urgency ? `incident urgency: ${s.urgency}` : undefined,
    s.auto_resolve_timeout !== undefined ? `auto-resolve: ${timeout(s.auto_resolve_timeout)}` : undefined,
    s.acknowledgement_timeout !== undefined ? `ack timeout: ${timeout(s.acknowledgement_timeout)}` : undefined,
    s.created_at ? `created: ${s.created_at}` : undefined,
    s.integrations ? integrationsLine(s.integrations) : undefined,
  ]
    .filter(Boolean)
    .join('\n');
}
