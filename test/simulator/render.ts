/** Turns state records into PagerDuty API v2 JSON shapes (references, full objects, pagination). */
import type {
  AlertRec,
  EscalationPolicyRec,
  IncidentRec,
  LogEntryRec,
  NoteRec,
  OverrideRec,
  PriorityRec,
  ScheduleRec,
  ServiceRec,
  SimState,
  TeamRec,
  UserRec,
} from './state';
import { iso } from './time';
import { BRIDGE_NUMBER, ENVIRONMENT_FIELD, SUBDOMAIN, SUPPORT_HOURS } from './seed/data';

export type JsonBody = Record<string, unknown>;

type Kind = 'user' | 'team' | 'service' | 'escalation_policy' | 'schedule' | 'incident' | 'priority';

const COLLECTION: Record<Kind, string> = {
  user: 'users',
  team: 'teams',
  service: 'services',
  escalation_policy: 'escalation_policies',
  schedule: 'schedules',
  incident: 'incidents',
  priority: 'priorities',
};
const WEB_PATH: Record<Kind, string> = { ...COLLECTION, service: 'service-directory' };

export class Renderer {
  constructor(private readonly state: SimState) {}

  private selfUrl(kind: Kind, id: string): string {
    return `${this.state.apiBase}/${COLLECTION[kind]}/${id}`;
  }

  private htmlUrl(kind: Kind, id: string): string {
    return `${this.state.webBase}/${WEB_PATH[kind]}/${id}`;
  }

  /** The common head of every object and reference: id, type, summary, self, html_url. */
  head(kind: Kind, id: string, summary: string, type: string = kind): JsonBody {
    return { id, type, summary, self: this.selfUrl(kind, id), html_url: kind === 'priority' ? null : this.htmlUrl(kind, id) };
  }

  /**
   * Each service's Events API v2 integration, which its alerts arrive through. Derived from the service id
   * (no PRNG draw) so adding it does not move the seeded ids.
   */
  integrationRef(serviceId: string): JsonBody {
    const id = `PI${serviceId.slice(2)}`;
    return {
      id,
      type: 'events_api_v2_inbound_integration_reference',
      summary: 'Events API v2',
      self: `${this.selfUrl('service', serviceId)}/integrations/${id}`,
      html_url: `${this.htmlUrl('service', serviceId)}/integrations/${id}`,
    };
  }

  /** The full integration, as include[]=integrations on a service returns it. */
  integration(s: ServiceRec): JsonBody {
    const ref = this.integrationRef(s.id);
    return {
      ...ref,
      type: 'events_api_v2_inbound_integration',
      name: 'Events API v2',
      service: this.ref('service', s.id),
      created_at: s.created_at,
      ...(s.integrationKey ? { integration_key: s.integrationKey } : {}),
    };
  }

  /** A user's default email contact method and the notification rule that uses it, derived like integrationRef. */
  private userChannelRefs(userId: string): { contact_methods: JsonBody[]; notification_rules: JsonBody[] } {
    const user = this.selfUrl('user', userId);
    const method = `PC${userId.slice(2)}`;
    const rule = `PN${userId.slice(2)}`;
    return {
      contact_methods: [
        { id: method, type: 'email_contact_method_reference', summary: 'Default', self: `${user}/contact_methods/${method}`, html_url: null },
      ],
      notification_rules: [
        { id: rule, type: 'assignment_notification_rule_reference', summary: '0 minutes: channel Default', self: `${user}/notification_rules/${rule}`, html_url: null },
      ],
    };
  }

  ref(kind: Kind, id: string): JsonBody {
    return this.head(kind, id, this.summaryOf(kind, id), `${kind}_reference`);
  }

  private summaryOf(kind: Kind, id: string): string {
    const s = this.state;
    switch (kind) {
      case 'user':
        return s.users.get(id)?.name ?? id;
      case 'team':
        return s.teams.get(id)?.name ?? id;
      case 'service':
        return s.services.get(id)?.name ?? id;
      case 'escalation_policy':
        return s.escalationPolicies.get(id)?.name ?? id;
      case 'schedule':
        return s.schedules.get(id)?.name ?? id;
      case 'priority':
        return s.priorities.get(id)?.name ?? id;
      case 'incident': {
        const i = s.incidents.get(id);
        return i ? `[#${i.number}] ${i.title}` : id;
      }
    }
  }

