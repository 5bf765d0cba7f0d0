/**
 * PagerDuty's hosted MCP surface (mcp.pagerduty.com, 3.3.1): 18 tools, each taking one `request` object whose `action`
 * picks the operation. Every action is one row here naming its classic twin (a tool in ../tools) and the request
 * fields it takes; the twin's handler runs (./surface.ts). Fields keep the hosted names; where the twin spells one
 * differently, `rename` maps the hosted path to a path the twin accepts (its flat argument, or the official shape
 * that tools/officialShapes.ts already maps).
 * Source of names and shapes: /work/shared/reference/hosted-pagerduty-mcp-tools.md.
 */

export type JsonSchema = Record<string, unknown>;

export interface HostedAction {
  action: string;
  /** The classic tool whose handler runs. */
  twin: string;
  /** One short line for the model. */
  about: string;
  /** Request fields this action takes (besides `action`), space-separated. */
  fields: string;
  /** Another field fixed to a value selects this row (browse_incidents `context` by `context_type`). */
  when?: { field: string; value: string };
  /** Hosted path → the path the twin takes (dotted; only objects, not lists, on the way). */
  rename?: Record<string, string>;
  /** Hosted value → the twin's, per path (an enum spelled differently). */
  values?: Record<string, Record<string, string>>;
  /** A path the twin has no argument for, accepted only with this value (and then dropped); any other is refused with `otherwise`. */
  fixed?: { path: string; value: string | boolean | readonly string[]; otherwise: string };
  /**
   * Fields PagerDuty's hosted server takes for this action that this server cannot honour (the REST API or the twin
   * has no counterpart): refused, saying so and what to do instead (never accepted and ignored).
   */
  unsupported?: Record<string, string>;
  /** Beyond PagerDuty's hosted surface (one of our classic extras as an action). */
  extra?: boolean;
}

export interface HostedTool {
  name: string;
  /** What the tool is about, before the list of actions. */
  about: string;
  /** Enum and list fields not ending in _ids (see fieldSchema). */
  fields?: Record<string, JsonSchema>;
  actions: HostedAction[];
}

const strs: JsonSchema = { type: 'array', items: { type: 'string' } };
const objs: JsonSchema = { type: 'array', items: { type: 'object' } };
const oneOf = (...values: string[]): JsonSchema => ({ enum: values });
const someOf = (...values: string[]): JsonSchema => ({ type: 'array', items: { enum: values } });

/**
 * The schema of a field, published only where it says more than the field's name and the action's line in the
 * description: enums and lists. Scalars (ids, times, numbers, flags) and objects are named in the description only;
 * the twin checks their types and says what it expected.
 */
export function fieldSchema(tool: HostedTool, field: string): JsonSchema | undefined {
  return tool.fields?.[field] ?? (field.endsWith('_ids') ? strs : undefined);
}

const PAGE = 'limit offset';

/** Offset-paged answers here always count the total (the client asks PagerDuty for it), so `total: true` is what happens anyway. */
const ALWAYS_TOTAL = { path: 'total', value: true, otherwise: 'this server always reports the total with each page; leave request.total out' };

/** The classic create_schedule / update_schedule write shift-based (v3) schedules only. */
const SHIFT_BASED_ONLY = {
  path: 'schedule_data.kind',
  value: 'shift_based',
  otherwise: "only shift_based schedules are created or changed here; edit legacy (layer-based) schedules in PagerDuty's web app",
};

