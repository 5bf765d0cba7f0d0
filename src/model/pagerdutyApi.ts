/**
 * The typed in-process API over the toolset: what the sidebar, the commands, the incident page and the card call
 * instead of naming tools and reading their answers. Every method is one tool call (or a fixed sequence of them)
 * through `callTool`, so the settings, cleaning and errors are the tools' own. No `vscode` import.
 * The one door: the only place (with the server) that names a tool; each answer is typed by that name (ToolResults).
 * Built once per toolbox: by the session for the VS Code side, by the card's tools for a request.
 */
import { resultText, type CallResult, type CallTool } from './callResult';
import { isIncidentNumber, type IncidentKey } from './incidentRef';
import type { AlertItem, BulkRow, ChangeEvent, Choice, CurrentUser, IncidentList, IncidentSummary, NoteItem, OncallEntry, PolicyLevel, ServiceItem } from './shapes';
import { FAILED, failureOf, readBulkRows, readIncident, readIncidentList, readList, readOncalls, readPolicyLevels, readService, readServicesByKey, readUser } from './toolAnswers';
import type { IncidentPageResults, ToolName, ToolResult } from './toolResults';

/** A read's value, or why it failed with the tool's result (its error kind, or that the session is signed out). */
export type Answer<T> = { ok: true; value: T } | Failure;
export interface Failure {
  ok: false;
  error: string;
  result: CallResult;
}

/** A write's outcome: the tool's reason when it did not do what was asked. */
export interface Done {
  error?: string;
}

export type IncidentStatusFilter = 'triggered' | 'acknowledged' | 'resolved';

/** What list_incidents is asked: a scope and statuses, optionally narrowed to services and a time window. */
export interface IncidentQuery {
  scope: string;
  statuses: readonly IncidentStatusFilter[];
  limit: number;
  service_ids?: readonly string[];
  since?: string;
  until?: string;
  offset?: number;
}

/** What manage_incidents changes on each incident. */
export interface IncidentChange {
  status?: 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  priority_id?: string;
  assignee_user_ids?: string[];
  escalation_level?: number;
}

/** manage_incidents answered without a line for the incidents: whether they changed is not known. */
const UNKNOWN_OUTCOME = 'PagerDuty did not say whether this incident changed; check it before trying again.';

function failure(result: CallResult): Failure {
  return { ok: false, error: resultText(result) || FAILED, result };
}

function answer<R extends CallResult, T>(result: R, read: (result: R) => T): Answer<T> {
  return result.isError ? failure(result) : { ok: true, value: read(result) };
}

/** An answer that must hold an object: its absence is a failure that says what was missing. */
function required<R extends CallResult, T>(result: R, read: (result: R) => T | undefined, missing: string): Answer<T> {
  const value = result.isError ? undefined : read(result);
  if (value !== undefined) return { ok: true, value };
  return result.isError ? failure(result) : { ok: false, error: missing, result };
}

type Call = <N extends ToolName>(name: N, args: Record<string, unknown>, token?: unknown) => Promise<ToolResult<N>>;

function servicesApi(call: Call) {
  return {
    get: async (id: string, token?: unknown): Promise<Answer<ServiceItem>> =>
      required(await call('get_service', { service_id: id }, token), readService, 'PagerDuty returned no service.'),
    /** Services whose name contains `query` (PagerDuty's own name search). */
    find: async (query: string, token?: unknown): Promise<Answer<ServiceItem[]>> =>
      answer(await call('list_services', { query, limit: 25 }, token), (r) => readList(r, 'services')),
    /** The services an integration key sends to (PagerDuty has no lookup by key: the tool reads a bounded number). */
    byIntegrationKey: async (key: string, token?: unknown): Promise<Answer<{ services: ServiceItem[]; complete: boolean }>> =>
      answer(await call('list_services', { integration_key: key }, token), readServicesByKey),
  };
}

