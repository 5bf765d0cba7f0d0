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
