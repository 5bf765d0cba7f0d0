/**
 * The argument shapes of PagerDuty's official MCP server (v1.1.0) that differ from ours, per tool: its wrapper
 * objects (query_model, manage_request, create_model, ...) and its spellings (teams_ids, request_scope, priorities),
 * each mapped onto our flat arguments before validation (../officialArgs.ts reads this table; the path syntax is
 * explained there). Our published schemas stay flat: a model fills flat, strict arguments better, and a wrapper is
 * what broke Copilot on the official server (its issue #54). Tools missing here take the same arguments on both.
 */
import type { OfficialShape } from '../officialArgs';

/** `prefix.name` → `name` for each name: a wrapper object around arguments we take flat. */
function under(prefix: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${prefix}.${name}`, name]));
}

/** A list of flags (include: ['steps', ...]) read as our boolean for one of them. */
const has = (flag: string) => (value: unknown) => (Array.isArray(value) ? value.includes(flag) : value);
/** The official filter types end in _reference (service_reference); ours are the bare word. */
const bareReference = (value: unknown) => (typeof value === 'string' ? value.replace(/_reference$/, '') : value);

/** The official post model requires both times and sends null for an ongoing incident; here they are left out. */
const nullAsAbsent = (value: unknown) => (value === null ? undefined : value);

const NO_EFFECT_TOTAL = 'only asks PagerDuty to count the matches; answers here carry a total where PagerDuty gives one';

const levelQuery: OfficialShape = { map: under('query_model', ['post_type', 'limit']) };

function alertGrouping(wrapper: string): OfficialShape {
  const at = `${wrapper}.alert_grouping_setting`;
  return {
    map: {
      ...under(at, ['name', 'description', 'type']),
      ...under(`${at}.config`, ['aggregate', 'fields', 'time_window', 'timeout', 'iag_fields']),
      [`${at}.services[].id`]: 'service_ids[]',
    },
    ignore: { [`${at}.config.recommended_time_window`]: 'read-only in PagerDuty\'s API: it computes the value' },
  };
}

function escalationPolicy(): OfficialShape {
  const at = 'escalation_policy_data.escalation_policy';
  const rules = `${at}.escalation_rules[]`;
  return {
    map: {
      ...under(at, ['name', 'description', 'num_loops', 'on_call_handoff_notifications']),
      [`${at}.teams[].id`]: 'team_ids[]',
      [`${rules}.escalation_delay_in_minutes`]: 'rules[].delay_minutes',
      [`${rules}.targets[]{type=user_reference}.id`]: 'rules[].user_ids[]',
      [`${rules}.targets[]{type=schedule_reference}.id`]: 'rules[].schedule_ids[]',
    },
    ignore: { [`${rules}.id`]: 'read-only: PagerDuty numbers the levels itself' },
    none: { [`${rules}.escalation_rule_assignment_strategy`]: 'levels here notify all their targets; set round robin in PagerDuty\'s web app' },
  };
}

function rotationEvent(): OfficialShape {
  return {
    map: {
      ...under('event_data', ['name', 'effective_since', 'effective_until', 'recurrence']),
      'event_data.start_time.date_time': 'start_time',
      'event_data.start_time.time_zone': 'time_zone',
      'event_data.end_time.date_time': 'end_time',
      'event_data.end_time.time_zone': 'time_zone',
      'event_data.assignment_strategy.type': 'assignment_strategy',
      'event_data.assignment_strategy.members': 'members',
      'event_data.assignment_strategy.shifts_per_member': 'shifts_per_member',
    },
  };
}

function service(): OfficialShape {
  return {
    map: {
      ...under('service_data.service', ['name', 'description']),
      'service_data.service.escalation_policy.id': 'escalation_policy_id',
    },
    none: { 'service_data.service.teams': 'a service belongs to the teams of its escalation policy; set teams there (update_escalation_policy team_ids)' },
  };
}

function statusUpdate(at: string): Record<string, string> {
  return {
    ...under(at, ['message', 'notify_subscribers']),
    [`${at}.status.id`]: 'status_id',
    [`${at}.severity.id`]: 'severity_id',
    [`${at}.impacted_services[].service.id`]: 'impacted_service_ids[]',
    [`${at}.impacted_services[*].impact.id`]: 'impact_id',
  };
}

const statusUpdateNone = (at: string) => ({
  [`${at}.update_frequency_ms`]: 'a reminder for the next update is not settable here',
  [`${at}.reported_at`]: 'PagerDuty stamps the time of the update',
});

function webhook(): OfficialShape['map'] {
  return {
    ...under('webhook_data', ['events', 'active', 'description']),
    'webhook_data.filter.type': { to: 'filter_type', convert: bareReference },
    'webhook_data.filter.id': 'filter_id',
  };
}

const webhookIgnore = { 'webhook_data.type': 'always webhook_subscription' };

export const OFFICIAL_SHAPES: Readonly<Record<string, OfficialShape>> = {
  // ---- incidents
  list_incidents: { map: { request_scope: 'scope', priorities: 'priority_ids' } },
  get_incident: {
    map: {},
    ignore: { 'query_model.include': 'the official server discards what include[] adds (its Incident model keeps none of it); get_incident here returns the incident in full' },
  },
  create_incident: {
    map: {
      ...under('incident', ['title', 'urgency']),
      'incident.service.id': 'service_id',
      'incident.body.details': 'details',
      'incident.assignments[].assignee.id': 'assignee_user_ids[]',
    },
    ignore: { 'incident.type': 'always incident', 'incident.body.type': 'always incident_body' },
  },
  manage_incidents: {
    map: {
      ...under('manage_request', ['incident_ids', 'status', 'urgency', 'escalation_level']),
      // Spelled so by the official server; one assignee there, a list here.
      'manage_request.assignement.id': { to: 'assignee_user_ids', convert: (id) => [id] },
    },
  },
  add_responders: {
    map: {
      'request.message': 'message',
      'request.responder_request_targets[].responder_request_target{type=user_reference}.id': 'user_ids[]',
      'request.responder_request_targets[].responder_request_target{type=escalation_policy_reference}.id': 'escalation_policy_ids[]',
    },
  },
  get_outlier_incident: { map: under('query_model', ['since']) },
  get_past_incidents: { map: under('query_model', ['limit']), ignore: { 'query_model.total': 'the total is always asked for' } },
  get_related_incidents: { map: {}, ignore: { 'query_model.additional_details': 'the incident details are always asked for' } },

  // ---- alert grouping, change events
  list_alert_grouping_settings: { map: {}, ignore: { total: NO_EFFECT_TOTAL } },
  create_alert_grouping_setting: alertGrouping('create_model'),
  update_alert_grouping_setting: alertGrouping('update_model'),
  list_change_events: { map: {}, ignore: { total: NO_EFFECT_TOTAL } },
  list_service_change_events: { map: {}, ignore: { total: NO_EFFECT_TOTAL } },

  // ---- services, teams, users
  list_services: { map: { teams_ids: 'team_ids' } },
  create_service: service(),
  update_service: { ...service(), map: { ...service().map, 'service_data.service.status': 'status' } },
  create_team: { map: under('create_model.team', ['name', 'description', 'default_role']) },
  update_team: { map: under('update_model.team', ['name', 'description', 'default_role']) },
  add_team_member: { map: under('member_data', ['user_id', 'role']) },
  list_users: { map: { teams_ids: 'team_ids' } },
  create_user: { map: under('request', ['name', 'email', 'role', 'time_zone']) },

  // ---- schedules
  list_schedules: {
    map: under('query_model', ['query', 'team_ids', 'user_ids', 'limit']),
    ignore: {
      'query_model.include': 'the official list keeps none of what include[] adds (its schedule summaries are id, name, kind, time zone)',
      enrich: 'shift-based schedules are always listed with their names',
    },
  },
  create_schedule: {
    map: { ...under('schedule_data', ['name', 'time_zone']), 'schedule_data.teams[].id': 'team_ids[]' },
    none: {
      'schedule_data.description': 'create_schedule here sets name, time zone and teams',
      'schedule_data.rotations': 'add rotations after creating the schedule: create_schedule_v3_rotation, then create_schedule_v3_rotation_event',
    },
  },
  update_schedule: {
    map: under('schedule_data', ['name', 'time_zone']),
    none: {
      'schedule_data.description': 'update_schedule here changes name and time zone',
      'schedule_data.teams': 'update_schedule here changes name and time zone',
      'schedule_data.rotations': 'change rotations with the schedule_v3 rotation tools',
    },
  },
  create_schedule_override: {
    map: {
      'override_request.overrides[*].start': 'start',
      'override_request.overrides[*].end': 'end',
      'override_request.overrides[*].user_id': 'user_id',
    },
  },
  create_schedule_v3_rotation_event: rotationEvent(),
  update_schedule_v3_rotation_event: rotationEvent(),
  create_schedule_v3_custom_shifts: {
    map: {
      'custom_shifts[].start_time': 'custom_shifts[].start_time',
      'custom_shifts[].end_time': 'custom_shifts[].end_time',
      'custom_shifts[].member': 'custom_shifts[].member',
      'custom_shifts[].assignments[*].member': 'custom_shifts[].member',
    },
    ignore: { 'custom_shifts[].type': 'always custom_shift', 'custom_shifts[].assignments[*].type': 'always shift_assignment' },
  },
  update_schedule_v3_custom_shift: {
    map: { ...under('shift_data', ['start_time', 'end_time']), 'shift_data.assignments[*].member': 'member' },
    ignore: { 'shift_data.type': 'always custom_shift', 'shift_data.assignments[*].type': 'always shift_assignment' },
  },
  create_schedule_v3_overrides: {
    map: Object.fromEntries(
      ['rotation_id', 'custom_shift_id', 'start_time', 'end_time', 'overridden_member', 'overriding_member'].map((name) => [`overrides[].${name}`, `overrides[].${name}`]),
    ),
    ignore: { 'overrides[].type': 'always override_shift' },
  },
  update_schedule_v3_override: {
    map: { overriding_member_type: 'overriding_member.type', overriding_member_user_id: 'overriding_member.user_id' },
    ignore: {
      overridden_member_type: 'PagerDuty\'s update takes no overridden member (UpdateOverrideRequest): the official server sends it and PagerDuty ignores it',
      overridden_member_user_id: 'PagerDuty\'s update takes no overridden member (UpdateOverrideRequest): the official server sends it and PagerDuty ignores it',
    },
  },

  // ---- escalation policies, log entries
  list_escalation_policies: {
    map: {},
    ignore: { include: 'the official server keeps only the service and team references, which are returned anyway' },
  },
  create_escalation_policy: escalationPolicy(),
  update_escalation_policy: escalationPolicy(),
  list_log_entries: {
    map: under('query_model', ['since', 'until', 'limit', 'offset', 'is_overview', 'team_ids', 'time_zone']),
    ignore: { 'query_model.total': NO_EFFECT_TOTAL },
    none: { 'query_model.include': 'log entries here name their incident, service and agent; read one in full with get_incident or get_service' },
  },

  // ---- event orchestration, incident workflows
  update_event_orchestration_router: {
    map: {
      'router_update.orchestration_path.sets[*].rules[].id': 'rules[].id',
      'router_update.orchestration_path.sets[*].rules[].label': 'rules[].label',
      'router_update.orchestration_path.sets[*].rules[].conditions[].expression': 'rules[].conditions[]',
      'router_update.orchestration_path.sets[*].rules[].actions.route_to': 'rules[].route_to',
      'router_update.orchestration_path.sets[*].rules[].disabled': 'rules[].disabled',
      'router_update.orchestration_path.catch_all.actions.route_to': 'catch_all_route_to',
    },
    ignore: {
      'router_update.orchestration_path.type': 'always router',
      'router_update.orchestration_path.sets[*].id': 'a router has one rule set, start',
    },
    none: { 'router_update.orchestration_path.sets[*].rules[].actions.dynamic_route_to': 'rules here route to a fixed service (route_to)' },
  },
  append_event_orchestration_router_rule: {
    map: { ...under('new_rule', ['label', 'disabled']), 'new_rule.conditions[].expression': 'conditions[]', 'new_rule.actions.route_to': 'route_to' },
    none: { 'new_rule.actions.dynamic_route_to': 'rules here route to a fixed service (route_to)' },
  },
  list_incident_workflows: { map: { include: { to: 'include_steps', convert: has('steps') } } },
  start_incident_workflow: {
    map: { 'instance_request.incident_workflow_instance.incident.id': 'incident_id' },
    none: { 'instance_request.incident_workflow_instance.id': 'PagerDuty names the run itself' },
  },

  // ---- status pages
  list_status_pages: { map: under('query_model', ['status_page_type', 'limit']) },
  list_status_page_severities: levelQuery,
  list_status_page_impacts: levelQuery,
  list_status_page_statuses: levelQuery,
  get_status_page_post: { map: { 'query_model.include': { to: 'include_updates', convert: has('status_page_post_update') } } },
  list_status_page_post_updates: { map: under('query_model', ['reviewed_status', 'limit']) },
  create_status_page_post: {
    map: {
      ...under('create_model.post', ['title', 'post_type']),
      'create_model.post.starts_at': { to: 'starts_at', convert: nullAsAbsent },
      'create_model.post.ends_at': { to: 'ends_at', convert: nullAsAbsent },
      'create_model.post.status_page.id': 'status_page_id',
      ...statusUpdate('create_model.post.updates[*]'),
    },
    none: statusUpdateNone('create_model.post.updates[*]'),
  },
  create_status_page_post_update: {
    map: { ...statusUpdate('create_model.post_update'), 'create_model.post_update.post.id': 'post_id' },
    none: statusUpdateNone('create_model.post_update'),
  },

  // ---- webhooks
  list_webhook_subscriptions: { map: { filter_type: { to: 'filter_type', convert: bareReference } } },
  create_webhook_subscription: {
    map: { ...webhook(), 'webhook_data.delivery_method.url': 'url', 'webhook_data.delivery_method.custom_headers': 'custom_headers' },
    ignore: { ...webhookIgnore, 'webhook_data.delivery_method.type': 'always http_delivery_method' },
  },
  update_webhook_subscription: {
    map: webhook(),
    ignore: webhookIgnore,
    none: { 'webhook_data.delivery_method': 'the delivery URL and headers cannot be changed here: create a new subscription and delete the old one' },
  },
};
