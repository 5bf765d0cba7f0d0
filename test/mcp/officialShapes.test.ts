/**
 * Calls written for PagerDuty's official MCP server reach PagerDuty exactly as our flat calls do. Each case is
 * replayed twice, official-shaped on one simulator and flat on a twin (same seed, same clock, same order of calls),
 * and the PagerDuty requests each produced (method, path, query, body) must be the same. Every entry of
 * OFFICIAL_SHAPES needs cases that use all of its official paths, so a new entry without cases fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { genericPath } from '../../src/mcp/officialArgs';
import { OFFICIAL_SHAPES } from '../../src/mcp/tools/officialShapes';
import { alertGroupingState } from '../simulator/seed/alertGrouping';
import { changeEventsState } from '../simulator/seed/changeEvents';
import { eventOrchestrationState } from '../simulator/seed/eventOrchestration';
import { incidentWorkflowsState } from '../simulator/seed/incidentWorkflows';
import { statusPagesOf } from '../simulator/seed/statusPages';
import { v3State } from '../simulator/seed/schedulesV3';
import { webhooksOf } from '../simulator/seed/webhooks';
import type { Simulator } from '../simulator/index';
import { closeSessions, startMcp, type McpSession } from '../support/mcpHarness';

const HOUR = 3600_000;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const at = (hours: number) => new Date(NOW + hours * HOUR).toISOString().replace('.000Z', 'Z');
const WINDOW = { since: at(-24 * 7), until: at(0) };

let official: McpSession;
let flat: McpSession;

/** The areas a simulator seeds on first use, seeded in one order on both twins so their ids agree. */
function seedLazyAreas(sim: Simulator) {
  for (const seed of [alertGroupingState, changeEventsState, eventOrchestrationState, incidentWorkflowsState, statusPagesOf, webhooksOf]) seed(sim.state, NOW);
  v3State(sim.state, NOW);
}

/** Ids of the official side's account (the twin's are the same), read when a case runs. */
function fixtures(sim: Simulator) {
  const st = sim.state;
  const first = <T>(map: Map<string, T>) => [...map.values()][0];
  const sp = statusPagesOf(st, NOW);
  const page = [...sp.pages.values()].find((p) => p.status_page_type === 'public')!;
  const level = (kind: string) => [...sp.definitions.values()].find((d) => d.statusPageId === page.id && d.kind === kind && d.post_type === 'incident')!.id;
  // Found by the start of its name: a case below renames it.
  const v3 = [...v3State(st, NOW).schedules.values()].find((x) => x.name.startsWith('Mobile Shifts'))!;
  const grouped = new Set([...alertGroupingState(st, NOW).settings.values()].flatMap((g) => g.serviceIds));
  const v2 = first(st.schedules);
  return {
    me: sim.me.id,
    user: (name: string) => [...st.users.values()].find((u) => u.name.startsWith(name))!.id,
    team: first(st.teams).id,
    service: first(st.services).id,
    ungroupedService: (k: number) => [...st.services.values()].filter((s) => !grouped.has(s.id))[k].id,
    policy: first(st.escalationPolicies).id,
    priority: first(st.priorities).id,
    incident: (k: number) => [...st.incidents.values()].filter((i) => i.status === 'triggered')[k].id,
    v2,
    v2User: v2.layers[0].userIds[0],
    v3,
    rotation: v3.rotations[0].id,
    setting: first(alertGroupingState(st, NOW).settings).id,
    orchestration: first(eventOrchestrationState(st, NOW).orchestrations).id,
    workflow: first(incidentWorkflowsState(st, NOW).workflows).id,
    page: page.id,
    post: [...sp.posts.values()].find((p) => p.statusPageId === page.id)!.id,
    status: level('statuses'),
    severity: level('severities'),
    impact: level('impacts'),
    pageServices: [...sp.services.values()].filter((s) => s.statusPageId === page.id).map((s) => s.id),
    webhook: first(webhooksOf(st).subscriptions).id,
  };
}
type Fx = ReturnType<typeof fixtures>;
type Args = Record<string, unknown>;
type Case = (f: Fx) => { official: Args; flat: Args };

const member = (user_id: string) => ({ type: 'user_member', user_id });

