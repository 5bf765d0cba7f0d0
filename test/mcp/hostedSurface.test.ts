/**
 * The hosted surface (--tool-surface hosted): every action of src/mcp/hosted/table.ts replayed against the simulator
 * beside its classic twin. Two simulators with the same seed and clock start identical; the hosted session calls one,
 * a classic session the other, in the same order, so after each pair both accounts are again identical and the REST
 * requests each sent (method, path, query, body) must be the same. Both simulators validate every request and answer
 * against PagerDuty's OpenAPI spec (closing a session fails on a violation).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOSTED_TOOLS, TWINS } from '../../src/mcp/hosted/table';
import { createToolbox } from '../../src/mcp/server';
import { investigateRequest } from '../../src/views/incidentPage/investigate';
import type { RecordedRequest } from '../simulator/index';
import { statusPagesOf } from '../simulator/seed/statusPages';
import { connectHttp, resultText, startHttpServer } from '../support/httpHarness';
import { startMcp, type McpSession, type ToolResult } from '../support/mcpHarness';

const NOW = Date.now();
const HOSTED = ['--tool-surface', 'hosted'];
const DAY = 86_400_000;
const wide = { since: new Date(NOW - 60 * DAY).toISOString(), until: new Date(NOW + 60 * DAY).toISOString() };
const iso = (days: number, hour = 0) => new Date(Math.floor(NOW / DAY) * DAY + days * DAY + hour * 3_600_000).toISOString();

let h: McpSession;
let c: McpSession;

/** Ids found before the replay (GETs only, so both accounts stay identical) and created during it. */
const ids: Record<string, string> = {};

interface Case {
  tool: string;
  /** The hosted request (its action included). */
  request: () => Record<string, unknown>;
  /** The classic twin and the corresponding arguments. */
  classic: () => [string, Record<string, unknown>];
  /** Reads ids out of the classic answer for later cases. */
  keep?: (result: ToolResult) => void;
}

const same = (tool: string, action: string, twin: string, args: () => Record<string, unknown> = () => ({}), keep?: Case['keep']): Case => ({
  tool,
  request: () => ({ action, ...args() }),
  classic: () => [twin, args()],
  keep,
});

const member = (key: string) => ({ type: 'user_member', user_id: ids[key] });