export function pagerDutyApi(callTool: CallTool) {
  /** Runs one tool: its answer typed by its name. Tokens are opaque here (the session's cancellation token). */
  const call: Call = (name, args, token) => callTool(name, args, token);
  const done = async (name: ToolName, args: Record<string, unknown>, token?: unknown): Promise<Done> => ({ error: failureOf(await call(name, args, token)) });
  const choices = async (name: 'list_users' | 'list_priorities' | 'list_incident_workflows', args: Record<string, unknown>, key: 'users' | 'priorities' | 'incident_workflows'): Promise<Answer<Choice[]>> =>
    answer(await call(name, args), (r) => readList(r, key));

  /** manage_incidents: one line per incident, also when the whole call failed. */
  async function update(ids: readonly string[], change: IncidentChange, token?: unknown): Promise<BulkRow[]> {
    const result = await call('manage_incidents', { incident_ids: ids, ...change }, token);
    if (result.isError) return ids.map((id) => ({ incident_id: id, ok: false, error: resultText(result) || FAILED }));
    const rows = readBulkRows(result);
    return rows.length ? rows : ids.map((id) => ({ incident_id: id, ok: false, error: UNKNOWN_OUTCOME }));
  }

  const incidents = {
    /** By id or number, as checked where it entered. */
    get: async (ref: IncidentKey, token?: unknown): Promise<Answer<IncidentSummary>> =>
      required(await call('get_incident', { incident_id: ref }, token), readIncident, 'PagerDuty returned no incident.'),
    list: async (query: IncidentQuery, token?: unknown): Promise<Answer<IncidentList>> =>
      answer(
        await call('list_incidents', { ...query, statuses: [...query.statuses], ...(query.service_ids ? { service_ids: [...query.service_ids] } : {}) }, token),
        readIncidentList,
      ),
    notes: async (id: string, token?: unknown): Promise<Answer<NoteItem[]>> => answer(await call('list_incident_notes', { incident_id: id }, token), (r) => readList(r, 'notes')),
    changeEvents: async (id: string, limit: number, token?: unknown): Promise<Answer<ChangeEvent[]>> =>
      answer(await call('list_incident_change_events', { incident_id: id, limit }, token), (r) => readList(r, 'change_events')),
    /** An incident's alerts, their bodies included (where the stack traces are). */
    alerts: async (id: string, limit: number, token?: unknown): Promise<Answer<AlertItem[]>> =>
      answer(await call('list_alerts_from_incident', { incident_id: id, limit }, token), (r) => readList(r, 'alerts')),
    /**
     * Everything the incident page shows. get_incident first when only a number is known (every other tool would
     * look the number up again); with an id, everything runs at once so the first paint waits for one round trip.
     */
    async page(ref: IncidentKey, token?: unknown): Promise<IncidentPageResults> {
      const first = isIncidentNumber(ref) ? await call('get_incident', { incident_id: ref }, token) : undefined;
      if (first?.isError) return { incident: first };
      const on = { incident_id: readIncident(first)?.id ?? ref };
      const [incident, alerts, notes, log, related, past, outlier, changes] = await Promise.all([
        first ?? call('get_incident', on, token),
        call('list_alerts_from_incident', { ...on, limit: 50 }, token),
        call('list_incident_notes', on, token),
        call('list_incident_log_entries', { ...on, limit: 100 }, token),
        call('get_related_incidents', on, token),
        call('get_past_incidents', { ...on, limit: 5 }, token),
        call('get_outlier_incident', on, token),
        call('list_incident_change_events', { ...on, limit: 10 }, token),
      ]);
      return { incident, alerts, notes, log, related, past, outlier, changes };
    },
    /** What the chat card adds to an incident it shows: its latest alerts and its notes. */
    async cardSections(id: string): Promise<Pick<IncidentPageResults, 'alerts' | 'notes'>> {
      const [alerts, notes] = await Promise.all([call('list_alerts_from_incident', { incident_id: id, limit: 25 }), call('list_incident_notes', { incident_id: id })]);
      return { alerts, notes };
    },
    update,
    acknowledge: (ids: readonly string[], token?: unknown) => update(ids, { status: 'acknowledged' }, token),
    /**
     * Resolves, after adding `note` to each incident first; an incident whose note was refused is left open (its line
     * says so), so no incident is resolved without the note asked for. `beforeResolve` may stop before any status
     * changes (a cancelled progress): then the answer is undefined and only notes were added.
     */
    async resolve(ids: readonly string[], note?: string, opts: { token?: unknown; beforeResolve?: () => boolean } = {}): Promise<BulkRow[] | undefined> {
      const noteFailures: BulkRow[] = [];
      let targets = [...ids];
      if (note) {
        const added = await Promise.all(ids.map((id) => incidents.addNote(id, note, opts.token)));
        added.forEach((outcome, i) => {
          if (outcome.error) noteFailures.push({ incident_id: ids[i]!, ok: false, error: outcome.error, noteFailed: true });
        });
        targets = ids.filter((_, i) => !added[i]!.error);
      }
      if (opts.beforeResolve && !opts.beforeResolve()) return undefined;
      const rows = targets.length ? await update(targets, { status: 'resolved' }, opts.token) : [];
      return [...rows, ...noteFailures];
    },
    addNote: (id: string, note: string, token?: unknown) => done('add_note_to_incident', { incident_id: id, note }, token),
    snooze: (id: string, minutes: number) => done('snooze_incident', { incident_id: id, duration_minutes: minutes }),
    addResponders: (id: string, message: string, userIds: string[]) => done('add_responders', { incident_id: id, message, user_ids: userIds }),
    statusUpdate: (id: string, message: string) => done('create_incident_status_update', { incident_id: id, message }),
    startWorkflow: (id: string, workflowId: string) => done('start_incident_workflow', { workflow_id: workflowId, incident_id: id }),
  };

  return {
    incidents,
    /** The token's user; undefined for an account-level key. */
    me: async (token?: unknown): Promise<Answer<CurrentUser | undefined>> => answer(await call('get_user_data', {}, token), readUser),
    oncalls: async (query: { user_ids?: string[]; service_ids?: string[]; since?: string; until?: string; limit?: number }, token?: unknown): Promise<Answer<OncallEntry[]>> =>
      answer(await call('list_oncalls', query, token), readOncalls),
    services: servicesApi(call),
    users: (limit: number) => choices('list_users', { limit }, 'users'),
    priorities: () => choices('list_priorities', {}, 'priorities'),
    workflows: (limit: number) => choices('list_incident_workflows', { limit }, 'incident_workflows'),
    policyLevels: async (policyId: string): Promise<Answer<PolicyLevel[]>> =>
      answer(await call('get_escalation_policy', { policy_id: policyId }), readPolicyLevels),
  };
}

export type PagerDutyApi = ReturnType<typeof pagerDutyApi>;
