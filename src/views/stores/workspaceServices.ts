/**
 * This workspace's PagerDuty services: where each was named (a catalog-info.yaml or the setting), resolved through
 * the typed API, and the services section's rows. No `vscode` import: the discovery (src/views/workspaceServices.ts)
 * hands the sources in.
 */
import type { Answer, PagerDutyApi } from '../../model/pagerdutyApi';
import type { OncallEntry, Ref, ServiceItem } from '../../model/shapes';
import type { Translate } from '../../model/translate';
import { errorKindOf } from './errors';
import type { Incident } from './types';

/** One mention of a service: by id, by name (the setting) or by integration key (catalog-info.yaml). */
export interface ServiceSource {
  kind: 'id' | 'name' | 'integrationKey';
  value: string;
  /** The workspace folder it belongs to (multi-root: each service is labelled with its folders). */
  folder: string;
  /** Where it was written: a catalog-info.yaml path relative to the folder, or the setting's name. */
  origin: string;
}

export interface WorkspaceService {
  id: string;
  name: string;
  url?: string;
  escalationPolicy?: Ref | null;
  folders: string[];
}

export interface UnresolvedSource {
  source: ServiceSource;
  why: string;
}

/** What the Incidents view reads of this workspace's services (src/views/workspaceServices.ts provides it). */
export interface ServicesSection {
  readonly services: readonly WorkspaceService[];
  readonly unresolved: readonly UnresolvedSource[];
  readonly oncall: readonly OncallEntry[] | undefined;
  readonly multiRoot: boolean;
  readonly loaded: boolean;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface ResolvedServices {
  services: WorkspaceService[];
  unresolved: UnresolvedSource[];
  /** A failure that says nothing about the sources (signed out, offline): try again later. */
  error?: string;
}

/** `pagerduty.workspaceServices` entries: PagerDuty ids are P plus 6 capitals or digits; anything else is a name. */
export function settingSources(entries: readonly string[], folder: string): ServiceSource[] {
  return entries.map((value) => ({ kind: /^P[A-Z0-9]{5,13}$/.test(value) ? 'id' : 'name', value, folder, origin: 'pagerduty.workspaceServices' }));
}

type Lookup = Answer<{ services: ServiceItem[]; complete: boolean }>;

/** The services one mention may mean. An integration key goes only to list_services' integration_key argument. */
async function lookUp(api: PagerDutyApi, s: ServiceSource, token: unknown): Promise<Lookup> {
  if (s.kind === 'integrationKey') return api.services.byIntegrationKey(s.value, token);
  const got = s.kind === 'id' ? await api.services.get(s.value, token) : await api.services.find(s.value, token);
  return got.ok ? { ok: true, value: { services: Array.isArray(got.value) ? got.value : [got.value], complete: true } } : got;
}

/** Why PagerDuty refused a mention; an integration key is never repeated (whoever reads it could trigger incidents). */
function refusedWhy(s: ServiceSource, t: Translate): string {
  return s.kind === 'integrationKey' ? t('PagerDuty refused this integration key: it should be 32 letters and digits.') : t('PagerDuty has no service {0}.', s.value);
}

function unmatchedWhy(s: ServiceSource, count: number, complete: boolean, t: Translate): string {
  if (s.kind === 'integrationKey') {
    if (count) return t('{0} services have this integration key: add the pagerduty.com/service-id annotation instead.', String(count));
    return complete
      ? t('No PagerDuty service has this integration key.')
      : t('None of the services read has this integration key (a lookup reads a bounded number): add the pagerduty.com/service-id annotation instead.');
  }
  if (s.kind === 'id') return t('PagerDuty has no service {0}.', s.value);
  return count ? t('{0} services are named {1}: give the id instead.', String(count), s.value) : t('PagerDuty has no service named {0}.', s.value);
}

export async function resolveServices(api: PagerDutyApi, sources: readonly ServiceSource[], t: Translate, token?: unknown): Promise<ResolvedServices> {
  const byId = new Map<string, WorkspaceService>();
  const unresolved: UnresolvedSource[] = [];
  let error: string | undefined;
  const add = (service: { id: string; name: string; html_url?: string; escalation_policy?: Ref | null }, folder: string) => {
    const known = byId.get(service.id) ?? { id: service.id, name: service.name, url: service.html_url, escalationPolicy: service.escalation_policy ?? null, folders: [] };
    if (!known.folders.includes(folder)) known.folders.push(folder);
    byId.set(service.id, known);
  };
  // One request per distinct value, however many folders name it.
  const values = [...new Map(sources.map((s) => [`${s.kind}:${s.value}`, s])).values()];
  const answers = await Promise.all(values.map(async (s) => ({ s, got: await lookUp(api, s, token) })));
  for (const { s, got } of answers) {
    const mentions = sources.filter((m) => m.kind === s.kind && m.value === s.value);
    if (!got.ok) {
      // Not found, or a value the tool refused: about this value. Anything else (signed out, offline): try later.
      const kind = errorKindOf(got.result);
      const aboutValue = kind === 'other' && !got.result.signedOut;
      if (!aboutValue) error ??= got.error;
      else for (const m of mentions) unresolved.push({ source: m, why: refusedWhy(s, t) });
      continue;
    }
    const found = s.kind === 'name' ? got.value.services.filter((v) => v.name.toLowerCase() === s.value.toLowerCase()) : got.value.services;
    if (found.length !== 1) {
      for (const m of mentions) unresolved.push({ source: m, why: unmatchedWhy(s, found.length, got.value.complete, t) });
      continue;
    }
    for (const m of mentions) add(found[0]!, m.folder);
  }
  const services = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { services, unresolved, ...(error ? { error } : {}) };
}

export type ServiceState = 'critical' | 'warning' | 'ok';

export interface ServiceRow {
  id: string;
  label: string;
  description: string;
  state: ServiceState;
  open: number;
  tooltip: string;
  accessibleLabel: string;
}

/** PagerDuty's own rule: critical while a high-urgency incident is triggered, warning while any other is open. */
export function serviceState(open: readonly Incident[]): ServiceState {
  if (open.some((i) => i.status === 'triggered' && i.urgency === 'high')) return 'critical';
  return open.length ? 'warning' : 'ok';
}

export function serviceRows(
  services: readonly WorkspaceService[],
  incidents: readonly Incident[],
  oncall: readonly OncallEntry[] | undefined,
  multiRoot: boolean,
  t: Translate,
): ServiceRow[] {
  const stateLabel = (s: ServiceState) => (s === 'critical' ? t('Critical') : s === 'warning' ? t('Warning') : t('OK'));
  return services.map((service) => {
    const open = incidents.filter((i) => i.service?.id === service.id && i.status !== 'resolved');
    const state = serviceState(open);
    const onCall = oncall
      ? [...new Set(oncall.filter((o) => o.escalation_policy.id === service.escalationPolicy?.id && o.escalation_level === 1).map((o) => o.user.name))]
      : undefined;
    const who = onCall === undefined ? undefined : onCall.length ? t('on call: {0}', onCall.join(', ')) : t('nobody on call');
    const parts = [stateLabel(state), open.length === 1 ? t('1 open incident') : t('{0} open incidents', String(open.length)), who, multiRoot ? service.folders.join(', ') : undefined].filter(
      (p): p is string => !!p,
    );
    const description = parts.join(' · ');
    return {
      id: service.id,
      label: service.name,
      description,
      state,
      open: open.length,
      tooltip: [
        service.name,
        description,
        service.escalationPolicy?.name ? t('Escalation policy: {0}', service.escalationPolicy.name) : undefined,
        t('Named in: {0}', service.folders.join(', ')),
      ]
        .filter(Boolean)
        .join('\n'),
      accessibleLabel: t('{0}, {1}', service.name, description),
    };
  });
}