const CASES: Case[] = [
  // browse_incidents
  {
    tool: 'browse_incidents',
    request: () => ({ action: 'list', request_scope: 'all', statuses: ['triggered'], urgencies: ['high'], priorities: [ids.priority], service_ids: [ids.service], limit: 5, offset: 1 }),
    classic: () => ['list_incidents', { scope: 'all', statuses: ['triggered'], urgencies: ['high'], priority_ids: [ids.priority], service_ids: [ids.service], limit: 5, offset: 1 }],
  },
  {
    tool: 'browse_incidents',
    request: () => ({ action: 'get', incident_id: ids.incident, include: ['assignees'] }),
    classic: () => ['get_incident', { incident_id: ids.incident }],
  },
  same('browse_incidents', 'list_alerts', 'list_alerts_from_incident', () => ({ incident_id: ids.incident, limit: 2 })),
  same('browse_incidents', 'get_alert', 'get_alert_from_incident', () => ({ incident_id: ids.incident, alert_id: ids.alert })),
  same('browse_incidents', 'list_notes', 'list_incident_notes', () => ({ incident_id: ids.incident })),
  { tool: 'browse_incidents', request: () => ({ action: 'context', context_type: 'related', incident_id: ids.incident }), classic: () => ['get_related_incidents', { incident_id: ids.incident }] },
  { tool: 'browse_incidents', request: () => ({ action: 'context', context_type: 'past', incident_id: ids.incident, limit: 3 }), classic: () => ['get_past_incidents', { incident_id: ids.incident, limit: 3 }] },
  { tool: 'browse_incidents', request: () => ({ action: 'context', context_type: 'outlier', incident_id: ids.incident }), classic: () => ['get_outlier_incident', { incident_id: ids.incident }] },
  same('browse_incidents', 'list_change_events', 'list_incident_change_events', () => ({ incident_id: ids.incident })),
  same('browse_incidents', 'list_log_entries', 'list_incident_log_entries', () => ({ incident_id: ids.incident, is_overview: true })),
  {
    tool: 'browse_incidents',
    request: () => ({ action: 'list_workflows', query: 'major', include: ['steps'] }),
    classic: () => ['list_incident_workflows', { query: 'major', include_steps: true }],
  },
  same('browse_incidents', 'get_workflow', 'get_incident_workflow', () => ({ workflow_id: ids.workflow })),
  // browse_services
  same('browse_services', 'list', 'list_services', () => ({ query: 'a', team_ids: [ids.team], limit: 3 })),
  same('browse_services', 'get', 'get_service', () => ({ service_id: ids.service })),
  // browse_schedules
  same('browse_schedules', 'list', 'list_schedules', () => ({ query: 'o', limit: 4 })),
  { tool: 'browse_schedules', request: () => ({ action: 'get', schedule_id: ids.schedule, kind: 'legacy', ...wide }), classic: () => ['get_schedule', { schedule_id: ids.schedule, kind: 'layer_based', ...wide }] },
  same('browse_schedules', 'list_users', 'list_schedule_users', () => ({ schedule_id: ids.schedule, ...wide })),
  same('browse_schedules', 'list_oncalls', 'list_oncalls', () => ({ schedule_ids: [ids.schedule], since: iso(1), until: iso(2), earliest: false, time_zone: 'UTC' })),
  same('browse_schedules', 'list_rotations', 'list_schedule_v3_rotations', () => ({ schedule_id: ids.v3 })),
  same('browse_schedules', 'get_rotation', 'get_schedule_v3_rotation', () => ({ schedule_id: ids.v3, rotation_id: ids.rotation })),
  same('browse_schedules', 'list_rotation_events', 'list_schedule_v3_rotation_events', () => ({ schedule_id: ids.v3, rotation_id: ids.rotation })),
  same('browse_schedules', 'get_rotation_event', 'get_schedule_v3_rotation_event', () => ({ schedule_id: ids.v3, rotation_id: ids.rotation, event_id: ids.event })),
  same('browse_schedules', 'list_custom_shifts', 'list_schedule_v3_custom_shifts', () => ({ schedule_id: ids.v3, ...wide })),
  same('browse_schedules', 'get_custom_shift', 'get_schedule_v3_custom_shift', () => ({ schedule_id: ids.v3, custom_shift_id: ids.shift })),
  same('browse_schedules', 'list_overrides', 'list_schedule_v3_overrides', () => ({ schedule_id: ids.v3, ...wide })),
  // browse_teams
  same('browse_teams', 'list', 'list_teams', () => ({ scope: 'all', query: 'a', limit: 2 })),
  same('browse_teams', 'get', 'get_team', () => ({ team_id: ids.team })),
  same('browse_teams', 'list_members', 'list_team_members', () => ({ team_id: ids.team })),
  // browse_event_orchestrations
  same('browse_event_orchestrations', 'list', 'list_event_orchestrations', () => ({ sort_by: 'name:desc' })),
  same('browse_event_orchestrations', 'get', 'get_event_orchestration', () => ({ orchestration_id: ids.orchestration })),
  same('browse_event_orchestrations', 'get_router', 'get_event_orchestration_router', () => ({ orchestration_id: ids.orchestration })),
  same('browse_event_orchestrations', 'get_service', 'get_event_orchestration_service', () => ({ service_id: ids.service })),
  same('browse_event_orchestrations', 'get_global', 'get_event_orchestration_global', () => ({ orchestration_id: ids.orchestration })),
  // browse_alert_grouping
  same('browse_alert_grouping', 'list', 'list_alert_grouping_settings', () => ({ limit: 2 })),
  same('browse_alert_grouping', 'get', 'get_alert_grouping_setting', () => ({ setting_id: ids.setting })),
  // browse_status_pages
  same('browse_status_pages', 'list', 'list_status_pages', () => ({ status_page_type: 'public' })),
  same('browse_status_pages', 'list_severities', 'list_status_page_severities', () => ({ status_page_id: ids.page })),
  same('browse_status_pages', 'list_impacts', 'list_status_page_impacts', () => ({ status_page_id: ids.page })),
  same('browse_status_pages', 'list_statuses', 'list_status_page_statuses', () => ({ status_page_id: ids.page, limit: 3 })),
  {
    tool: 'browse_status_pages',
    request: () => ({ action: 'get_post', status_page_id: ids.page, post_id: ids.post, include: ['status_page_post_update'] }),
    classic: () => ['get_status_page_post', { status_page_id: ids.page, post_id: ids.post, include_updates: true }],
  },
  same('browse_status_pages', 'list_post_updates', 'list_status_page_post_updates', () => ({ status_page_id: ids.page, post_id: ids.post })),
  // browse_escalation_policies
  same('browse_escalation_policies', 'list', 'list_escalation_policies', () => ({ query: 'a', team_ids: [ids.team] })),
  same('browse_escalation_policies', 'get', 'get_escalation_policy', () => ({ policy_id: ids.policy })),
  // browse_users
  same('browse_users', 'get', 'get_user_data'),
  same('browse_users', 'list', 'list_users', () => ({ query: 'a', team_ids: [ids.team], limit: 3 })),
  // browse_change_events
  same('browse_change_events', 'list', 'list_change_events', () => ({ ...wide, limit: 3 })),
  same('browse_change_events', 'get', 'get_change_event', () => ({ change_event_id: ids.change })),
  same('browse_change_events', 'list_service', 'list_service_change_events', () => ({ service_id: ids.service, ...wide })),
  // browse_activity
  same('browse_activity', 'list_log_entries', 'list_log_entries', () => ({ since: wide.since, is_overview: true, limit: 5 })),
  same('browse_activity', 'get_log_entry', 'get_log_entry', () => ({ log_entry_id: ids.log })),

  // manage_incidents
  {
    tool: 'manage_incidents',
    request: () => ({ action: 'create', incident: { title: 'Checkout latency', service: { id: ids.service }, urgency: 'low', body: { details: 'p99 > 2s' } } }),
    classic: () => ['create_incident', { title: 'Checkout latency', service_id: ids.service, urgency: 'low', details: 'p99 > 2s' }],
    keep: (r) => (ids.created = r.structured.incident.id),
  },
  {
    tool: 'manage_incidents',
    request: () => ({ action: 'update', manage_request: { incident_ids: [ids.created], status: 'acknowledged', assignment: { id: ids.user } } }),
    classic: () => ['manage_incidents', { incident_ids: [ids.created], status: 'acknowledged', assignee_user_ids: [ids.user] }],
  },
  same('manage_incidents', 'add_note', 'add_note_to_incident', () => ({ incident_id: ids.created, note: 'Rolled back deploy 42' })),
  {
    tool: 'manage_incidents',
    request: () => ({
      action: 'add_responders',
      incident_id: ids.created,
      request: { message: 'Join the bridge', responder_request_targets: [{ responder_request_target: { id: ids.user, type: 'user_reference' } }] },
    }),
    classic: () => ['add_responders', { incident_id: ids.created, message: 'Join the bridge', user_ids: [ids.user] }],
  },
  {
    tool: 'manage_incidents',
    request: () => ({ action: 'start_workflow', workflow_id: ids.workflow, instance_request: { incident_workflow_instance: { incident: { id: ids.created } } } }),
    classic: () => ['start_incident_workflow', { workflow_id: ids.workflow, incident_id: ids.created }],
  },
  same('manage_incidents', 'snooze', 'snooze_incident', () => ({ incident_id: ids.created, duration_minutes: 60 })),
  same('manage_incidents', 'status_update', 'create_incident_status_update', () => ({ incident_id: ids.created, message: 'Mitigated; monitoring.' })),
  same('manage_incidents', 'merge', 'merge_incidents', () => ({ target_incident_id: ids.created, source_incident_ids: [ids.mergeSource] })),
  // manage_services
  {
    tool: 'manage_services',
    request: () => ({ action: 'create', service_data: { service: { name: 'Hosted Edge', description: 'CDN', escalation_policy: { id: ids.policy } } } }),
    classic: () => ['create_service', { name: 'Hosted Edge', description: 'CDN', escalation_policy_id: ids.policy }],
    keep: (r) => (ids.newService = r.structured.service.id),
  },
  {
    tool: 'manage_services',
    request: () => ({ action: 'update', service_id: ids.newService, service_data: { service: { name: 'Hosted Edge 2' } } }),
    classic: () => ['update_service', { service_id: ids.newService, name: 'Hosted Edge 2' }],
  },
  // manage_schedules
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'create', schedule_data: { kind: 'shift_based', name: 'Weekend Cover', time_zone: 'Europe/Berlin', teams: [{ id: ids.team }] } }),
    classic: () => ['create_schedule', { name: 'Weekend Cover', time_zone: 'Europe/Berlin', team_ids: [ids.team] }],
    keep: (r) => (ids.newSchedule = r.structured.schedule.id),
  },
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'update', schedule_id: ids.newSchedule, schedule_data: { kind: 'shift_based', name: 'Weekend Cover EU' } }),
    classic: () => ['update_schedule', { schedule_id: ids.newSchedule, name: 'Weekend Cover EU' }],
  },
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'create_override', schedule_id: ids.schedule, override_request: { overrides: [{ start: iso(3), end: iso(3, 4), user_id: ids.user }] } }),
    classic: () => ['create_schedule_override', { schedule_id: ids.schedule, start: iso(3), end: iso(3, 4), user_id: ids.user }],
  },
  same('manage_schedules', 'create_rotation', 'create_schedule_v3_rotation', () => ({ schedule_id: ids.v3 }), (r) => (ids.newRotation = r.structured.rotation.id)),
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'create_rotation_event', schedule_id: ids.v3, rotation_id: ids.newRotation, event_data: eventData('Daily') }),
    classic: () => ['create_schedule_v3_rotation_event', { schedule_id: ids.v3, rotation_id: ids.newRotation, event_data: eventData('Daily') }],
    keep: (r) => (ids.newEvent = r.structured.event.id),
  },
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'update_rotation_event', schedule_id: ids.v3, rotation_id: ids.newRotation, event_id: ids.newEvent, event_data: eventData('Daily late') }),
    classic: () => ['update_schedule_v3_rotation_event', { schedule_id: ids.v3, rotation_id: ids.newRotation, event_id: ids.newEvent, event_data: eventData('Daily late') }],
  },
  same('manage_schedules', 'delete_rotation_event', 'delete_schedule_v3_rotation_event', () => ({ schedule_id: ids.v3, rotation_id: ids.newRotation, event_id: ids.newEvent })),
  same('manage_schedules', 'delete_rotation', 'delete_schedule_v3_rotation', () => ({ schedule_id: ids.v3, rotation_id: ids.newRotation })),
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'create_custom_shifts', schedule_id: ids.v3, shifts: [{ start_time: iso(5, 8), end_time: iso(5, 20), assignments: [{ member: member('user') }] }] }),
    classic: () => ['create_schedule_v3_custom_shifts', { schedule_id: ids.v3, custom_shifts: [{ start_time: iso(5, 8), end_time: iso(5, 20), member: member('user') }] }],
    keep: (r) => (ids.newShift = r.structured.custom_shifts[0].id),
  },
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'update_custom_shift', schedule_id: ids.v3, custom_shift_id: ids.newShift, shift_data: { start_time: iso(5, 9), end_time: iso(5, 20), assignments: [{ member: member('user') }] } }),
    classic: () => ['update_schedule_v3_custom_shift', { schedule_id: ids.v3, custom_shift_id: ids.newShift, start_time: iso(5, 9), end_time: iso(5, 20), member: member('user') }],
  },
  same('manage_schedules', 'delete_custom_shift', 'delete_schedule_v3_custom_shift', () => ({ schedule_id: ids.v3, custom_shift_id: ids.newShift })),
  {
    tool: 'manage_schedules',
    request: () => ({
      action: 'create_overrides',
      schedule_id: ids.v3,
      overrides: [{ rotation_id: ids.rotation, start_time: iso(6, 1), end_time: iso(6, 3), overridden_member: member('onCall'), overriding_member: member('user') }],
    }),
    classic: () => [
      'create_schedule_v3_overrides',
      { schedule_id: ids.v3, overrides: [{ rotation_id: ids.rotation, start_time: iso(6, 1), end_time: iso(6, 3), overridden_member: member('onCall'), overriding_member: member('user') }] },
    ],
    keep: (r) => (ids.newOverride = r.structured.overrides[0].id),
  },
  {
    tool: 'manage_schedules',
    request: () => ({ action: 'update_override', schedule_id: ids.v3, override_id: ids.newOverride, override_data: { start_time: iso(6, 1), end_time: iso(6, 4) } }),
    classic: () => ['update_schedule_v3_override', { schedule_id: ids.v3, override_id: ids.newOverride, start_time: iso(6, 1), end_time: iso(6, 4) }],
  },
  same('browse_schedules', 'get_override', 'get_schedule_v3_override', () => ({ schedule_id: ids.v3, override_id: ids.newOverride })),
  same('manage_schedules', 'delete_override', 'delete_schedule_v3_override', () => ({ schedule_id: ids.v3, override_id: ids.newOverride })),
  same('manage_schedules', 'delete_schedule_v3', 'delete_schedule_v3', () => ({ schedule_id: ids.newSchedule })),
  // manage_teams
  {
    tool: 'manage_teams',
    request: () => ({ action: 'create', create_model: { team: { name: 'Edge', description: 'CDN and edge', default_role: 'none' } } }),
    classic: () => ['create_team', { name: 'Edge', description: 'CDN and edge', default_role: 'none' }],
    keep: (r) => (ids.newTeam = r.structured.team.id),
  },
  {
    tool: 'manage_teams',
    request: () => ({ action: 'update', team_id: ids.newTeam, update_model: { team: { name: 'Edge', description: 'Edge only' } } }),
    classic: () => ['update_team', { team_id: ids.newTeam, name: 'Edge', description: 'Edge only' }],
  },
  {
    tool: 'manage_teams',
    request: () => ({ action: 'add_member', team_id: ids.newTeam, member_data: { user_id: ids.user, role: 'observer' } }),
    classic: () => ['add_team_member', { team_id: ids.newTeam, user_id: ids.user, role: 'observer' }],
  },
  same('manage_teams', 'remove_member', 'remove_team_member', () => ({ team_id: ids.newTeam, user_id: ids.user })),
  same('manage_teams', 'delete', 'delete_team', () => ({ team_id: ids.newTeam })),
  // manage_event_orchestrations
  {
    tool: 'manage_event_orchestrations',
    request: () => ({ action: 'append_router_rule', orchestration_id: ids.orchestration, new_rule: { label: 'Auth', conditions: [{ expression: "event.source matches part 'auth'" }], actions: { route_to: ids.service } } }),
    classic: () => ['append_event_orchestration_router_rule', { orchestration_id: ids.orchestration, label: 'Auth', conditions: ["event.source matches part 'auth'"], route_to: ids.service }],
  },
  {
    tool: 'manage_event_orchestrations',
    request: () => ({
      action: 'update_router',
      orchestration_id: ids.orchestration,
      router_update: {
        orchestration_path: {
          sets: [{ rules: [{ id: 'r1', label: 'Edge', conditions: [{ expression: "event.source matches 'edge'" }], actions: { route_to: ids.service } }] }],
          catch_all: { actions: { route_to: 'unrouted' } },
        },
      },
    }),
    classic: () => [
      'update_event_orchestration_router',
      { orchestration_id: ids.orchestration, rules: [{ id: 'r1', label: 'Edge', conditions: ["event.source matches 'edge'"], route_to: ids.service }], catch_all_route_to: 'unrouted' },
    ],
  },
  // manage_alert_grouping
  {
    tool: 'manage_alert_grouping',
    request: () => ({ action: 'create', create_model: { alert_grouping_setting: { type: 'time', config: { timeout: 300 }, services: [{ id: ids.newService }] } } }),
    classic: () => ['create_alert_grouping_setting', { type: 'time', timeout: 300, service_ids: [ids.newService] }],
    keep: (r) => (ids.newSetting = r.structured.alert_grouping_setting.id),
  },
  {
    tool: 'manage_alert_grouping',
    request: () => ({ action: 'update', setting_id: ids.newSetting, update_model: { alert_grouping_setting: { name: 'Renamed', type: 'time', config: { timeout: 900 }, services: [{ id: ids.newService }] } } }),
    classic: () => ['update_alert_grouping_setting', { setting_id: ids.newSetting, name: 'Renamed', type: 'time', timeout: 900, service_ids: [ids.newService] }],
  },
  same('manage_alert_grouping', 'delete', 'delete_alert_grouping_setting', () => ({ setting_id: ids.newSetting })),
  // manage_status_pages
  {
    tool: 'manage_status_pages',
    request: () => ({
      action: 'create_post',
      status_page_id: ids.page,
      create_model: {
        post: {
          title: 'Login failures',
          post_type: 'incident',
          status_page: { id: ids.page },
          updates: [{ message: 'Investigating.', status: { id: ids.pageStatus }, severity: { id: ids.pageSeverity } }],
        },
      },
    }),
    classic: () => ['create_status_page_post', { status_page_id: ids.page, title: 'Login failures', post_type: 'incident', message: 'Investigating.', status_id: ids.pageStatus, severity_id: ids.pageSeverity }],
    keep: (r) => (ids.newPost = r.structured.post.id),
  },
  {
    tool: 'manage_status_pages',
    request: () => ({ action: 'create_post_update', status_page_id: ids.page, post_id: ids.newPost, create_model: { post_update: { message: 'Fixed.', status: { id: ids.pageStatus }, severity: { id: ids.pageSeverity } } } }),
    classic: () => ['create_status_page_post_update', { status_page_id: ids.page, post_id: ids.newPost, message: 'Fixed.', status_id: ids.pageStatus, severity_id: ids.pageSeverity }],
  },
];

