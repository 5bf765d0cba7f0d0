/**
 * The typed in-process API over the toolset: what the sidebar, the commands, the incident page and the card call
 * instead of naming tools and reading their answers. Every method is one tool call (or a fixed sequence of them)
 * through `callTool`, so the settings, cleaning and errors are the tools' own. No `vscode` import.
 */
import { resultText, type CallResult, type CallTool } from './callResult';
import type { BulkRow, ChangeEvent, Choice, CurrentUser, IncidentList, IncidentSummary, NoteItem, OncallEntry, PolicyLevel, ServiceItem } from './shapes';
import { FAILED, failureOf, readBulkRows, readIncident, readIncidentList, readList, readOncalls, readPolicyLevels, readService, readUser } from './toolAnswers';

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

function answer<T>(result: CallResult, read: (result: CallResult) => T): Answer<T> {
  return result.isError ? { ok: false, error: resultText(result) || FAILED, result } : { ok: true, value: read(result) };
}

/** An answer that must hold an object: its absence is a failure that says what was missing. */
function required<T>(result: CallResult, read: (result: CallResult) => T | undefined, missing: string): Answer<T> {
  const got = answer(result, read);
  return got.ok && got.value === undefined ? { ok: false, error: missing, result } : (got as Answer<T>);
}

export function pagerDutyApi(callTool: CallTool) {
  const done = async (name: string, args: Record<string, unknown>, token?: unknown): Promise<Done> => ({ error: failureOf(await callTool(name, args, token)) });
  const choices = async (name: string, args: Record<string, unknown>, key: 'users' | 'priorities' | 'incident_workflows'): Promise<Answer<Choice[]>> =>
    answer(await callTool(name, args), (r) => readList(r, key));

  /** manage_incidents: one line per incident, also when the whole call failed. */
  async function update(ids: readonly string[], change: IncidentChange, token?: unknown): Promise<BulkRow[]> {
    const result = await callTool('manage_incidents', { incident_ids: ids, ...change }, token);
    if (result.isError) return ids.map((id) => ({ incident_id: id, ok: false, error: resultText(result) || FAILED }));
    const rows = readBulkRows(result);
    return rows.length ? rows : ids.map((id) => ({ incident_id: id, ok: false, error: UNKNOWN_OUTCOME }));
  }

  const incidents = {
    /** By id, number or "#number". */
    get: async (ref: string, token?: unknown): Promise<Answer<IncidentSummary>> =>
      required(await callTool('get_incident', { incident_id: ref }, token), readIncident, 'PagerDuty returned no incident.'),
    list: async (query: IncidentQuery, token?: unknown): Promise<Answer<IncidentList>> =>
      answer(
        await callTool('list_incidents', { ...query, statuses: [...query.statuses], ...(query.service_ids ? { service_ids: [...query.service_ids] } : {}) }, token),
        readIncidentList,
      ),
    notes: async (id: string, token?: unknown): Promise<Answer<NoteItem[]>> => answer(await callTool('list_incident_notes', { incident_id: id }, token), (r) => readList(r, 'notes')),
    changeEvents: async (id: string, limit: number, token?: unknown): Promise<Answer<ChangeEvent[]>> =>
      answer(await callTool('list_incident_change_events', { incident_id: id, limit }, token), (r) => readList(r, 'change_events')),
    /** An incident's alerts, their bodies included (where the stack traces are). */
    alerts: async (id: string, limit: number, token?: unknown): Promise<Answer<Record<string, unknown>[]>> =>
      answer(await callTool('list_alerts_from_incident', { incident_id: id, limit }, token), (r) => readList(r, 'alerts')),
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
    me: async (token?: unknown): Promise<Answer<CurrentUser | undefined>> => answer(await callTool('get_user_data', {}, token), readUser),
    oncalls: async (query: { user_ids?: string[]; service_ids?: string[]; since?: string; until?: string; limit?: number }, token?: unknown): Promise<Answer<OncallEntry[]>> =>
      answer(await callTool('list_oncalls', query, token), readOncalls),
    services: {
      get: async (id: string, token?: unknown): Promise<Answer<ServiceItem>> =>
        required(await callTool('get_service', { service_id: id }, token), readService, 'PagerDuty returned no service.'),
      /** Services whose name contains `query` (PagerDuty's own name search). */
      find: async (query: string, token?: unknown): Promise<Answer<ServiceItem[]>> =>
        answer(await callTool('list_services', { query, limit: 25 }, token), (r) => readList(r, 'services')),
    },
    users: (limit: number) => choices('list_users', { limit }, 'users'),
    priorities: () => choices('list_priorities', {}, 'priorities'),
    workflows: (limit: number) => choices('list_incident_workflows', { limit }, 'incident_workflows'),
    policyLevels: async (policyId: string): Promise<Answer<PolicyLevel[]>> =>
      answer(await callTool('get_escalation_policy', { policy_id: policyId }), readPolicyLevels),
  };
}

export type PagerDutyApi = ReturnType<typeof pagerDutyApi>;
