/**
 * The one place that reads a tool's structuredContent for in-process callers (the typed API, the page's and the card's
 * models). Defensive: a shape change gives an empty list or undefined, never a crash in a view.
 */
import { resultText, type CallResult } from './callResult';
import type {
  BulkRow,
  ChangeEvent,
  Choice,
  CurrentUser,
  IncidentList,
  IncidentSummary,
  LogEntry,
  NoteItem,
  OncallEntry,
  OutlierInfo,
  PastIncident,
  PolicyLevel,
  Ref,
  RelatedIncident,
  ServiceItem,
} from './shapes';

type Structured = Record<string, unknown> | undefined;

/** What a failure says when the tool gave no text of its own. */
export const FAILED = 'PagerDuty reported an error.';

/** A result's structuredContent, or nothing for an error (its content is the error text). */
function structured(result: CallResult | undefined): Structured {
  return result && !result.isError ? result.structuredContent : undefined;
}

/** What each list-answering tool's structuredContent holds under its key. */
export interface ListedItems {
  alerts: Record<string, unknown>;
  notes: NoteItem;
  log_entries: LogEntry;
  related_incidents: RelatedIncident;
  past_incidents: PastIncident;
  change_events: ChangeEvent;
  users: Choice;
  priorities: Choice;
  incident_workflows: Choice;
  services: ServiceItem;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isRef(value: unknown): value is Ref {
  return isObject(value) && typeof value.id === 'string';
}

/** The objects listed under `key`; none for an error or a missing list. */
export function readList<K extends keyof ListedItems>(result: CallResult | undefined, key: K): ListedItems[K][] {
  const value = structured(result)?.[key];
  return Array.isArray(value) ? (value.filter(isObject) as unknown as ListedItems[K][]) : [];
}

/** get_incident's (and create_incident's) incident, when it has an id. */
export function readIncident(result: CallResult | undefined): IncidentSummary | undefined {
  const incident = structured(result)?.incident;
  return isObject(incident) && typeof incident.id === 'string' ? (incident as unknown as IncidentSummary) : undefined;
}

/** get_service's service, when it has an id. */
export function readService(result: CallResult | undefined): ServiceItem | undefined {
  const service = structured(result)?.service;
  return isRef(service) && typeof service.name === 'string' ? (service as unknown as ServiceItem) : undefined;
}

/** get_user_data's user, when it has an id. */
export function readUser(result: CallResult | undefined): CurrentUser | undefined {
  const user = structured(result)?.user;
  return isRef(user) ? (user as CurrentUser) : undefined;
}

/** get_outlier_incident's answer. */
export function readOutlier(result: CallResult | undefined): OutlierInfo | undefined {
  const outlier = structured(result)?.outlier_incident;
  return isObject(outlier) ? (outlier as OutlierInfo) : undefined;
}

/** get_escalation_policy's levels. */
export function readPolicyLevels(result: CallResult | undefined): PolicyLevel[] {
  const policy = structured(result)?.escalation_policy;
  const levels = isObject(policy) && Array.isArray(policy.levels) ? policy.levels : [];
  return levels.filter((l): l is PolicyLevel => isObject(l) && typeof l.level === 'number' && Array.isArray(l.targets));
}

/** list_incidents' answer; an error reads as an empty page. */
export function readIncidentList(result: CallResult): IncidentList {
  return parseIncidentList(structured(result));
}

/** list_oncalls' answer; an error reads as no entries. */
export function readOncalls(result: CallResult): OncallEntry[] {
  return parseOncalls(structured(result));
}

/** list_incidents' structuredContent: the incidents that have an id, and the paging facts. */
export function parseIncidentList(structured: Structured): IncidentList {
  const list = Array.isArray(structured?.incidents) ? (structured.incidents as IncidentSummary[]) : [];
  return {
    incidents: list.filter((i) => i && typeof i.id === 'string'),
    more: structured?.more === true,
    total: typeof structured?.total === 'number' ? structured.total : undefined,
    nextOffset: typeof structured?.next_offset === 'number' ? structured.next_offset : undefined,
  };
}

/** list_oncalls' structuredContent: entries with a user and a policy, every key present. */
export function parseOncalls(structured: Structured): OncallEntry[] {
  const raw = Array.isArray(structured?.entries) ? structured.entries : Array.isArray(structured?.oncalls) ? structured.oncalls : [];
  return (raw as Record<string, unknown>[])
    .filter((e) => e && isRef(e.user) && isRef(e.escalation_policy))
    .map((e) => ({
      user: e.user as Ref,
      escalation_policy: e.escalation_policy as Ref,
      escalation_level: typeof e.escalation_level === 'number' ? e.escalation_level : 1,
      schedule: isRef(e.schedule) ? e.schedule : null,
      start: typeof e.start === 'string' ? e.start : null,
      end: typeof e.end === 'string' ? e.end : null,
    }));
}

/** manage_incidents' per-incident lines (a refusal is a line, not an error). */
export function readBulkRows(result: CallResult): BulkRow[] {
  const rows = structured(result)?.results;
  return Array.isArray(rows) ? rows.filter((r): r is BulkRow => isObject(r) && typeof r.incident_id === 'string' && typeof r.ok === 'boolean') : [];
}

/**
 * Why a call did not do what was asked: its error text, or the first per-item failure of a bulk answer such as
 * manage_incidents, which reports a refused incident as a result line rather than an error. Undefined when it did.
 */
export function failureOf(result: CallResult, fallback = FAILED): string | undefined {
  if (result.isError) return resultText(result) || fallback;
  return refusal(readBulkRows(result), fallback);
}

/** The first refused line's reason (`fallback` when PagerDuty gave none), or undefined when every line worked. */
export function refusal(rows: readonly BulkRow[], fallback = FAILED): string | undefined {
  const failed = rows.find((r) => !r.ok);
  return failed ? failed.error || fallback : undefined;
}