function eventData(name: string) {
  return {
    name,
    start_time: { date_time: iso(2, 18), time_zone: 'UTC' },
    end_time: { date_time: iso(2, 22), time_zone: 'UTC' },
    effective_since: iso(2),
    recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'],
    assignment_strategy: { type: 'every_member_assignment_strategy', members: [member('user')] },
  };
}

/** The requests a call sent, as PagerDuty sees them; times within a minute of now read "now" (the two calls are ms apart). */
function sent(requests: RecordedRequest[]): unknown[] {
  const near = (text: string) =>
    text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, (t) => (Math.abs(Date.parse(t) - Date.now()) < 60_000 ? '<now>' : t));
  return requests.map((r) => JSON.parse(near(JSON.stringify({ method: r.method, path: r.path, query: decodeURIComponent(r.query), body: r.body }))));
}

async function during(session: McpSession, run: () => Promise<ToolResult>): Promise<{ result: ToolResult; requests: unknown[] }> {
  const from = session.sim.requests.length;
  const result = await run();
  return { result, requests: sent(session.sim.requests.slice(from)) };
}

/**
 * The first item's id of a classic list. The same read goes to the hosted session's simulator too: some areas are
 * seeded on first use, so both accounts must see the same reads to stay identical.
 */
async function first(tool: string, action: string, twin: string, args: Record<string, unknown>, key: string): Promise<Record<string, any>> {
  await h.ok(tool, { request: { action, ...args } });
  return (await c.ok(twin, args)).structured[key][0];
}

