/**
 * The simulator's in-memory account. Records hold only source facts (ids, foreign keys, timestamps);
 * the API shapes are produced from them by render.ts so one change (e.g. an acknowledgement) shows up
 * consistently in every endpoint.
 */
import { Prng } from './seed/prng';

export type UserRole = 'owner' | 'admin' | 'user' | 'limited_user' | 'observer' | 'read_only_user' | 'restricted_access';
export type TeamRole = 'manager' | 'responder' | 'observer';
export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';
export type Urgency = 'high' | 'low';

export interface UserRec {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  role: UserRole;
  color: string;
  job_title: string;
  description: string;
}

export interface TeamRec {
  id: string;
  name: string;
  description: string;
  /** userId -> role on this team */
  members: Map<string, TeamRole>;
}

export interface ServiceRec {
  id: string;
  name: string;
  description: string;
  status: 'active' | 'warning' | 'critical' | 'maintenance' | 'disabled';
  escalationPolicyId: string;
  teamIds: string[];
  created_at: string;
  auto_resolve_timeout: number | null;
  acknowledgement_timeout: number | null;
  alert_creation: 'create_incidents' | 'create_alerts_and_incidents';
  /** Its Events API v2 integration's key (routing key), where the seed gives one; include[]=integrations shows it. */
  integrationKey?: string;
}

export interface TargetRec {
  type: 'user_reference' | 'schedule_reference';
  id: string;
}

export interface EscalationRuleRec {
  id: string;
  escalation_delay_in_minutes: number;
  targets: TargetRec[];
}

export interface EscalationPolicyRec {
  id: string;
  name: string;
  description: string;
  num_loops: number;
  on_call_handoff_notifications: 'if_has_services' | 'always';
  rules: EscalationRuleRec[];
  teamIds: string[];
}

export interface LayerRec {
  id: string;
  name: string;
  start: string;
  end: string | null;
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  userIds: string[];
}

export interface OverrideRec {
  id: string;
  start: string;
  end: string;
  userId: string;
}

export interface ScheduleRec {
  id: string;
  name: string;
  description: string;
  time_zone: string;
  /** Index 0 is the bottom layer; later layers take precedence, as in PagerDuty. */
  layers: LayerRec[];
  overrides: OverrideRec[];
  teamIds: string[];
}

export interface PriorityRec {
  id: string;
  name: string;
  description: string;
}

export interface AssignmentRec {
  userId: string;
  at: string;
}

export interface ResponderRequestRec {
  requesterId: string;
  requested_at: string;
  message: string;
  targets: { type: 'user_reference' | 'escalation_policy_reference'; id: string }[];
}

export interface IncidentRec {
  id: string;
  number: number;
  title: string;
  details: string;
  status: IncidentStatus;
  urgency: Urgency;
  created_at: string;
  updated_at: string;
  last_status_change_at: string;
  lastStatusChangeBy: { type: 'user_reference' | 'service_reference'; id: string };
  resolved_at: string | null;
  serviceId: string;
  escalationPolicyId: string;
  escalationLevel: number;
  priorityId: string | null;
  incident_key: string;
  assignments: AssignmentRec[];
  acknowledgements: AssignmentRec[];
  teamIds: string[];
  firstTriggerLogEntryId: string;
  responderRequests: ResponderRequestRec[];
  /** Set by a snooze: when the acknowledged incident returns to triggered. */
  snoozedUntil?: string;
}

export interface AlertRec {
  id: string;
  incidentId: string;
  status: 'triggered' | 'resolved';
  created_at: string;
  alert_key: string;
  summary: string;
  severity: 'info' | 'warning' | 'error' | 'critical';
  details: Record<string, unknown>;
}

export interface NoteRec {
  id: string;
  incidentId: string;
  userId: string;
  content: string;
  created_at: string;
}

export type LogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'resolve_log_entry'
  | 'assign_log_entry'
  | 'escalate_log_entry'
  | 'annotate_log_entry'
  | 'urgency_change_log_entry'
  | 'snooze_log_entry'
  | 'unacknowledge_log_entry'
  | 'notify_log_entry';

export interface LogEntryRec {
  id: string;
  type: LogEntryType;
  created_at: string;
  incidentId: string;
  agent: { type: 'user_reference' | 'service_reference'; id: string };
  channel: string;
  summary: string;
  note?: string;
  assigneeIds?: string[];
}

export class SimState {
  readonly users = new Map<string, UserRec>();
  readonly teams = new Map<string, TeamRec>();
  readonly services = new Map<string, ServiceRec>();
  readonly escalationPolicies = new Map<string, EscalationPolicyRec>();
  readonly schedules = new Map<string, ScheduleRec>();
  readonly priorities = new Map<string, PriorityRec>();
  /** Insertion order is creation order. */
  readonly incidents = new Map<string, IncidentRec>();
  readonly incidentsByNumber = new Map<number, IncidentRec>();
  readonly alerts = new Map<string, AlertRec[]>();
  readonly notes = new Map<string, NoteRec[]>();
  /** All log entries in creation order, plus a per-incident index. */
  readonly logEntries = new Map<string, LogEntryRec>();
  readonly logEntriesByIncident = new Map<string, LogEntryRec[]>();
  nextIncidentNumber = 1;

  constructor(
    private readonly prng: Prng,
    /** Where `self` links point, like https://api.pagerduty.com */
    public readonly apiBase: string,
    /** Where `html_url` links point, like https://<subdomain>.pagerduty.com */
    public readonly webBase: string,
  ) {}

  /** PagerDuty-style id: a prefix letter and upper-case alphanumerics, deterministic from the seed. */
  newId(prefix = 'P', length = 7): string {
    return prefix + this.prng.token(length - prefix.length);
  }

  addIncident(incident: IncidentRec): void {
    this.incidents.set(incident.id, incident);
    this.incidentsByNumber.set(incident.number, incident);
    this.nextIncidentNumber = Math.max(this.nextIncidentNumber, incident.number + 1);
  }

  addLogEntry(entry: LogEntryRec): void {
    this.logEntries.set(entry.id, entry);
    const list = this.logEntriesByIncident.get(entry.incidentId) ?? [];
    list.push(entry);
    this.logEntriesByIncident.set(entry.incidentId, list);
  }

  /** GET /incidents/{id} accepts the id or the incident number. */
  findIncident(idOrNumber: string): IncidentRec | undefined {
    return this.incidents.get(idOrNumber) ?? (/^\d+$/.test(idOrNumber) ? this.incidentsByNumber.get(Number(idOrNumber)) : undefined);
  }

  findUserByEmail(email: string): UserRec | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }
}