interface EventValues { name: string; start: string; end: string; since: string; until: string; strategy: string; members: unknown[]; shifts: number }

/** A rotation event in both shapes: the official event_data (zoned times, nested strategy) and our flat one. */
function rotationEvent(ids: Args, e: EventValues): { official: Args; flat: Args } {
  const zone = 'Europe/Berlin';
  return {
    official: {
      ...ids,
      event_data: {
        name: e.name,
        start_time: { date_time: e.start, time_zone: zone },
        end_time: { date_time: e.end, time_zone: zone },
        effective_since: e.since,
        effective_until: e.until,
        recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'],
        assignment_strategy: { type: e.strategy, members: e.members, shifts_per_member: e.shifts },
      },
    },
    flat: {
      ...ids,
      name: e.name,
      start_time: e.start,
      end_time: e.end,
      time_zone: zone,
      effective_since: e.since,
      effective_until: e.until,
      recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'],
      assignment_strategy: e.strategy,
      members: e.members,
      shifts_per_member: e.shifts,
    },
  };
}

/** Per tool of OFFICIAL_SHAPES, calls in the official shape and the flat call each must equal; run in this order. */
const CASES: Record<string, Case[]> = {
  list_incidents: [
    (f) => ({
      official: { request_scope: 'all', priorities: [f.priority], statuses: ['triggered'], ...WINDOW },
      flat: { scope: 'all', priority_ids: [f.priority], statuses: ['triggered'], ...WINDOW },
    }),
  ],
  get_incident: [(f) => ({ official: { incident_id: f.incident(0), query_model: { include: ['users', 'services'] } }, flat: { incident_id: f.incident(0) } })],
  create_incident: [
    (f) => ({
      official: {
        incident: {
          type: 'incident',
          title: 'Checkout latency',
          service: { id: f.service, type: 'service_reference', summary: 'copied from an answer' },
          urgency: 'low',
          body: { type: 'incident_body', details: 'p99 above 2 s' },
          assignments: [{ assignee: { id: f.me, type: 'user_reference' } }],
        },
      },
      flat: { title: 'Checkout latency', service_id: f.service, urgency: 'low', details: 'p99 above 2 s', assignee_user_ids: [f.me] },
    }),
  ],
  manage_incidents: [
    (f) => ({
      official: { manage_request: { incident_ids: [f.incident(1)], status: 'acknowledged', urgency: 'low' } },
      flat: { incident_ids: [f.incident(1)], status: 'acknowledged', urgency: 'low' },
    }),
    (f) => ({
      official: { manage_request: { incident_ids: [f.incident(2)], assignement: { id: f.user('Omar'), type: 'user_reference' } } },
      flat: { incident_ids: [f.incident(2)], assignee_user_ids: [f.user('Omar')] },
    }),
    (f) => ({ official: { manage_request: { incident_ids: [f.incident(3)], escalation_level: 1 } }, flat: { incident_ids: [f.incident(3)], escalation_level: 1 } }),
  ],
  add_responders: [
    (f) => ({
      official: {
        incident_id: f.incident(4),
        request: {
          message: 'Need the database team',
          responder_request_targets: [
            { responder_request_target: { id: f.user('Omar'), type: 'user_reference' } },
            { responder_request_target: { id: f.policy, type: 'escalation_policy_reference' } },
            { responder_request_target: { id: f.user('Mei'), type: 'user_reference' } },
          ],
        },
      },
      flat: { incident_id: f.incident(4), message: 'Need the database team', user_ids: [f.user('Omar'), f.user('Mei')], escalation_policy_ids: [f.policy] },
    }),
  ],
  get_outlier_incident: [(f) => ({ official: { incident_id: f.incident(0), query_model: { since: WINDOW.since } }, flat: { incident_id: f.incident(0), since: WINDOW.since } })],
  get_past_incidents: [
    (f) => ({ official: { incident_id: f.incident(0), query_model: { limit: 3, total: true } }, flat: { incident_id: f.incident(0), limit: 3 } }),
    // The official server (FastMCP) also takes an object argument JSON-encoded in a string.
    (f) => ({ official: { incident_id: f.incident(0), query_model: '{"limit": 4}' }, flat: { incident_id: f.incident(0), limit: 4 } }),
  ],
  get_related_incidents: [(f) => ({ official: { incident_id: f.incident(0), query_model: { additional_details: ['incident'] } }, flat: { incident_id: f.incident(0) } })],

  list_alert_grouping_settings: [() => ({ official: { total: true, limit: 10 }, flat: { limit: 10 } })],
  create_alert_grouping_setting: [
    (f) => ({
      official: {
        create_model: {
          alert_grouping_setting: {
            name: 'Checkout grouping',
            description: 'by summary',
            type: 'content_based',
            config: { aggregate: 'all', fields: ['summary'], time_window: 300, recommended_time_window: 600 },
            services: [{ id: f.ungroupedService(0), type: 'service_reference' }],
          },
        },
      },
      flat: { name: 'Checkout grouping', description: 'by summary', type: 'content_based', aggregate: 'all', fields: ['summary'], time_window: 300, service_ids: [f.ungroupedService(0)] },
    }),
    (f) => ({
      official: { create_model: { alert_grouping_setting: { type: 'time', config: { timeout: 300 }, services: [{ id: f.ungroupedService(0) }] } } },
      flat: { type: 'time', timeout: 300, service_ids: [f.ungroupedService(0)] },
    }),
    (f) => ({
      official: { create_model: { alert_grouping_setting: { type: 'intelligent', config: { time_window: 600, iag_fields: ['summary', 'source'] }, services: [{ id: f.ungroupedService(0) }] } } },
      flat: { type: 'intelligent', time_window: 600, iag_fields: ['summary', 'source'], service_ids: [f.ungroupedService(0)] },
    }),
  ],
  update_alert_grouping_setting: [
    (f) => ({
      official: { setting_id: f.setting, update_model: { alert_grouping_setting: { type: 'time', config: { timeout: 600 }, services: [{ id: f.ungroupedService(1) }] } } },
      flat: { setting_id: f.setting, type: 'time', timeout: 600, service_ids: [f.ungroupedService(1)] },
    }),
    (f) => ({
      official: { setting_id: f.setting, update_model: { alert_grouping_setting: { type: 'intelligent', config: { time_window: 900, iag_fields: ['summary'] }, services: [{ id: f.ungroupedService(1) }] } } },
      flat: { setting_id: f.setting, type: 'intelligent', time_window: 900, iag_fields: ['summary'], service_ids: [f.ungroupedService(1)] },
    }),
    (f) => ({
      official: {
        setting_id: f.setting,
        update_model: {
          alert_grouping_setting: {
            name: 'By host',
            description: 'Same host, same incident',
            type: 'content_based',
            config: { aggregate: 'any', fields: ['source'], time_window: 300, recommended_time_window: 1200 },
            services: [{ id: f.ungroupedService(1) }],
          },
        },
      },
      flat: { setting_id: f.setting, name: 'By host', description: 'Same host, same incident', type: 'content_based', aggregate: 'any', fields: ['source'], time_window: 300, service_ids: [f.ungroupedService(1)] },
    }),
  ],
  list_change_events: [() => ({ official: { ...WINDOW, total: true }, flat: WINDOW })],
  list_service_change_events: [(f) => ({ official: { service_id: f.service, total: false }, flat: { service_id: f.service } })],

  list_services: [(f) => ({ official: { teams_ids: [f.team], limit: 5 }, flat: { team_ids: [f.team], limit: 5 } })],
  create_service: [
    (f) => ({
      official: { service_data: { service: { name: 'Ledger', description: 'Double entry', escalation_policy: { id: f.policy, type: 'escalation_policy_reference' } } } },
      flat: { name: 'Ledger', description: 'Double entry', escalation_policy_id: f.policy },
    }),
  ],
  update_service: [
    (f) => ({
      official: { service_id: f.service, service_data: { service: { name: 'Checkout v2', description: 'Renamed', escalation_policy: { id: f.policy }, status: 'disabled' } } },
      flat: { service_id: f.service, name: 'Checkout v2', description: 'Renamed', escalation_policy_id: f.policy, status: 'disabled' },
    }),
  ],
  create_team: [
    () => ({
      official: { create_model: { team: { name: 'SRE Guild', description: 'Reliability', default_role: 'none' } } },
      flat: { name: 'SRE Guild', description: 'Reliability', default_role: 'none' },
    }),
  ],
  update_team: [
    (f) => ({
      official: { team_id: f.team, update_model: { team: { name: 'Platform Core', description: 'Renamed', default_role: 'manager' } } },
      flat: { team_id: f.team, name: 'Platform Core', description: 'Renamed', default_role: 'manager' },
    }),
  ],
  add_team_member: [
    (f) => ({ official: { team_id: f.team, member_data: { user_id: f.user('Omar'), role: 'responder' } }, flat: { team_id: f.team, user_id: f.user('Omar'), role: 'responder' } }),
  ],
  list_users: [(f) => ({ official: { teams_ids: [f.team], query: 'a' }, flat: { team_ids: [f.team], query: 'a' } })],
  create_user: [
    () => ({
      official: { request: { name: 'Ada Lovelace', email: 'ada@acme-sim.example', role: 'user', time_zone: 'Europe/London' } },
      flat: { name: 'Ada Lovelace', email: 'ada@acme-sim.example', role: 'user', time_zone: 'Europe/London' },
    }),
  ],

  list_schedules: [
    () => ({ official: { query_model: { query: 'Platform', include: ['schedule_layers'], limit: 10 }, enrich: true }, flat: { query: 'Platform', limit: 10 } }),
    (f) => ({ official: { query_model: { team_ids: [f.team], user_ids: [f.v2User] } }, flat: { team_ids: [f.team], user_ids: [f.v2User] } }),
  ],
  create_schedule: [
    (f) => ({
      official: { schedule_data: { name: 'Ledger On-Call', time_zone: 'Europe/Berlin', teams: [{ id: f.team, type: 'team_reference' }] } },
      flat: { name: 'Ledger On-Call', time_zone: 'Europe/Berlin', team_ids: [f.team] },
    }),
  ],
  update_schedule: [
    (f) => ({
      official: { schedule_id: f.v3.id, schedule_data: { name: 'Mobile Shifts (EU)', time_zone: 'Europe/Paris' } },
      flat: { schedule_id: f.v3.id, name: 'Mobile Shifts (EU)', time_zone: 'Europe/Paris' },
    }),
  ],
  create_schedule_override: [
    (f) => ({
      official: { schedule_id: f.v2.id, override_request: { overrides: [{ start: at(30), end: at(32), user_id: f.v2User }] } },
      flat: { schedule_id: f.v2.id, start: at(30), end: at(32), user_id: f.v2User },
    }),
  ],
  create_schedule_v3_rotation_event: [
    (f) =>
      rotationEvent({ schedule_id: f.v3.id, rotation_id: f.rotation }, {
        name: 'Daily evening',
        start: '2026-01-05T18:00:00Z',
        end: '2026-01-05T23:00:00Z',
        since: at(24),
        until: at(24 * 30),
        strategy: 'rotating_member_assignment_strategy',
        members: [member(f.user('Omar')), { type: 'empty_member' }],
        shifts: 1,
      }),
  ],
  update_schedule_v3_rotation_event: [
    (f) =>
      rotationEvent({ schedule_id: f.v3.id, rotation_id: f.rotation, event_id: f.v3.rotations[0].events.at(-1)!.id }, {
        name: 'Daily late evening',
        start: '2026-01-05T19:00:00Z',
        end: '2026-01-05T23:30:00Z',
        since: at(48),
        until: at(24 * 40),
        strategy: 'rotating_member_assignment_strategy',
        members: [member(f.user('Mei')), member(f.user('Omar'))],
        shifts: 2,
      }),
  ],
  create_schedule_v3_custom_shifts: [
    (f) => ({
      official: {
        schedule_id: f.v3.id,
        custom_shifts: [
          { type: 'custom_shift', start_time: at(50), end_time: at(58), assignments: [{ type: 'shift_assignment', member: member(f.user('Freya')) }] },
          // Our own spelling in the same list: member directly on the shift.
          { start_time: at(74), end_time: at(82), member: { type: 'empty_member' } },
        ],
      },
      flat: {
        schedule_id: f.v3.id,
        custom_shifts: [
          { start_time: at(50), end_time: at(58), member: member(f.user('Freya')) },
          { start_time: at(74), end_time: at(82), member: { type: 'empty_member' } },
        ],
      },
    }),
  ],
  update_schedule_v3_custom_shift: [
    (f) => {
      const ids = { schedule_id: f.v3.id, custom_shift_id: f.v3.customShifts.at(-1)!.id };
      return {
        official: { ...ids, shift_data: { type: 'custom_shift', start_time: at(75), end_time: at(83), assignments: [{ type: 'shift_assignment', member: member(f.user('Omar')) }] } },
        flat: { ...ids, start_time: at(75), end_time: at(83), member: member(f.user('Omar')) },
      };
    },
  ],
  create_schedule_v3_overrides: [
    (f) => {
      const shift = f.v3.customShifts.at(-1)!;
      const override = { start_time: shift.start_time, end_time: shift.end_time, overridden_member: shift.member, overriding_member: member(f.user('Samuel')) };
      const onRotation = { start_time: at(26), end_time: at(28), overridden_member: { type: 'empty_member' }, overriding_member: member(f.user('Diego')) };
      return {
        official: { schedule_id: f.v3.id, overrides: [{ type: 'override_shift', custom_shift_id: shift.id, ...override }, { type: 'override_shift', rotation_id: f.rotation, ...onRotation }] },
        flat: { schedule_id: f.v3.id, overrides: [{ custom_shift_id: shift.id, ...override }, { rotation_id: f.rotation, ...onRotation }] },
      };
    },
  ],
  update_schedule_v3_override: [
    (f) => {
      const o = f.v3.overrides.at(-1)!;
      const ids = { schedule_id: f.v3.id, override_id: o.id, start_time: o.start_time, end_time: o.end_time };
      return {
        official: {
          ...ids,
          overridden_member_type: o.overridden_member.type,
          overridden_member_user_id: o.overridden_member.user_id,
          overriding_member_type: 'user_member',
          overriding_member_user_id: f.user('Mei'),
        },
        flat: { ...ids, overriding_member: member(f.user('Mei')) },
      };
    },
  ],

  list_escalation_policies: [() => ({ official: { query: 'a', include: ['services', 'teams'] }, flat: { query: 'a' } })],
  create_escalation_policy: [
    (f) => ({
      official: {
        escalation_policy_data: {
          escalation_policy: {
            name: 'Ledger escalation',
            description: 'Two levels',
            num_loops: 1,
            on_call_handoff_notifications: 'always',
            teams: [{ id: f.team, type: 'team_reference' }],
            escalation_rules: [
              { escalation_delay_in_minutes: 10, targets: [{ id: f.v2.id, type: 'schedule_reference' }, { id: f.user('Omar'), type: 'user_reference', summary: 'Omar' }] },
              // A level copied from an answer carries its read-only id.
              { id: 'PRULE02', escalation_delay_in_minutes: 30, targets: [{ id: f.user('Mei'), type: 'user_reference' }] },
            ],
          },
        },
      },
      flat: {
        name: 'Ledger escalation',
        description: 'Two levels',
        num_loops: 1,
        on_call_handoff_notifications: 'always',
        team_ids: [f.team],
        rules: [
          { delay_minutes: 10, user_ids: [f.user('Omar')], schedule_ids: [f.v2.id] },
          { delay_minutes: 30, user_ids: [f.user('Mei')] },
        ],
      },
    }),
  ],
  update_escalation_policy: [
    (f) => ({
      official: {
        policy_id: f.policy,
        escalation_policy_data: { escalation_policy: { name: 'Renamed policy', escalation_rules: [{ id: 'PRULE01', escalation_delay_in_minutes: 15, targets: [{ id: f.user('Omar'), type: 'user_reference' }] }] } },
      },
      flat: { policy_id: f.policy, name: 'Renamed policy', rules: [{ delay_minutes: 15, user_ids: [f.user('Omar')] }] },
    }),
    (f) => ({
      official: {
        policy_id: f.policy,
        escalation_policy_data: { escalation_policy: { description: 'Now with a team', num_loops: 2, on_call_handoff_notifications: 'if_has_services', teams: [{ id: f.team }] } },
      },
      flat: { policy_id: f.policy, description: 'Now with a team', num_loops: 2, on_call_handoff_notifications: 'if_has_services', team_ids: [f.team] },
    }),
  ],
  list_log_entries: [
    (f) => ({
      official: { query_model: { ...WINDOW, limit: 5, offset: 1, is_overview: true, team_ids: [f.team], time_zone: 'Europe/Berlin', total: true } },
      flat: { ...WINDOW, limit: 5, offset: 1, is_overview: true, team_ids: [f.team], time_zone: 'Europe/Berlin' },
    }),
  ],

  update_event_orchestration_router: [
    (f) => ({
      official: {
        orchestration_id: f.orchestration,
        router_update: {
          orchestration_path: {
            type: 'router',
            sets: [
              {
                id: 'start',
                rules: [
                  { id: 'rule-1', label: 'Checkout', conditions: [{ expression: "event.summary matches part 'checkout'" }], actions: { route_to: f.service }, disabled: false },
                  { label: 'Payments', conditions: [{ expression: "event.source matches 'pay'" }, { expression: "event.severity matches 'critical'" }], actions: { route_to: f.service } },
                ],
              },
            ],
            catch_all: { actions: { route_to: 'unrouted' } },
          },
        },
      },
      flat: {
        orchestration_id: f.orchestration,
        rules: [
          { id: 'rule-1', label: 'Checkout', conditions: ["event.summary matches part 'checkout'"], route_to: f.service, disabled: false },
          { label: 'Payments', conditions: ["event.source matches 'pay'", "event.severity matches 'critical'"], route_to: f.service },
        ],
        catch_all_route_to: 'unrouted',
      },
    }),
  ],
  append_event_orchestration_router_rule: [
    (f) => ({
      official: { orchestration_id: f.orchestration, new_rule: { label: 'Ledger', conditions: [{ expression: "event.summary matches part 'ledger'" }], actions: { route_to: f.service }, disabled: true } },
      flat: { orchestration_id: f.orchestration, label: 'Ledger', conditions: ["event.summary matches part 'ledger'"], route_to: f.service, disabled: true },
    }),
  ],
  list_incident_workflows: [
    () => ({ official: { include: ['steps', 'team'] }, flat: { include_steps: true } }),
    () => ({ official: { include: ['team'] }, flat: {} }),
  ],
  start_incident_workflow: [
    (f) => ({
      official: { workflow_id: f.workflow, instance_request: { incident_workflow_instance: { incident: { id: f.incident(5), type: 'incident_reference' } } } },
      flat: { workflow_id: f.workflow, incident_id: f.incident(5) },
    }),
  ],

  list_status_pages: [() => ({ official: { query_model: { status_page_type: 'public', limit: 5 } }, flat: { status_page_type: 'public', limit: 5 } })],
  ...Object.fromEntries(
    ['list_status_page_severities', 'list_status_page_impacts', 'list_status_page_statuses'].map((tool) => [
      tool,
      [(f: Fx) => ({ official: { status_page_id: f.page, query_model: { post_type: 'incident', limit: 3 } }, flat: { status_page_id: f.page, post_type: 'incident', limit: 3 } })],
    ]),
  ),
  get_status_page_post: [
    (f) => ({ official: { status_page_id: f.page, post_id: f.post, query_model: { include: ['status_page_post_update'] } }, flat: { status_page_id: f.page, post_id: f.post, include_updates: true } }),
    (f) => ({ official: { status_page_id: f.page, post_id: f.post, query_model: {} }, flat: { status_page_id: f.page, post_id: f.post } }),
  ],
  list_status_page_post_updates: [
    (f) => ({
      official: { status_page_id: f.page, post_id: f.post, query_model: { reviewed_status: 'approved', limit: 5 } },
      flat: { status_page_id: f.page, post_id: f.post, reviewed_status: 'approved', limit: 5 },
    }),
  ],
  create_status_page_post: [
    (f) => {
      const impacted = f.pageServices.slice(0, 2);
      return {
        official: {
          status_page_id: f.page,
          create_model: {
            post: {
              title: 'Checkout degraded',
              post_type: 'incident',
              starts_at: at(2),
              ends_at: at(4),
              status_page: { id: f.page, type: 'status_page' },
              updates: [
                {
                  message: 'Planned database upgrade',
                  status: { id: f.status, type: 'status_page_status' },
                  severity: { id: f.severity, type: 'status_page_severity' },
                  impacted_services: impacted.map((id) => ({ service: { id, type: 'status_page_service' }, impact: { id: f.impact, type: 'status_page_impact' } })),
                  notify_subscribers: false,
                },
              ],
            },
          },
        },
        flat: {
          status_page_id: f.page,
          title: 'Checkout degraded',
          post_type: 'incident',
          starts_at: at(2),
          ends_at: at(4),
          message: 'Planned database upgrade',
          status_id: f.status,
          severity_id: f.severity,
          impacted_service_ids: impacted,
          impact_id: f.impact,
          notify_subscribers: false,
        },
      };
    },
  ],
  create_status_page_post_update: [
    (f) => ({
      official: {
        status_page_id: f.page,
        post_id: f.post,
        create_model: {
          post_update: {
            message: 'Fixed',
            status: { id: f.status },
            severity: { id: f.severity },
            impacted_services: [{ service: { id: f.pageServices[0] }, impact: { id: f.impact } }],
            notify_subscribers: true,
            post: { id: f.post, type: 'status_page_post' },
          },
        },
      },
      flat: { status_page_id: f.page, post_id: f.post, message: 'Fixed', status_id: f.status, severity_id: f.severity, impacted_service_ids: [f.pageServices[0]], impact_id: f.impact, notify_subscribers: true },
    }),
  ],

  list_webhook_subscriptions: [() => ({ official: { filter_type: 'account_reference' }, flat: { filter_type: 'account' } })],
  create_webhook_subscription: [
    (f) => ({
      official: {
        webhook_data: {
          type: 'webhook_subscription',
          delivery_method: { type: 'http_delivery_method', url: 'https://hooks.example.com/pd', custom_headers: [{ name: 'X-Env', value: 'prod' }] },
          events: ['incident.triggered', 'incident.resolved'],
          filter: { type: 'service_reference', id: f.service },
          active: true,
          description: 'Checkout hook',
        },
      },
      flat: {
        url: 'https://hooks.example.com/pd',
        custom_headers: [{ name: 'X-Env', value: 'prod' }],
        events: ['incident.triggered', 'incident.resolved'],
        filter_type: 'service',
        filter_id: f.service,
        active: true,
        description: 'Checkout hook',
      },
    }),
  ],
  update_webhook_subscription: [
    (f) => ({
      official: { subscription_id: f.webhook, webhook_data: { type: 'webhook_subscription', events: ['incident.acknowledged'], filter: { type: 'team_reference', id: f.team }, active: false, description: 'Team hook' } },
      flat: { subscription_id: f.webhook, events: ['incident.acknowledged'], filter_type: 'team', filter_id: f.team, active: false, description: 'Team hook' },
    }),
  ],
};