before(async () => {
  const simulator = { now: () => new Date(NOW) };
  [h, c] = await Promise.all([startMcp({ writes: true, args: HOSTED, simulator }), startMcp({ writes: true, simulator })]);
  const state = c.sim.state;
  const incidents = [...state.incidents.values()];
  const withAlerts = incidents.find((i) => i.status !== 'resolved' && (state.alerts.get(i.id)?.length ?? 0) > 0)!;
  ids.incident = withAlerts.id;
  ids.alert = state.alerts.get(withAlerts.id)![0].id;
  ids.mergeSource = incidents.find((i) => i.status === 'triggered' && i.id !== withAlerts.id)!.id;
  ids.priority = [...state.priorities.keys()][0];
  ids.user = c.sim.me.id;
  ids.service = withAlerts.serviceId;
  ids.team = [...state.teams.values()].find((t) => t.members.size > 0)!.id;
  ids.policy = [...state.escalationPolicies.keys()][0];
  ids.schedule = [...state.schedules.keys()][0];
  ids.workflow = (await first('browse_incidents', 'list_workflows', 'list_incident_workflows', {}, 'incident_workflows')).id;
  ids.v3 = (await first('browse_schedules', 'list', 'list_schedules', { query: 'Mobile Shifts' }, 'schedules')).id;
  const rotation = await first('browse_schedules', 'list_rotations', 'list_schedule_v3_rotations', { schedule_id: ids.v3 }, 'rotations');
  ids.rotation = rotation.id;
  ids.event = rotation.events[0].id;
  ids.onCall = rotation.events[0].assignment_strategy.members[0].user_id;
  ids.shift = (await first('browse_schedules', 'list_custom_shifts', 'list_schedule_v3_custom_shifts', { schedule_id: ids.v3, ...wide }, 'custom_shifts')).id;
  ids.orchestration = (await first('browse_event_orchestrations', 'list', 'list_event_orchestrations', {}, 'orchestrations')).id;
  ids.setting = (await first('browse_alert_grouping', 'list', 'list_alert_grouping_settings', {}, 'alert_grouping_settings')).id;
  ids.page = (await first('browse_status_pages', 'list', 'list_status_pages', { status_page_type: 'public' }, 'status_pages')).id;
  ids.post = [...statusPagesOf(state).posts.values()].find((p) => p.statusPageId === ids.page)!.id;
  ids.pageStatus = (await first('browse_status_pages', 'list_statuses', 'list_status_page_statuses', { status_page_id: ids.page }, 'statuses')).id;
  ids.pageSeverity = (await first('browse_status_pages', 'list_severities', 'list_status_page_severities', { status_page_id: ids.page }, 'severities')).id;
  ids.change = (await first('browse_change_events', 'list', 'list_change_events', wide, 'change_events')).id;
  ids.log = (await first('browse_activity', 'list_log_entries', 'list_log_entries', { since: wide.since, limit: 1 }, 'log_entries')).id;
});