  user(u: UserRec, include: Set<string> = new Set()): JsonBody {
    const teamIds = [...this.state.teams.values()].filter((t) => t.members.has(u.id)).map((t) => t.id);
    return {
      ...this.head('user', u.id, u.name),
      name: u.name,
      email: u.email,
      time_zone: u.time_zone,
      color: u.color,
      role: u.role,
      avatar_url: `https://secure.gravatar.com/avatar/${u.id.toLowerCase()}.png?d=mm&r=PG`,
      description: u.description,
      invitation_sent: false,
      created_via_sso: false,
      job_title: u.job_title,
      teams: teamIds.map((id) => (include.has('teams') ? this.team(this.state.teams.get(id)!) : this.ref('team', id))),
      ...this.userChannelRefs(u.id),
      // Private calendar feeds of the user's on-call shifts; the token part is the user id, lower-cased.
      http_cal_url: `https://${SUBDOMAIN}.pagerduty.com/private/${u.id.toLowerCase()}/feed`,
      web_cal_url: `webcal://${SUBDOMAIN}.pagerduty.com/private/${u.id.toLowerCase()}/feed`,
    };
  }

  team(t: TeamRec): JsonBody {
    return { ...this.head('team', t.id, t.name), name: t.name, description: t.description, default_role: 'manager' };
  }

  priority(p: PriorityRec): JsonBody {
    return { ...this.head('priority', p.id, p.name), name: p.name, description: p.description };
  }

  /**
   * An enabled service's status follows its open incidents, as PagerDuty shows it: critical while a high-urgency
   * incident is triggered, warning while any other incident is open (acknowledged, or triggered at low urgency),
   * active otherwise. Disabled and maintenance are set, not derived.
   */
  serviceStatus(s: ServiceRec): ServiceRec['status'] {
    if (s.status === 'disabled' || s.status === 'maintenance') return s.status;
    let status: ServiceRec['status'] = 'active';
    for (const i of this.state.incidents.values()) {
      if (i.serviceId !== s.id || i.status === 'resolved') continue;
      if (i.status === 'triggered' && i.urgency === 'high') return 'critical';
      status = 'warning';
    }
    return status;
  }

  /** A service's policy and teams stay references: the spec allows nothing else there, include[] or not. */
  service(s: ServiceRec, include: Set<string> = new Set()): JsonBody {
    const last = [...this.state.incidents.values()].reverse().find((i) => i.serviceId === s.id);
    return {
      ...this.head('service', s.id, s.name),
      name: s.name,
      description: s.description,
      auto_resolve_timeout: s.auto_resolve_timeout,
      acknowledgement_timeout: s.acknowledgement_timeout,
      created_at: s.created_at,
      status: this.serviceStatus(s),
      ...(last ? { last_incident_timestamp: last.created_at } : {}),
      escalation_policy: this.ref('escalation_policy', s.escalationPolicyId),
      teams: s.teamIds.map((id) => this.ref('team', id)),
      integrations: [include.has('integrations') ? this.integration(s) : this.integrationRef(s.id)],
      // Every seeded service pages high during support hours and low outside them, back to high when they start.
      incident_urgency_rule: {
        type: 'use_support_hours',
        during_support_hours: { type: 'constant', urgency: 'high' },
        outside_support_hours: { type: 'constant', urgency: 'low' },
      },
      support_hours: { type: 'fixed_time_per_day', time_zone: SUPPORT_HOURS.time_zone, start_time: SUPPORT_HOURS.start, end_time: SUPPORT_HOURS.end, days_of_week: SUPPORT_HOURS.days },
      scheduled_actions: [{ type: 'urgency_change', at: { type: 'named_time', name: 'support_hours_start' }, to_urgency: 'high' }],
      auto_pause_notifications_parameters: { enabled: false, timeout: 0 },
      alert_creation: s.alert_creation,
      alert_grouping_parameters: { type: null },
    };
  }

  escalationPolicy(p: EscalationPolicyRec): JsonBody {
    return {
      ...this.head('escalation_policy', p.id, p.name),
      name: p.name,
      description: p.description,
      num_loops: p.num_loops,
      on_call_handoff_notifications: p.on_call_handoff_notifications,
      escalation_rules: p.rules.map((r) => ({
        id: r.id,
        escalation_delay_in_minutes: r.escalation_delay_in_minutes,
        targets: r.targets.map((t) => this.ref(t.type === 'user_reference' ? 'user' : 'schedule', t.id)),
      })),
      services: [...this.state.services.values()].filter((s) => s.escalationPolicyId === p.id).map((s) => this.ref('service', s.id)),
      teams: p.teamIds.map((id) => this.ref('team', id)),
    };
  }

  override(scheduleId: string, o: OverrideRec): JsonBody {
    return {
      id: o.id,
      type: 'override',
      summary: `Override for ${this.summaryOf('user', o.userId)}`,
      self: `${this.selfUrl('schedule', scheduleId)}/overrides/${o.id}`,
      html_url: null,
      start: o.start,
      end: o.end,
      user: this.ref('user', o.userId),
    };
  }