/** Every path in a value, lists reduced to [] (JSON strings read as the server reads them). */
function pathsOf(value: unknown, at = '', out = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) value = JSON.parse(value);
  if (Array.isArray(value)) value.forEach((item) => pathsOf(item, `${at}[]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = at ? `${at}.${key}` : key;
      out.add(path);
      pathsOf(child, path, out);
    }
  }
  return out;
}

/** Per tool, the official paths its cases used (filled as they run). */
const used = new Map<string, Set<string>>();

const requestsSince = (sim: Simulator, from: number) => sim.requests.slice(from).map(({ method, path, query, body }) => ({ method, path, query, body }));

before(async () => {
  const simulator = { now: () => new Date(NOW) };
  [official, flat] = await Promise.all([startMcp({ writes: true, simulator }), startMcp({ writes: true, simulator })]);
  seedLazyAreas(official.sim);
  seedLazyAreas(flat.sim);
});

after(() => closeSessions(official, flat));

describe('official argument shapes', () => {
  it('both twins hold the same account (the replay below relies on it)', () => {
    assert.deepEqual(fixtures(official.sim).pageServices, fixtures(flat.sim).pageServices);
    assert.equal(fixtures(official.sim).rotation, fixtures(flat.sim).rotation);
  });

  for (const [tool, cases] of Object.entries(CASES)) {
    cases.forEach((make, k) => {
      it(`${tool} #${k + 1}: the official shape sends PagerDuty what the flat call sends`, async () => {
        const { official: officialArgs, flat: flatArgs } = make(fixtures(official.sim));
        assert.ok(OFFICIAL_SHAPES[tool], `${tool} has no entry in OFFICIAL_SHAPES`);
        const paths = used.get(tool) ?? new Set<string>();
        for (const path of pathsOf(officialArgs)) used.set(tool, paths.add(path));
        const [a, b] = [official.sim.requests.length, flat.sim.requests.length];
        const viaOfficial = await official.ok(tool, officialArgs);
        const viaFlat = await flat.ok(tool, flatArgs);
        const sent = requestsSince(official.sim, a);
        assert.ok(sent.length > 0, 'the call reached PagerDuty');
        assert.deepEqual(sent, requestsSince(flat.sim, b));
        assert.equal(viaOfficial.text, viaFlat.text);
      });
    });
  }

  it('every entry of OFFICIAL_SHAPES has cases above that use each of its official paths', () => {
    const missing = Object.entries(OFFICIAL_SHAPES).flatMap(([tool, shape]) =>
      [...Object.keys(shape.map), ...Object.keys(shape.ignore ?? {})].filter((path) => !used.get(tool)?.has(genericPath(path))).map((path) => `${tool}: ${path}`),
    );
    assert.deepEqual(missing, [], 'official paths no case uses: add cases to CASES');
  });
});