after(async () => {
  await Promise.all([h?.close(), c?.close()]);
});

describe('hosted surface: replay beside the classic twins', () => {
  it('covers every action of the table', () => {
    const covered = new Set(CASES.map((k) => `${k.tool}.${String(k.request().action)}.${String(k.request().context_type ?? '')}`));
    for (const tool of HOSTED_TOOLS) {
      for (const row of tool.actions) assert.ok(covered.has(`${tool.name}.${row.action}.${row.when?.value ?? ''}`), `${tool.name} ${row.action} ${row.when?.value ?? ''} has a case`);
    }
  });

  it('every action sends the same REST requests as its classic twin with the corresponding arguments', async () => {
    for (const k of CASES) {
      const request = k.request();
      const [twin, args] = k.classic();
      const label = `${k.tool} ${String(request.action)} vs ${twin}`;
      const hosted = await during(h, () => h.call(k.tool, { request }));
      const classic = await during(c, () => c.call(twin, args));
      assert.ok(!classic.result.isError, `${label}: the classic call failed: ${classic.result.text}`);
      assert.ok(!hosted.result.isError, `${label}: the hosted call failed: ${hosted.result.text}`);
      assert.ok(classic.requests.length > 0, `${label}: sent nothing`);
      assert.deepEqual(hosted.requests, classic.requests, label);
      k.keep?.(classic.result);
    }
  });
});

