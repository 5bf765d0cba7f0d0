import { compact, idOf, type Raw } from './common';

export type ServiceKind = 'business_service' | 'technical_service';

export interface RelatedService {
  id: string;
  kind: ServiceKind;
  /** Looked up separately; absent when the lookup failed. */
  name?: string;
}

export interface Dependencies {
  service_id: string;
  /** Services this one depends on. */
  depends_on: RelatedService[];
  /** Services that depend on this one. */
  supports: RelatedService[];
}

export interface BusinessService {
  id: string;
  name: string;
  description?: string;
  point_of_contact?: string;
  /** PagerDuty gives the team as a bare reference (no name). */
  team_id?: string;
  html_url?: string;
}

function kindOf(type: unknown): ServiceKind {
  return String(type).startsWith('business_service') ? 'business_service' : 'technical_service';
}

/** Splits PagerDuty's relationship list into the two directions as seen from `serviceId`. */
export function shapeDependencies(serviceId: string, relationships: Raw[]): Dependencies {
  const depends_on: RelatedService[] = [];
  const supports: RelatedService[] = [];
  for (const r of relationships) {
    const supporting = r.supporting_service;
    const dependent = r.dependent_service;
    if (dependent?.id === serviceId && supporting?.id) depends_on.push({ id: String(supporting.id), kind: kindOf(supporting.type) });
    else if (supporting?.id === serviceId && dependent?.id) supports.push({ id: String(dependent.id), kind: kindOf(dependent.type) });
  }
  return { service_id: serviceId, depends_on, supports };
}

export function shapeBusinessService(raw: Raw): BusinessService {
  return compact({
    id: idOf(raw),
    name: String(raw.name ?? raw.summary ?? raw.id),
    description: raw.description || undefined,
    point_of_contact: raw.point_of_contact || undefined,
    team_id: raw.team?.id ?? undefined,
    html_url: raw.html_url ?? undefined,
  });
}

export function businessServiceLine(b: BusinessService): string {
  const extra = [b.team_id && `team ${b.team_id}`, b.point_of_contact && `contact ${b.point_of_contact}`].filter(Boolean).join(', ');
  return `${b.id} ${b.name}${extra ? ` (${extra})` : ''}${b.description ? ` — ${b.description}` : ''}`;
}

function relatedLine(s: RelatedService): string {
  return `${s.id} ${s.name ?? '(name unavailable)'} [${s.kind === 'business_service' ? 'business' : 'technical'}]`;
}

export function dependenciesText(d: Dependencies, what: string): string {
  const section = (title: string, list: RelatedService[]) => `${title}:\n${list.length ? list.map((s) => `- ${relatedLine(s)}`).join('\n') : '- none'}`;
  return [section(`${what} ${d.service_id} depends on`, d.depends_on), section(`Depending on ${d.service_id}`, d.supports)].join('\n');
}