export const HOSTED_TOOLS: readonly HostedTool[] = [
  {
    name: 'browse_incidents',
    about: 'Read incidents',
    fields: {
      request_scope: oneOf('all', 'teams', 'assigned'),
      statuses: someOf('triggered', 'acknowledged', 'resolved'),
      urgencies: someOf('high', 'low'),
      priorities: strs,
      include: strs,
      context_type: oneOf('related', 'past', 'outlier'),
    },
    actions: [
      { action: 'list', twin: 'list_incidents', about: 'filter incidents (priorities: priority ids)', fields: `request_scope statuses since until urgencies priorities service_ids team_ids ${PAGE}` },
      { action: 'get', twin: 'get_incident', about: 'one incident by id or number', fields: 'incident_id include', rename: { include: 'query_model.include' } },
      { action: 'list_alerts', twin: 'list_alerts_from_incident', about: "an incident's alerts", fields: `incident_id ${PAGE}` },
      { action: 'get_alert', twin: 'get_alert_from_incident', about: 'one alert', fields: 'incident_id alert_id' },
      {
        action: 'list_notes', twin: 'list_incident_notes', about: 'notes', fields: 'incident_id',
        unsupported: Object.fromEntries(PAGE.split(' ').map((f) => [f, "PagerDuty's notes endpoint has no paging, so every note of the incident comes in one answer; leave it out"])),
      },
      {
        action: 'context', when: { field: 'context_type', value: 'related' }, twin: 'get_related_incidents', about: 'context_type related: incidents related to this one', fields: 'incident_id context_type additional_details',
        // The twin always asks PagerDuty for additional_details[]=incident.
        fixed: { path: 'additional_details', value: ['incident'], otherwise: 'this server always asks for each related incident\'s details (["incident"]); leave request.additional_details out' },
      },
      { action: 'context', when: { field: 'context_type', value: 'past' }, twin: 'get_past_incidents', about: 'past: similar past incidents', fields: 'incident_id context_type limit' },
      { action: 'context', when: { field: 'context_type', value: 'outlier' }, twin: 'get_outlier_incident', about: 'outlier: how unusual it is', fields: 'incident_id context_type' },
      {
        action: 'list_change_events', twin: 'list_incident_change_events', about: 'change events around it', fields: 'incident_id limit',
        unsupported: { offset: "PagerDuty's related change events come in one answer of at most limit events (no offset); raise request.limit instead" },
      },
      { action: 'list_log_entries', twin: 'list_incident_log_entries', extra: true, about: 'its timeline', fields: `incident_id is_overview ${PAGE}` },
      { action: 'list_workflows', twin: 'list_incident_workflows', about: 'incident workflows', fields: `query include ${PAGE}` },
      { action: 'get_workflow', twin: 'get_incident_workflow', about: 'one workflow', fields: 'workflow_id' },
    ],
  },
  {
    name: 'browse_services',
    about: 'Read technical services',
    actions: [
      { action: 'list', twin: 'list_services', about: 'find services', fields: `query team_ids ${PAGE}` },
      { action: 'get', twin: 'get_service', about: 'one service', fields: 'service_id' },
    ],
  },
  {
    name: 'browse_schedules',
    about: 'Read schedules and who is on call',
    fields: { include: strs, kind: oneOf('legacy', 'shift_based') },
    actions: [
      {
        action: 'list', twin: 'list_schedules', about: 'find schedules', fields: `query team_ids user_ids include ${PAGE}`, rename: { include: 'query_model.include' },
        unsupported: { kind: 'this server lists legacy (layer-based) and shift-based schedules together, each with its kind; leave request.kind out and pick by kind' },
      },
      { action: 'get', twin: 'get_schedule', about: 'one schedule', fields: 'schedule_id kind since until', values: { kind: { legacy: 'layer_based' } } },
      { action: 'list_users', twin: 'list_schedule_users', about: 'its users', fields: 'schedule_id since until' },
      { action: 'list_oncalls', twin: 'list_oncalls', about: 'who is on call (since/until default now)', fields: `time_zone user_ids escalation_policy_ids schedule_ids service_ids since until earliest ${PAGE}` },
      { action: 'list_rotations', twin: 'list_schedule_v3_rotations', about: 'shift-based: rotations', fields: `schedule_id ${PAGE}` },
      { action: 'get_rotation', twin: 'get_schedule_v3_rotation', about: 'one rotation', fields: 'schedule_id rotation_id' },
      { action: 'list_rotation_events', twin: 'list_schedule_v3_rotation_events', about: "a rotation's events", fields: `schedule_id rotation_id ${PAGE}` },
      { action: 'get_rotation_event', twin: 'get_schedule_v3_rotation_event', about: 'one event', fields: 'schedule_id rotation_id event_id' },
      { action: 'list_custom_shifts', twin: 'list_schedule_v3_custom_shifts', about: 'custom shifts in since..until', fields: `schedule_id since until ${PAGE}` },
      { action: 'get_custom_shift', twin: 'get_schedule_v3_custom_shift', about: 'one custom shift', fields: 'schedule_id custom_shift_id' },
      { action: 'list_overrides', twin: 'list_schedule_v3_overrides', about: 'overrides in since..until', fields: `schedule_id since until ${PAGE}` },
      { action: 'get_override', twin: 'get_schedule_v3_override', about: 'one override', fields: 'schedule_id override_id' },
    ],
  },
  {
    name: 'browse_teams',
    about: 'Read teams',
    fields: { scope: oneOf('all', 'my') },
    actions: [
      { action: 'list', twin: 'list_teams', about: 'find teams', fields: `scope query ${PAGE}` },
      { action: 'get', twin: 'get_team', about: 'one team', fields: 'team_id' },
      { action: 'list_members', twin: 'list_team_members', about: 'its members', fields: `team_id ${PAGE}` },
    ],
  },
  {
    name: 'browse_event_orchestrations',
    about: 'Read event orchestrations',
    fields: { sort_by: oneOf('name:asc', 'name:desc', 'routes:asc', 'routes:desc', 'created_at:asc', 'created_at:desc') },
    actions: [
      { action: 'list', twin: 'list_event_orchestrations', about: 'all', fields: `sort_by ${PAGE}` },
      { action: 'get', twin: 'get_event_orchestration', about: 'one', fields: 'orchestration_id' },
      { action: 'get_router', twin: 'get_event_orchestration_router', about: 'its routing rules', fields: 'orchestration_id' },
      { action: 'get_service', twin: 'get_event_orchestration_service', about: "a service's rules", fields: 'service_id' },
      { action: 'get_global', twin: 'get_event_orchestration_global', about: 'its global rules', fields: 'orchestration_id' },
    ],
  },
  {
    name: 'browse_alert_grouping',
    about: 'Read alert grouping settings',
    actions: [
      {
        action: 'list', twin: 'list_alert_grouping_settings', about: 'cursor paging (after/before)', fields: 'service_ids limit after before',
        unsupported: { total: 'these settings are paged by cursor and not counted here; call again with request.after until no more' },
      },
      { action: 'get', twin: 'get_alert_grouping_setting', about: 'one', fields: 'setting_id' },
    ],
  },
  {
    name: 'browse_status_pages',
    about: 'Read status pages',
    fields: { status_page_type: oneOf('public', 'private', 'audience_specific'), include: someOf('status_page_post_update') },
    actions: [
      { action: 'list', twin: 'list_status_pages', about: 'all', fields: `status_page_type ${PAGE}` },
      { action: 'list_severities', twin: 'list_status_page_severities', about: 'its severities', fields: `status_page_id ${PAGE}` },
      { action: 'list_impacts', twin: 'list_status_page_impacts', about: 'its impacts', fields: `status_page_id ${PAGE}` },
      { action: 'list_statuses', twin: 'list_status_page_statuses', about: 'its statuses', fields: `status_page_id ${PAGE}` },
      { action: 'get_post', twin: 'get_status_page_post', about: 'one post', fields: 'status_page_id post_id include', rename: { include: 'query_model.include' } },
      { action: 'list_post_updates', twin: 'list_status_page_post_updates', about: "a post's updates", fields: `status_page_id post_id ${PAGE}` },
    ],
  },
  {
    name: 'browse_escalation_policies',
    about: 'Read escalation policies',
    fields: { include: someOf('services', 'teams') },
    actions: [
      { action: 'list', twin: 'list_escalation_policies', about: 'find policies', fields: `query user_ids team_ids include ${PAGE}` },
      { action: 'get', twin: 'get_escalation_policy', about: 'one, with its levels', fields: 'policy_id' },
    ],
  },
  {
    name: 'browse_users',
    about: 'Read users',
    actions: [
      { action: 'get', twin: 'get_user_data', about: 'me (the token owner)', fields: '' },
      { action: 'list', twin: 'list_users', about: 'find users', fields: `query team_ids ${PAGE}` },
    ],
  },
  {
    name: 'browse_change_events',
    about: 'Read change events (deploys, config changes)',
    actions: [
      { action: 'list', twin: 'list_change_events', about: 'account-wide', fields: `since until total team_ids integration_ids ${PAGE}`, fixed: ALWAYS_TOTAL },
      { action: 'get', twin: 'get_change_event', about: 'one', fields: 'change_event_id' },
      { action: 'list_service', twin: 'list_service_change_events', about: "a service's", fields: `service_id since until total team_ids integration_ids ${PAGE}`, fixed: ALWAYS_TOTAL },
    ],
  },
  {
    name: 'browse_activity',
    about: 'Read the account-wide log',
    actions: [
      {
        action: 'list_log_entries', twin: 'list_log_entries', about: 'log entries (since: 7 days ago)', fields: `since until is_overview ${PAGE}`,
        unsupported: { include: 'each entry names its incident and who acted; read the incident in full with browse_incidents "get"' },
      },
      { action: 'get_log_entry', twin: 'get_log_entry', about: 'one', fields: 'log_entry_id' },
    ],
  },
  {
    name: 'manage_incidents',
    about: 'Change incidents',
    actions: [
      { action: 'create', twin: 'create_incident', about: 'incident {title, service {id}, urgency?, body {details}?, assignments [{assignee {id}}]?}', fields: 'incident' },
      { action: 'update', twin: 'manage_incidents', about: 'manage_request {incident_ids, status?, urgency?, assignment {id}?, escalation_level?}', fields: 'manage_request', rename: { 'manage_request.assignment': 'manage_request.assignement' } },
      { action: 'add_note', twin: 'add_note_to_incident', about: 'add a note', fields: 'incident_id note' },
      { action: 'add_responders', twin: 'add_responders', about: 'request {message, responder_request_targets [{responder_request_target {id, type}}]}', fields: 'incident_id request' },
      { action: 'start_workflow', twin: 'start_incident_workflow', about: 'instance_request {incident_workflow_instance {incident {id}}}', fields: 'workflow_id instance_request' },
      { action: 'snooze', twin: 'snooze_incident', extra: true, about: 'snooze an acknowledged incident', fields: 'incident_id duration_minutes' },
      { action: 'merge', twin: 'merge_incidents', extra: true, about: 'merge source incidents into the target', fields: 'target_incident_id source_incident_ids' },
      { action: 'status_update', twin: 'create_incident_status_update', extra: true, about: "send a status update to the incident's subscribers", fields: 'incident_id message' },
    ],
  },
  {
    name: 'manage_services',
    about: 'Change services',
    actions: [
      { action: 'create', twin: 'create_service', about: 'service_data {service {name, description?, escalation_policy {id}}}', fields: 'service_data' },
      { action: 'update', twin: 'update_service', about: 'service_data as create, any part', fields: 'service_id service_data' },
    ],
  },
  {
    name: 'manage_schedules',
    about: 'Change schedules',
    fields: { shifts: objs, overrides: objs },
    actions: [
      { action: 'create', twin: 'create_schedule', about: 'schedule_data {kind: shift_based, name, time_zone, teams [{id}]?}', fields: 'schedule_data', fixed: SHIFT_BASED_ONLY },
      { action: 'update', twin: 'update_schedule', about: 'schedule_data {kind: shift_based, name?, time_zone?}', fields: 'schedule_id schedule_data', fixed: SHIFT_BASED_ONLY },
      { action: 'create_override', twin: 'create_schedule_override', about: 'override_request {overrides [{start, end, user_id}]}', fields: 'schedule_id override_request' },
      { action: 'delete_schedule_v3', twin: 'delete_schedule_v3', about: 'delete a shift-based schedule', fields: 'schedule_id' },
      { action: 'create_rotation', twin: 'create_schedule_v3_rotation', about: 'add a rotation', fields: 'schedule_id' },
      { action: 'delete_rotation', twin: 'delete_schedule_v3_rotation', about: 'remove one', fields: 'schedule_id rotation_id' },
      { action: 'create_rotation_event', twin: 'create_schedule_v3_rotation_event', about: 'event_data {name, start_time/end_time {date_time, time_zone}, effective_since, effective_until?, recurrence [RRULE], assignment_strategy {type, members [{type, user_id}], shifts_per_member?}}', fields: 'schedule_id rotation_id event_data' },
      { action: 'update_rotation_event', twin: 'update_schedule_v3_rotation_event', about: 'event_data as create (full replacement)', fields: 'schedule_id rotation_id event_id event_data' },
      { action: 'delete_rotation_event', twin: 'delete_schedule_v3_rotation_event', about: 'remove one', fields: 'schedule_id rotation_id event_id' },
      { action: 'create_custom_shifts', twin: 'create_schedule_v3_custom_shifts', about: 'shifts [{start_time, end_time, assignments [{member {type, user_id}}]}]', fields: 'schedule_id shifts', rename: { shifts: 'custom_shifts' } },
      { action: 'update_custom_shift', twin: 'update_schedule_v3_custom_shift', about: 'shift_data as one shift', fields: 'schedule_id custom_shift_id shift_data' },
      { action: 'delete_custom_shift', twin: 'delete_schedule_v3_custom_shift', about: 'remove one', fields: 'schedule_id custom_shift_id' },
      { action: 'create_overrides', twin: 'create_schedule_v3_overrides', about: 'overrides [{rotation_id or custom_shift_id, start_time, end_time, overridden_member, overriding_member}]', fields: 'schedule_id overrides' },
      { action: 'update_override', twin: 'update_schedule_v3_override', about: 'override_data {start_time, end_time, overriding_member}', fields: 'schedule_id override_id override_data', rename: { 'override_data.start_time': 'start_time', 'override_data.end_time': 'end_time', 'override_data.overriding_member': 'overriding_member' } },
      { action: 'delete_override', twin: 'delete_schedule_v3_override', about: 'remove one', fields: 'schedule_id override_id' },
    ],
  },
  {
    name: 'manage_teams',
    about: 'Change teams',
    actions: [
      { action: 'create', twin: 'create_team', about: 'create_model {team {name, description?, default_role?}}', fields: 'create_model' },
      { action: 'update', twin: 'update_team', about: 'update_model as create', fields: 'team_id update_model' },
      { action: 'delete', twin: 'delete_team', about: 'delete a team', fields: 'team_id' },
      { action: 'add_member', twin: 'add_team_member', about: 'member_data {user_id, role?}', fields: 'team_id member_data' },
      { action: 'remove_member', twin: 'remove_team_member', about: 'remove a user', fields: 'team_id user_id' },
    ],
  },
  {
    name: 'manage_event_orchestrations',
    about: 'Change event orchestration routing',
    actions: [
      { action: 'update_router', twin: 'update_event_orchestration_router', about: 'router_update {orchestration_path {sets [{rules [{id, label?, conditions [{expression}], actions {route_to}}]}], catch_all {actions {route_to}}}}: replaces all rules', fields: 'orchestration_id router_update' },
      { action: 'append_router_rule', twin: 'append_event_orchestration_router_rule', about: 'new_rule {label?, conditions, actions {route_to}}, added last', fields: 'orchestration_id new_rule' },
    ],
  },
  {
    name: 'manage_alert_grouping',
    about: 'Change alert grouping settings',
    actions: [
      { action: 'create', twin: 'create_alert_grouping_setting', about: 'create_model {alert_grouping_setting {type, config {...}, services [{id}], name?}}', fields: 'create_model' },
      { action: 'update', twin: 'update_alert_grouping_setting', about: 'update_model as create', fields: 'setting_id update_model' },
      { action: 'delete', twin: 'delete_alert_grouping_setting', about: 'delete one', fields: 'setting_id' },
    ],
  },
  {
    name: 'manage_status_pages',
    about: 'Post to status pages',
    actions: [
      { action: 'create_post', twin: 'create_status_page_post', about: 'create_model {post {title, post_type, starts_at, ends_at, status_page {id}, updates [update]}}', fields: 'status_page_id create_model' },
      { action: 'create_post_update', twin: 'create_status_page_post_update', about: 'create_model {post_update {message, status {id}, severity {id}, impacted_services?, notify_subscribers?}}', fields: 'status_page_id post_id create_model' },
    ],
  },
];

/** Every classic tool that is some action's twin (on the hosted surface it is reached through that action only), with its row. */
export const HOSTED_FORM: ReadonlyMap<string, { tool: string; row: HostedAction }> = new Map(
  HOSTED_TOOLS.flatMap((tool) => tool.actions.map((row) => [row.twin, { tool: tool.name, row }] as const)),
);

export const TWINS: ReadonlySet<string> = new Set(HOSTED_FORM.keys());

export const HOSTED_NAMES: ReadonlySet<string> = new Set(HOSTED_TOOLS.map((t) => t.name));