describe('hosted surface: listing, errors, write gate, allowed tools', () => {
  it('lists the 18 tools (browse_* read-only, manage_* destructive) and the classic tools no action covers, under their classic names', async () => {
    const { tools } = await h.client.listTools();
    const names = tools.map((t) => t.name);
    assert.deepEqual(names.filter((n) => /^(browse|manage)_/.test(n)), HOSTED_TOOLS.map((t) => t.name));
    for (const t of tools.filter((x) => x.name.startsWith('browse_'))) assert.deepEqual(t.annotations, { readOnlyHint: true }, t.name);
    for (const t of tools.filter((x) => x.name.startsWith('manage_'))) assert.equal(t.annotations?.destructiveHint, true, t.name);
    for (const classic of ['list_priorities', 'get_incident_metrics_all', 'create_escalation_policy', 'list_webhook_subscriptions']) assert.ok(names.includes(classic), classic);
    for (const twin of ['list_incidents', 'get_incident', 'create_incident', 'list_schedule_v3_rotations']) assert.ok(!names.includes(twin), twin);
    const incidents = tools.find((t) => t.name === 'browse_incidents')!;
    const request = (incidents.inputSchema.properties as any).request;
    assert.deepEqual(request.required, ['action']);
    assert.deepEqual(request.properties.action.enum, [...new Set(HOSTED_TOOLS[0].actions.map((a) => a.action))]);
    assert.deepEqual(request.properties.statuses.items.enum, ['triggered', 'acknowledged', 'resolved']);
    assert.match(incidents.description!, /- get \(incident_id, include\): /);
  });

  it('names request.action and the field in bad calls; an unknown action lists the valid ones', async () => {
    assert.match(await h.fails('browse_incidents', { request: { action: 'lst' } }), /argument "request\.action": expected one of list, get, list_alerts, .*get_workflow, got the string "lst"/);
    assert.match(await h.fails('browse_incidents', {}), /argument "request" is required: an object with "action" \(one of list, get/);
    assert.match(await h.fails('browse_incidents', { action: 'list' }), /unknown argument "action": everything goes inside "request"/);
    assert.match(
      await h.fails('browse_incidents', { request: { action: 'get', incident: 'x' } }),
      /browse_incidents \(request\.action "get"\): unknown argument "request\.incident" for action "get" \(allowed: incident_id, include\)/,
    );
    assert.match(await h.fails('browse_incidents', { request: { action: 'list', limit: 'ten' } }), /browse_incidents \(request\.action "list"\): argument "request\.limit": expected a number, got the string "ten"/);
    assert.match(await h.fails('browse_incidents', { request: { action: 'context', incident_id: ids.incident } }), /argument "request\.context_type": expected one of related, past, outlier, got /);
    // A nested field is named by its hosted path, also where the twin spells it differently.
    assert.match(
      await h.fails('manage_incidents', { request: { action: 'update', manage_request: { incident_ids: [ids.incident], assignment: { id: 42 } } } }),
      /argument "request\.manage_request\.assignment\.id(\[0\])?": expected a string, got the integer 42/,
    );
    assert.match(
      await h.fails('manage_schedules', { request: { action: 'create', schedule_data: { kind: 'legacy', name: 'x', time_zone: 'UTC' } } }),
      /Invalid arguments for manage_schedules \(request\.action "create"\): argument "request\.schedule_data\.kind": only shift_based schedules are created or changed here.*got the string "legacy"/,
    );
    // A twin is reached through its action on this surface.
    assert.match(await h.fails('list_incidents', {}), /list_incidents is offered on this server's hosted tool surface as browse_incidents with request\.action "list"/);
  });

  it("a field of PagerDuty's hosted server this server cannot honour is refused, saying so and what to do instead; nothing is sent", async () => {
    const rows = HOSTED_TOOLS.flatMap((tool) =>
      tool.actions.flatMap((row) => Object.entries(row.unsupported ?? {}).map(([field, instead]) => ({ tool: tool.name, row, field, instead }))));
    assert.deepEqual(rows.map((r) => `${r.tool} ${r.row.action} ${r.field}`).sort(), [
      'browse_activity list_log_entries include', 'browse_alert_grouping list total', 'browse_incidents list_change_events offset', 'browse_incidents list_notes limit', 'browse_incidents list_notes offset', 'browse_schedules list kind',
    ]);
    for (const { tool, row, field, instead } of rows) {
      assert.ok(!row.fields.split(' ').includes(field), `${tool} ${row.action}: ${field} is either taken or refused`);
      const before = h.sim.requests.length;
      const request = { action: row.action, ...(row.when ? { [row.when.field]: row.when.value } : {}), [field]: field === 'kind' ? 'legacy' : 1 };
      const text = await h.fails(tool, { request });
      assert.equal(text, `Invalid arguments for ${tool} (request.action "${row.action}"): argument "request.${field}" is a field of PagerDuty's hosted server that this server does not support: ${instead}`);
      assert.equal(h.sim.requests.length, before, `${tool} ${row.action} ${field}: nothing sent`);
    }
  });

  it('context "related" takes additional_details ["incident"] (what the twin always asks PagerDuty for) and refuses other values with why', async () => {
    const request = { action: 'context', context_type: 'related', incident_id: ids.incident };
    const plain = await h.ok('browse_incidents', { request });
    const before = h.sim.requests.length;
    const detailed = await h.ok('browse_incidents', { request: { ...request, additional_details: ['incident'] } });
    assert.equal(detailed.text, plain.text);
    assert.deepEqual(h.sim.requests.slice(before).map((r) => new URLSearchParams(r.query).getAll('additional_details[]')), [['incident']], 'sent to PagerDuty as additional_details[]=incident');
    for (const value of [[], ['incident', 'x'], 'incident']) {
      assert.match(
        await h.fails('browse_incidents', { request: { ...request, additional_details: value } }),
        /browse_incidents \(request\.action "context"\): argument "request\.additional_details": this server always asks for each related incident's details \(\["incident"\]\); leave request\.additional_details out, got /,
      );
    }
  });

  it('browse_change_events takes total: true (every page here counts the total) and refuses total: false with why', async () => {
    for (const request of [{ action: 'list', limit: 2 }, { action: 'list_service', service_id: ids.service, limit: 2 }]) {
      const plain = await h.ok('browse_change_events', { request });
      const counted = await h.ok('browse_change_events', { request: { ...request, total: true } });
      assert.equal(counted.text, plain.text);
      assert.match(counted.text, /Showing \d+ of \d+/);
      assert.match(
        await h.fails('browse_change_events', { request: { ...request, total: false } }),
        new RegExp(`browse_change_events \\(request\\.action "${request.action}"\\): argument "request\\.total": this server always reports the total with each page; leave request\\.total out, got false`),
      );
    }
  });

  it('without writes lists no manage_* tool and refuses one with the reason; reads still answer', async () => {
    const readOnly = await startMcp({ args: HOSTED, sim: h.sim });
    try {
      const names = (await readOnly.client.listTools()).tools.map((t) => t.name);
      assert.deepEqual(names.filter((n) => n.startsWith('manage_')), []);
      assert.ok(!names.includes('create_escalation_policy'));
      const before = h.sim.requests.length;
      const text = await readOnly.fails('manage_incidents', { request: { action: 'add_note', incident_id: ids.incident, note: 'x' } });
      assert.match(text, /manage_incidents \(request\.action "add_note"\) changes PagerDuty data and write tools are disabled.*--enable-write-tools/);
      assert.equal(h.sim.requests.length, before, 'nothing sent');
      assert.match(await readOnly.fails('manage_teams', { request: { action: 'bogus' } }), /^manage_teams changes PagerDuty data and write tools are disabled/);
      await readOnly.ok('browse_users', { request: { action: 'get' } });
    } finally {
      await readOnly.close();
    }
  });

  it('allowed tools by hosted name offer all of its actions, by classic name only that action; toolsets filter actions', async () => {
    const allowed = await startMcp({ args: HOSTED, sim: h.sim, writes: true, env: { PAGERDUTY_ALLOWED_TOOLS: 'browse_services,get_incident,list_priorities' } });
    const incidentsOnly = await startMcp({ args: HOSTED, sim: h.sim, toolsets: 'incidents' });
    try {
      const { tools } = await allowed.client.listTools();
      assert.deepEqual(tools.map((t) => t.name), ['browse_incidents', 'browse_services', 'list_priorities']);
      assert.deepEqual((tools[0].inputSchema.properties as any).request.properties.action.enum, ['get']);
      assert.deepEqual((tools[1].inputSchema.properties as any).request.properties.action.enum, ['list', 'get']);
      await allowed.ok('browse_incidents', { request: { action: 'get', incident_id: ids.incident } });
      await allowed.ok('browse_services', { request: { action: 'list', limit: 1 } });
      assert.match(
        await allowed.fails('browse_incidents', { request: { action: 'list' } }),
        /browse_incidents \(request\.action "list"\) is not enabled in this configuration: its classic twin list_incidents is outside the toolsets \/ allowed tools/,
      );
      assert.match(await allowed.fails('browse_teams', { request: { action: 'list' } }), /Unknown tool|not enabled/);

      const names = (await incidentsOnly.client.listTools()).tools.map((t) => t.name);
      assert.deepEqual(names, ['browse_incidents']);
      const listed = (await incidentsOnly.client.listTools()).tools[0];
      assert.ok(!(listed.inputSchema.properties as any).request.properties.action.enum.includes('list_workflows'), 'incident_workflows toolset is off');
      assert.match(await incidentsOnly.fails('browse_incidents', { request: { action: 'get_workflow', workflow_id: ids.workflow } }), /its classic twin get_incident_workflow is outside the toolsets/);
    } finally {
      await allowed.close();
      await incidentsOnly.close();
    }
  });

  it('answers the same over HTTP, with each request its own token', async () => {
    const srv = await startHttpServer(HOSTED, { PAGERDUTY_API_HOST: h.sim.url, PAGERDUTY_TOOLSETS: 'all' });
    const client = await connectHttp(srv.url, `Token ${h.sim.tokens.user}`);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      assert.ok(names.includes('browse_incidents') && !names.some((n) => n.startsWith('manage_')), names.join(' '));
      const overHttp = await client.callTool({ name: 'browse_incidents', arguments: { request: { action: 'get', incident_id: ids.incident } } });
      const overStdio = await h.call('browse_incidents', { request: { action: 'get', incident_id: ids.incident } });
      assert.ok(!overHttp.isError, resultText(overHttp));
      assert.equal(resultText(overHttp), overStdio.text);
      const bad = await client.callTool({ name: 'browse_incidents', arguments: { request: { action: 'nope' } } });
      assert.equal(bad.isError, true);
      assert.match(resultText(bad), /argument "request\.action": expected one of list, get/);
    } finally {
      await client.close();
      await srv.close();
    }
  });
});

describe('hosted surface: prompts and the investigate request name the hosted calls', () => {
  it('investigate_incident and oncall_handoff name hosted tools and actions, no classic twin', async () => {
    for (const [name, args] of [
      ['investigate_incident', { incident: '12' }],
      ['oncall_handoff', {}],
    ] as const) {
      const prompt = await h.client.getPrompt({ name, arguments: args });
      const text = (prompt.messages[0].content as { text: string }).text;
      assert.match(text, /browse_incidents with request\.action "(get|list)"/, name);
      // Action values may equal a classic name (list_oncalls): only the names outside a hosted call count.
      const outside = text.replace(/request\.action "\w+"/g, '');
      for (const twin of TWINS) if (twin !== 'manage_incidents') assert.ok(!new RegExp(`\\b${twin}\\b`).test(outside), `${name} names ${twin}: ${text}`);
    }
    const classic = await c.client.getPrompt({ name: 'investigate_incident', arguments: { incident: '12' } });
    assert.match((classic.messages[0].content as { text: string }).text, /get_incident "12"/);
  });

  it('"Investigate with Copilot" asks for the hosted calls when the settings choose the hosted surface', () => {
    const hosted = investigateRequest({ id: 'Q1ABC23', number: 12 }, createToolbox({ enableWrites: false, toolSurface: 'hosted' }));
    assert.match(hosted, /browse_incidents with request\.action "context", context_type "past"/);
    assert.doesNotMatch(hosted, /\bget_past_incidents\b/);
    assert.match(investigateRequest({ id: 'Q1ABC23', number: 12 }, createToolbox({ enableWrites: false })), /get_past_incidents/);
  });
});