describe('official shapes: what is refused, and how', () => {
  it('an official argument with no counterpart names itself and says what to do instead', async () => {
    const text = await official.fails('append_event_orchestration_router_rule', {
      orchestration_id: 'PABC123',
      new_rule: { conditions: [{ expression: 'event.summary matches part "x"' }], actions: { dynamic_route_to: { lookup_by: 'service_id' } } },
    });
    assert.match(text, /argument "new_rule\.actions\.dynamic_route_to" of PagerDuty's official new_rule has no counterpart here: rules here route to a fixed service/);
  });

  it('an unknown key inside a wrapper is an unknown argument, with what the wrapper takes', async () => {
    const text = await official.fails('create_team', { create_model: { team: { name: 'X', colour: 'red' } } });
    assert.match(text, /^Invalid arguments for create_team: unknown argument "create_model\.team\.colour" \(PagerDuty's official create_model\.team takes: name, description, default_role\)/);
  });

  it('an unknown top-level argument is still named with the flat arguments allowed', async () => {
    const text = await official.fails('list_services', { team_idz: ['PABC123'] });
    assert.match(text, /unknown argument "team_idz" \(allowed: query, team_ids, integration_key, limit, offset\)/);
  });

  it('a value given both flat and wrapped must agree', async () => {
    const text = await official.fails('create_team', { name: 'A', create_model: { team: { name: 'B' } } });
    assert.match(text, /arguments "name" and "create_model\.team\.name" both give name but differ: the string "A" vs the string "B"/);
    const same = await official.call('list_status_pages', { limit: 2, query_model: { limit: 2 } });
    assert.ok(!same.isError, same.text);
  });

  it('a bad value in the official shape is named by where it was given', async () => {
    const text = await official.fails('manage_incidents', { manage_request: { incident_ids: ['PABC123'], status: 'closed' } });
    assert.match(text, /argument "status" \(given as "manage_request\.status"\)/);
    const nested = await official.fails('create_incident', { incident: { title: 'T', service: { id: 'null' } } });
    assert.match(nested, /argument "service_id" \(given as "incident\.service\.id"\): a real service id is required/);
  });

  it('a list the official server takes several of, where ours takes one, is refused when they differ', async () => {
    const text = await official.fails('create_schedule_override', {
      schedule_id: 'PABC123',
      override_request: { overrides: [{ start: at(1), end: at(2), user_id: 'PUSER01' }, { start: at(3), end: at(4), user_id: 'PUSER01' }] },
    });
    assert.match(text, /both give start but differ \(this tool takes one per call\)/);
  });
});