  scheduleHead(s: ScheduleRec): JsonBody {
    return {
      ...this.head('schedule', s.id, s.name),
      name: s.name,
      description: s.description,
      time_zone: s.time_zone,
      escalation_policies: [...this.state.escalationPolicies.values()]
        .filter((p) => p.rules.some((r) => r.targets.some((t) => t.id === s.id)))
        .map((p) => this.ref('escalation_policy', p.id)),
      users: [...new Set(s.layers.flatMap((l) => l.userIds))].map((id) => this.ref('user', id)),
      teams: s.teamIds.map((id) => this.ref('team', id)),
    };
  }

  incident(i: IncidentRec, include: Set<string> = new Set()): JsonBody {
    const s = this.state;
    const userOrRef = (id: string, expand: boolean) => (expand && s.users.has(id) ? this.user(s.users.get(id)!) : this.ref('user', id));
    const expandUsers = include.has('users') || include.has('assignees');
    const service = s.services.get(i.serviceId);
    const policy = s.escalationPolicies.get(i.escalationPolicyId);
    const priority = i.priorityId ? s.priorities.get(i.priorityId) : undefined;
    const alerts = s.alerts.get(i.id) ?? [];
    const triggeredAlerts = alerts.filter((a) => a.status === 'triggered').length;
    const firstTrigger = s.logEntries.get(i.firstTriggerLogEntryId);
    return {
      ...this.head('incident', i.id, `[#${i.number}] ${i.title}`),
      incident_number: i.number,
      title: i.title,
      description: i.title,
      created_at: i.created_at,
      updated_at: i.updated_at,
      status: i.status,
      incident_key: i.incident_key,
      service: include.has('services') && service ? this.service(service) : this.ref('service', i.serviceId),
      assignments: i.assignments.map((a) => ({ at: a.at, assignee: userOrRef(a.userId, expandUsers) })),
      assigned_via: 'escalation_policy',
      last_status_change_at: i.last_status_change_at,
      resolved_at: i.resolved_at,
      first_trigger_log_entry:
        include.has('first_trigger_log_entries') && firstTrigger ? this.logEntry(firstTrigger) : this.logEntryRef(i.firstTriggerLogEntryId, i.id),
      alert_counts: { all: alerts.length, triggered: triggeredAlerts, resolved: alerts.length - triggeredAlerts },
      is_mergeable: true,
      incident_type: { name: 'incident_default' },
      escalation_policy:
        include.has('escalation_policies') && policy ? this.escalationPolicy(policy) : this.ref('escalation_policy', i.escalationPolicyId),
      teams: i.teamIds.map((id) => (include.has('teams') ? this.team(s.teams.get(id)!) : this.ref('team', id))),
      pending_actions: this.pendingActions(i),
      acknowledgements: i.acknowledgements.map((a) => ({
        at: a.at,
        acknowledger: userOrRef(a.userId, include.has('users') || include.has('acknowledgers')),
      })),
      last_status_change_by:
        i.lastStatusChangeBy.type === 'user_reference' ? this.ref('user', i.lastStatusChangeBy.id) : this.ref('service', i.lastStatusChangeBy.id),
      priority: priority ? this.priority(priority) : null,
      resolve_reason: null,
      ...(include.has('conference_bridge') ? { conference_bridge: this.conferenceBridge(i) } : {}),
      // PagerDuty documents null when the incident has no alerts.
      alert_grouping: alerts.length
        ? { grouping_type: 'advanced', started_at: alerts[0].created_at, ended_at: i.resolved_at, alert_grouping_active: i.status !== 'resolved' }
        : null,
      custom_fields: [{ ...ENVIRONMENT_FIELD, type: 'field_value' }],
      incidents_responders: i.responderRequests.flatMap((r) =>
        r.targets
          .filter((t) => t.type === 'user_reference')
          .map((t) => ({
            state: 'pending',
            user: this.ref('user', t.id),
            incident: this.ref('incident', i.id),
            updated_at: r.requested_at,
            message: r.message,
            requester: this.ref('user', r.requesterId),
            requested_at: r.requested_at,
          })),
      ),
      responder_requests: i.responderRequests.map((r) => this.responderRequest(i, r)),
      urgency: i.urgency,
    };
  }

  /** Every seeded incident has a bridge on the account's dial-in, with its number as the access code. */
  conferenceBridge(i: IncidentRec): JsonBody {
    return { conference_number: `${BRIDGE_NUMBER},,,,${i.number}#`, conference_url: `https://meet.${SUBDOMAIN}.example/incident-${i.number}` };
  }

