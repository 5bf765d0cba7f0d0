/**
 * What each tool that in-process callers use answers (its structuredContent), by tool name: declared once, from the
 * shapes in ./shapes.ts. The typed API (./pagerdutyApi.ts) calls only these tools, and the server's `defineTool`
 * (src/mcp/tools/types.ts) holds each of their handlers to its entry here, so an answer that drifts from what the
 * sidebar, the page or the card reads is a compile error, not an empty view.
 * Entries are type literals (not interfaces), so they stay assignable to the server's loose `Record<string, unknown>`.
 */
import type { CallResult } from './callResult';
import type { AlertItem, BulkOutcome, ChangeEvent, Choice, CurrentUser, IncidentSummary, LogEntry, NoteItem, OnCallEntry, OutlierInfo, PastIncident, PolicyLevel, RelatedIncident, ServiceItem } from './shapes';

/** A page of a list tool: its items under their key, and the paging facts. */
type Page<K extends string, T> = { [P in K]: T[] } & { more: boolean; total?: number; next_offset?: number };

export interface ToolResults {
  get_incident: { incident: IncidentSummary };
  list_incidents: Page<'incidents', IncidentSummary> & { fetched?: number };
  manage_incidents: { results: (BulkOutcome & { incident?: IncidentSummary })[]; succeeded: number; failed: number };
  add_note_to_incident: { note: object };
  snooze_incident: { incident: object };
  add_responders: { responder_request: object };
  create_incident_status_update: { status_update: object };
  start_incident_workflow: { incident_workflow_instance: object };
  get_user_data: { user: CurrentUser };
  list_oncalls: { entries: OnCallEntry[] };
  list_users: Page<'users', Choice>;
  list_priorities: { priorities: Choice[] };
  list_incident_workflows: Page<'incident_workflows', Choice>;
  get_escalation_policy: { escalation_policy: { levels: PolicyLevel[] } };
  list_alerts_from_incident: Page<'alerts', AlertItem>;
  list_incident_notes: { notes: NoteItem[] };
  list_incident_log_entries: Page<'log_entries', LogEntry>;
  get_related_incidents: { related_incidents: RelatedIncident[] };
  get_past_incidents: { past_incidents: PastIncident[]; total?: number };
  get_outlier_incident: { outlier_incident: OutlierInfo };
  list_incident_change_events: { change_events: ChangeEvent[] };
  get_service: { service: ServiceItem };
  list_services: Page<'services', ServiceItem>;
}

export type ToolName = keyof ToolResults;

/** A tool's answer as it arrives: its declared keys, each value still to be checked (the readers' type guards). */
export type Fields<N extends ToolName> = { readonly [K in keyof ToolResults[N]]?: unknown };

declare const TOOL: unique symbol;

/**
 * A tool's result, typed by the tool's name (a compile-time mark only: any CallResult is one). The readers in
 * ./toolAnswers.ts take the tool whose answer they read, so passing them another tool's result is a compile error.
 */
export type ToolResult<N extends ToolName> = CallResult & { readonly [TOOL]?: N };

/** The tool calls behind one incident page; each may fail on its own (the page then says so in that section). */
export interface IncidentPageResults {
  incident: ToolResult<'get_incident'>;
  alerts?: ToolResult<'list_alerts_from_incident'>;
  notes?: ToolResult<'list_incident_notes'>;
  log?: ToolResult<'list_incident_log_entries'>;
  related?: ToolResult<'get_related_incidents'>;
  past?: ToolResult<'get_past_incidents'>;
  outlier?: ToolResult<'get_outlier_incident'>;
  changes?: ToolResult<'list_incident_change_events'>;
}
