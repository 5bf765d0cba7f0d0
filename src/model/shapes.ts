/**
 * The shapes of PagerDuty objects as the server's tools return them (structuredContent) and the sidebar, the page and
 * the card read them: declared here, below both, and filled by the shape functions in src/mcp/shape/.
 */

/** A reference to another object, reduced to what a responder reads. */
export interface Ref {
  id: string;
  name: string;
}

export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority: Ref | null;
  service: Ref | null;
  escalation_policy: Ref | null;
  teams: Ref[];
  assignees: Ref[];
  created_at: string | null;
  last_status_change_at: string | null;
  resolved_at: string | null;
  html_url: string;
  incident_key?: string;
  /** Dial-in and/or link of the incident's bridge; PagerDuty sends it only for include[]=conference_bridge. */
  conference_bridge?: { number?: string; url?: string };
}

export interface ChangeEvent {
  id: string;
  summary: string;
  timestamp: string | null;
  source?: string;
  services?: Ref[];
  integration?: Ref | null;
  links?: { href: string; text?: string }[];
  custom_details?: string;
  correlation_reason?: string;
  html_url?: string;
}

export interface LogEntry {
  id: string;
  type: string;
  summary: string;
  created_at: string | null;
  agent: Ref | null;
  channel?: string;
  incident: Ref | null;
  service: Ref | null;
  teams?: Ref[];
  note?: string;
  html_url?: string;
}

/** One list_oncalls entry; keys stay present even when null. */
export interface OnCallEntry {
  user: Ref | null;
  escalation_policy: Ref | null;
  escalation_level: number;
  schedule: Ref | null;
  start: string | null;
  end: string | null;
}

/** An on-call entry whose user and policy were present (the readers drop the others). */
export type OncallEntry = OnCallEntry & { user: Ref; escalation_policy: Ref };

/** A service as list_services and get_service describe it, reduced to what the sidebar and the tools read. */
export interface ServiceItem {
  id: string;
  name: string;
  status?: string;
  escalation_policy?: Ref | null;
  html_url?: string;
}

/** get_user_data's user, as the sidebar keeps it. */
export interface CurrentUser extends Ref {
  email?: string;
  html_url?: string;
}

/** list_incidents' answer: one page and whether there is more. */
export interface IncidentList {
  incidents: IncidentSummary[];
  more: boolean;
  total?: number;
  nextOffset?: number;
}

/** One incident's line in manage_incidents' answer (a refusal is a line, not an error). */
export interface BulkOutcome {
  incident_id: string;
  ok: boolean;
  error?: string;
}

/** A line of a bulk change as in-process callers read it: the updated incident when it worked. */
export interface BulkRow extends BulkOutcome {
  incident?: IncidentSummary;
  /** Resolving with a note: the note was refused, so the incident was left unresolved. */
  noteFailed?: true;
}

/** What a picker lists: users, priorities, workflows. */
export interface Choice {
  id: string;
  name: string;
  email?: string;
  description?: string;
}

/** One alert of an incident, as the page and the card read it. */
export interface AlertItem {
  id: string;
  summary?: string;
  severity?: string;
  status?: string;
  created_at?: string | null;
  html_url?: string;
  integration?: Ref | null;
  /** Custom details: JSON text or an object, cleaned when shown. */
  details?: unknown;
}

export interface NoteItem {
  content: string;
  created_at?: string | null;
  user?: Ref | null;
}

export interface RelatedIncident {
  id: string;
  /** The incident number, when PagerDuty sent the full incident (related incidents; past ones carry none). */
  number?: number;
  title: string;
  created_at?: string | null;
  relationships?: string[];
}

export interface PastIncident {
  id: string;
  number?: number;
  title: string;
  created_at?: string | null;
  score?: number;
}

export interface OutlierInfo {
  category?: string;
  count?: number;
}

export interface PolicyLevel {
  level: number;
  targets: { name: string }[];
}