  /** What PagerDuty will do next on its own: escalate or unacknowledge after the timeouts, auto-resolve. */
  private pendingActions(i: IncidentRec): JsonBody[] {
    if (i.status === 'resolved') return [];
    const s = this.state;
    const service = s.services.get(i.serviceId);
    const after = (from: string, seconds: number) => iso(Date.parse(from) + seconds * 1000);
    const actions: JsonBody[] = [];
    const ack = i.acknowledgements.at(-1);
    if (i.snoozedUntil) actions.push({ type: 'unacknowledge', at: i.snoozedUntil });
    else if (ack && service?.acknowledgement_timeout) actions.push({ type: 'unacknowledge', at: after(ack.at, service.acknowledgement_timeout) });
    const rule = s.escalationPolicies.get(i.escalationPolicyId)?.rules[i.escalationLevel - 1];
    const assigned = i.assignments.at(-1);
    if (!ack && rule && assigned) actions.push({ type: 'escalate', at: after(assigned.at, rule.escalation_delay_in_minutes * 60) });
    if (service?.auto_resolve_timeout) actions.push({ type: 'resolve', at: after(i.last_status_change_at, service.auto_resolve_timeout) });
    return actions;
  }

  responderRequest(i: IncidentRec, r: IncidentRec['responderRequests'][number]): JsonBody {
    return {
      incident: this.ref('incident', i.id),
      requester: this.ref('user', r.requesterId),
      requested_at: r.requested_at,
      message: r.message,
      responder_request_targets: r.targets.map((t) => ({
        responder_request_target: {
          ...this.ref(t.type === 'user_reference' ? 'user' : 'escalation_policy', t.id),
          incidents_responders: [],
        },
      })),
    };
  }

  alert(a: AlertRec): JsonBody {
    const incident = this.state.incidents.get(a.incidentId)!;
    return {
      id: a.id,
      type: 'alert',
      summary: a.summary,
      self: `${this.state.apiBase}/alerts/${a.id}`,
      html_url: `${this.state.webBase}/alerts/${a.id}`,
      created_at: a.created_at,
      status: a.status,
      alert_key: a.alert_key,
      service: this.ref('service', incident.serviceId),
      incident: this.ref('incident', incident.id),
      suppressed: false,
      severity: a.severity,
      integration: this.integrationRef(incident.serviceId),
      body: { type: 'alert_body', contexts: [], details: a.details },
    };
  }

  note(n: NoteRec): JsonBody {
    return {
      id: n.id,
      user: this.ref('user', n.userId),
      channel: { summary: 'The PagerDuty website or APIs' },
      content: n.content,
      created_at: n.created_at,
      updated_at: n.created_at,
    };
  }

  logEntryRef(id: string, incidentId: string): JsonBody {
    const entry = this.state.logEntries.get(id);
    return {
      id,
      type: `${entry?.type ?? 'trigger_log_entry'}_reference`,
      summary: entry?.summary ?? '',
      self: `${this.state.apiBase}/log_entries/${id}`,
      html_url: `${this.state.webBase}/incidents/${incidentId}/log_entries/${id}`,
    };
  }

  logEntry(e: LogEntryRec, include: Set<string> = new Set()): JsonBody {
    const incident = this.state.incidents.get(e.incidentId);
    const agent = e.agent.type === 'user_reference' ? this.ref('user', e.agent.id) : this.ref('service', e.agent.id);
    return {
      id: e.id,
      type: e.type,
      summary: e.summary,
      self: `${this.state.apiBase}/log_entries/${e.id}`,
      html_url: `${this.state.webBase}/incidents/${e.incidentId}/log_entries/${e.id}`,
      created_at: e.created_at,
      agent,
      channel: { type: e.channel },
      service: incident ? this.ref('service', incident.serviceId) : undefined,
      incident: incident && include.has('incidents') ? this.incident(incident) : this.ref('incident', e.incidentId),
      teams: (incident?.teamIds ?? []).map((id) => this.ref('team', id)),
      contexts: [],
      // A trigger carries the triggering event's description; other entries have no event.
      event_details: e.type === 'trigger_log_entry' && incident ? { description: incident.title } : {},
      ...(e.note !== undefined ? { note: e.note } : {}),
      ...(e.assigneeIds ? { assignees: e.assigneeIds.map((id) => this.ref('user', id)) } : {}),
    };
  }
}

/** Offset pagination as PagerDuty returns it; `total` is only counted when asked for (`total=true`). */
export function paginate<T>(items: T[], query: URLSearchParams, maxLimit = 100): { page: T[]; meta: JsonBody } {
  const rawLimit = Number(query.get('limit') ?? 25);
  const limit = Math.min(Math.max(Number.isFinite(rawLimit) && rawLimit > 0 ? Math.floor(rawLimit) : 25, 1), maxLimit);
  const rawOffset = Number(query.get('offset') ?? 0);
  const offset = Number.isFinite(rawOffset) && rawOffset > 0 ? Math.floor(rawOffset) : 0;
  const page = items.slice(offset, offset + limit);
  return {
    page,
    meta: { limit, offset, more: offset + limit < items.length, total: query.get('total') === 'true' ? items.length : null },
  };
}
