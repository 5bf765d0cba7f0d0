/**
 * The one place that reads a tool's structuredContent for in-process callers (the typed API, the page's and the card's
 * models). Defensive: a shape change gives an empty list or undefined, never a crash in a view. What each tool answers
 * is declared in ./toolResults.ts (and the server's handlers are compiled against it); the values are still checked
 * here, with type guards, before anyone reads them.
 */
import { resultText, type CallResult } from './callResult';
import type { BulkRow, Choice, CurrentUser, IncidentList, IncidentSummary, OncallEntry, OutlierInfo, PolicyLevel, Ref, ServiceItem } from './shapes';
import type { Fields, ToolName, ToolResult, ToolResults } from './toolResults';

/** What a failure says when the tool gave no text of its own. */
export const FAILED = 'PagerDuty reported an error.';

/** A result's structuredContent under its tool's keys, or nothing for an error (its content is the error text). */
function fields<N extends ToolName>(result: ToolResult<N> | undefined): Fields<N> | undefined {
  return result && !result.isError ? result.structuredContent : undefined;
}

type Item<N extends ToolName, K extends keyof ToolResults[N]> = ToolResults[N][K] extends readonly (infer T)[] ? T : never;

/** What each list-answering tool's structuredContent holds under its key. */
export interface ListedItems {
  alerts: Item<'list_alerts_from_incident', 'alerts'>;
  notes: Item<'list_incident_notes', 'notes'>;
  log_entries: Item<'list_incident_log_entries', 'log_entries'>;
  related_incidents: Item<'get_related_incidents', 'related_incidents'>;
  past_incidents: Item<'get_past_incidents', 'past_incidents'>;
  change_events: Item<'list_incident_change_events', 'change_events'>;
  users: Item<'list_users', 'users'>;
  priorities: Item<'list_priorities', 'priorities'>;
  incident_workflows: Item<'list_incident_workflows', 'incident_workflows'>;
  services: Item<'list_services', 'services'>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isRef(value: unknown): value is Ref {
  return isObject(value) && typeof value.id === 'string';
}

const hasStrings = (value: unknown, ...keys: string[]): value is Record<string, string> => isObject(value) && keys.every((k) => typeof value[k] === 'string');

/** The fields each listed item's readers dereference: an item without them is dropped, not rendered half. */
const LISTED: { [K in keyof ListedItems]: (value: unknown) => value is ListedItems[K] } = {
  alerts: (v): v is ListedItems['alerts'] => hasStrings(v, 'id'),
  notes: (v): v is ListedItems['notes'] => hasStrings(v, 'content'),
  log_entries: (v): v is ListedItems['log_entries'] => hasStrings(v, 'id', 'type', 'summary'),
  related_incidents: (v): v is ListedItems['related_incidents'] => hasStrings(v, 'id', 'title'),
  past_incidents: (v): v is ListedItems['past_incidents'] => hasStrings(v, 'id', 'title'),
  change_events: (v): v is ListedItems['change_events'] => hasStrings(v, 'id', 'summary'),
  users: (v): v is Choice => hasStrings(v, 'id', 'name'),
  priorities: (v): v is Choice => hasStrings(v, 'id', 'name'),
  incident_workflows: (v): v is Choice => hasStrings(v, 'id', 'name'),
  services: (v): v is ServiceItem => hasStrings(v, 'id', 'name'),
};

/** The objects listed under `key`; none for an error or a missing list. */
export function readList<K extends keyof ListedItems>(result: CallResult | undefined, key: K): ListedItems[K][] {
  const value = result && !result.isError ? result.structuredContent?.[key] : undefined;
  return Array.isArray(value) ? value.filter(LISTED[key]) : [];
}

/** Services found by an integration key, and whether every service was read (list_services stops at its limit). */
export function readServicesByKey(result: ToolResult<'list_services'>): { services: ServiceItem[]; complete: boolean } {
  return { services: readList(result, 'services'), complete: fields(result)?.more !== true };
}

/** An incident, known by its id (the tools that answer one are compiled against IncidentSummary). */
export function isIncident(value: unknown): value is IncidentSummary {
  return isObject(value) && typeof value.id === 'string';
}

/** get_incident's incident, when it has an id. */
export function readIncident(result: ToolResult<'get_incident'> | undefined): IncidentSummary | undefined {
  const incident = fields(result)?.incident;
  return isIncident(incident) ? incident : undefined;
}

/** get_service's service, when it has an id and a name. */
export function readService(result: ToolResult<'get_service'> | undefined): ServiceItem | undefined {
  const service = fields(result)?.service;
  return LISTED.services(service) ? service : undefined;
}

/** get_user_data's user, when it has an id. */
export function readUser(result: ToolResult<'get_user_data'> | undefined): CurrentUser | undefined {
  const user = fields(result)?.user;
  return isRef(user) ? user : undefined;
}

/** get_outlier_incident's answer. */
export function readOutlier(result: ToolResult<'get_outlier_incident'> | undefined): OutlierInfo | undefined {
  const outlier = fields(result)?.outlier_incident;
  return isObject(outlier) ? outlier : undefined;
}

const isLevel = (l: unknown): l is PolicyLevel => isObject(l) && typeof l.level === 'number' && Array.isArray(l.targets);

/** get_escalation_policy's levels. */
export function readPolicyLevels(result: ToolResult<'get_escalation_policy'> | undefined): PolicyLevel[] {
  const policy = fields(result)?.escalation_policy;
  return isObject(policy) && Array.isArray(policy.levels) ? policy.levels.filter(isLevel) : [];
}

/** list_incidents' answer; an error reads as an empty page. */
export function readIncidentList(result: ToolResult<'list_incidents'>): IncidentList {
  return parseIncidentList(fields(result));
}

/** list_oncalls' answer; an error reads as no entries. */
export function readOncalls(result: ToolResult<'list_oncalls'>): OncallEntry[] {
  return parseOncalls(fields(result));
}

/** list_incidents' structuredContent: the incidents that have an id, and the paging facts. */
export function parseIncidentList(structured: Fields<'list_incidents'> | undefined): IncidentList {
  const list = Array.isArray(structured?.incidents) ? structured.incidents : [];
  return {
    incidents: list.filter(isIncident),
    more: structured?.more === true,
    total: typeof structured?.total === 'number' ? structured.total : undefined,
    nextOffset: typeof structured?.next_offset === 'number' ? structured.next_offset : undefined,
  };
}

const isOncall = (e: unknown): e is Record<string, unknown> & { user: Ref; escalation_policy: Ref } => isObject(e) && isRef(e.user) && isRef(e.escalation_policy);

/** list_oncalls' structuredContent (`oncalls` is the official server's key): entries with a user and a policy, every key present. */
export function parseOncalls(structured: (Fields<'list_oncalls'> & { oncalls?: unknown }) | undefined): OncallEntry[] {
  const raw = Array.isArray(structured?.entries) ? structured.entries : Array.isArray(structured?.oncalls) ? structured.oncalls : [];
  return raw.filter(isOncall).map((e) => ({
    user: e.user,
    escalation_policy: e.escalation_policy,
    escalation_level: typeof e.escalation_level === 'number' ? e.escalation_level : 1,
    schedule: isRef(e.schedule) ? e.schedule : null,
    start: typeof e.start === 'string' ? e.start : null,
    end: typeof e.end === 'string' ? e.end : null,
  }));
}

const isRow = (r: unknown): r is BulkRow => isObject(r) && typeof r.incident_id === 'string' && typeof r.ok === 'boolean';

/** manage_incidents' per-incident lines (a refusal is a line, not an error). */
export function readBulkRows(result: ToolResult<'manage_incidents'>): BulkRow[] {
  const rows = fields(result)?.results;
  return Array.isArray(rows) ? rows.filter(isRow) : [];
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
