/**
 * The GET operations the toolset calls (the views call the same tools in-process), for the field-coverage test.
 * Derived by hand from every `ctx.client.get/list/me` and `listV3` call in src/mcp/tools/*.ts and the client's
 * `me()`; simulatorFields.test.ts checks that each operationId exists in the spec and routes to this path, and
 * `npm test` ends by checking that every GET the client made during the run is listed here (scripts/report-validation.mjs).
 * `path` builds the concrete request from ids the simulator's own list answers give (see `SeededIds`).
 */
export interface SeededIds {
  incident: string;
  alert: string;
  service: string;
  team: string;
  user: string;
  escalationPolicy: string;
  schedule: string;
  scheduleV3: string;
  rotation: string;
  rotationEvent: string;
  customShift: string;
  overrideV3: string;
  changeEvent: string;
  businessService: string;
  orchestration: string;
  alertGroupingSetting: string;
  logEntry: string;
  workflow: string;
  statusPage: string;
  statusPagePost: string;
  webhookSubscription: string;
  extensionSchema: string;
}

export interface FieldOperation {
  operationId: string;
  path: (ids: SeededIds) => string;
}

/** v3 shift lists require a window; the tools send one (the simulator's clock is fixed by the test). */
export const V3_WINDOW = 'since=2026-03-01T00:00:00Z&until=2026-03-31T00:00:00Z';

const op = (operationId: string, path: (ids: SeededIds) => string): FieldOperation => ({ operationId, path });

export const FIELD_OPERATIONS: FieldOperation[] = [
  // incidents
  op('listIncidents', () => '/incidents'),
  // get_incident asks for the bridge, which PagerDuty returns only on request.
  op('getIncident', (i) => `/incidents/${i.incident}?include[]=conference_bridge`),
  op('listIncidentNotes', (i) => `/incidents/${i.incident}/notes`),
  op('listIncidentAlerts', (i) => `/incidents/${i.incident}/alerts`),
  op('getIncidentAlert', (i) => `/incidents/${i.incident}/alerts/${i.alert}`),
  op('getOutlierIncident', (i) => `/incidents/${i.incident}/outlier_incident`),
  op('getPastIncidents', (i) => `/incidents/${i.incident}/past_incidents`),
  op('getRelatedIncidents', (i) => `/incidents/${i.incident}/related_incidents`),
  op('listIncidentRelatedChangeEvents', (i) => `/incidents/${i.incident}/related_change_events`),
  op('listIncidentLogEntries', (i) => `/incidents/${i.incident}/log_entries`),
  op('listLogEntries', () => '/log_entries'),
  op('getLogEntry', (i) => `/log_entries/${i.logEntry}`),
  // services, on-call, escalation, teams, users
  op('listServices', () => '/services'),
  op('getService', (i) => `/services/${i.service}`),
  op('listOnCalls', () => '/oncalls'),
  op('listEscalationPolicies', () => '/escalation_policies'),
  op('getEscalationPolicy', (i) => `/escalation_policies/${i.escalationPolicy}`),
  op('listTeams', () => '/teams'),
  op('getTeam', (i) => `/teams/${i.team}`),
  op('listTeamUsers', (i) => `/teams/${i.team}/members`),
  op('getCurrentUser', () => '/users/me'),
  op('listUsers', () => '/users'),
  op('getUser', (i) => `/users/${i.user}`),
  op('listPriorities', () => '/priorities'),
  // schedules (v2 and v3)
  op('listSchedules', () => '/schedules'),
  op('getSchedule', (i) => `/schedules/${i.schedule}`),
  op('listScheduleUsers', (i) => `/schedules/${i.schedule}/users`),
  op('listSchedulesV3', () => '/v3/schedules'),
  op('getScheduleV3', (i) => `/v3/schedules/${i.scheduleV3}`),
  op('listRotations', (i) => `/v3/schedules/${i.scheduleV3}/rotations`),
  op('getRotation', (i) => `/v3/schedules/${i.scheduleV3}/rotations/${i.rotation}`),
  op('listEvents', (i) => `/v3/schedules/${i.scheduleV3}/rotations/${i.rotation}/events`),
  op('getEvent', (i) => `/v3/schedules/${i.scheduleV3}/rotations/${i.rotation}/events/${i.rotationEvent}`),
  op('listCustomShifts', (i) => `/v3/schedules/${i.scheduleV3}/custom_shifts?${V3_WINDOW}`),
  op('getCustomShift', (i) => `/v3/schedules/${i.scheduleV3}/custom_shifts/${i.customShift}`),
  op('listOverrides', (i) => `/v3/schedules/${i.scheduleV3}/overrides?${V3_WINDOW}`),
  op('getOverride', (i) => `/v3/schedules/${i.scheduleV3}/overrides/${i.overrideV3}`),
  // change events, dependencies, alert grouping, orchestration, workflows
  op('listChangeEvents', () => '/change_events'),
  op('getChangeEvent', (i) => `/change_events/${i.changeEvent}`),
  op('listServiceChangeEvents', (i) => `/services/${i.service}/change_events`),
  op('listBusinessServices', () => '/business_services'),
  op('getBusinessService', (i) => `/business_services/${i.businessService}`),
  op('getBusinessServiceServiceDependencies', (i) => `/service_dependencies/business_services/${i.businessService}`),
  op('getTechnicalServiceServiceDependencies', (i) => `/service_dependencies/technical_services/${i.service}`),
  op('listAlertGroupingSettings', () => '/alert_grouping_settings'),
  op('getAlertGroupingSetting', (i) => `/alert_grouping_settings/${i.alertGroupingSetting}`),
  op('listEventOrchestrations', () => '/event_orchestrations'),
  op('getOrchestration', (i) => `/event_orchestrations/${i.orchestration}`),
  op('getOrchPathRouter', (i) => `/event_orchestrations/${i.orchestration}/router`),
  op('getOrchPathGlobal', (i) => `/event_orchestrations/${i.orchestration}/global`),
  op('getOrchPathService', (i) => `/event_orchestrations/services/${i.service}`),
  op('listIncidentWorkflows', () => '/incident_workflows'),
  op('getIncidentWorkflow', (i) => `/incident_workflows/${i.workflow}`),
  // status pages, webhooks
  op('listStatusPages', () => '/status_pages'),
  op('listStatusPageStatuses', (i) => `/status_pages/${i.statusPage}/statuses`),
  op('listStatusPageSeverities', (i) => `/status_pages/${i.statusPage}/severities`),
  op('listStatusPageImpacts', (i) => `/status_pages/${i.statusPage}/impacts`),
  op('listStatusPageServices', (i) => `/status_pages/${i.statusPage}/services`),
  op('listStatusPagePosts', (i) => `/status_pages/${i.statusPage}/posts`),
  op('getStatusPagePost', (i) => `/status_pages/${i.statusPage}/posts/${i.statusPagePost}`),
  op('listStatusPagePostUpdates', (i) => `/status_pages/${i.statusPage}/posts/${i.statusPagePost}/post_updates`),
  op('listWebhookSubscriptions', () => '/webhook_subscriptions'),
  op('getWebhookSubscription', (i) => `/webhook_subscriptions/${i.webhookSubscription}`),
  op('listExtensionSchemas', () => '/extension_schemas'),
  op('getExtensionSchema', (i) => `/extension_schemas/${i.extensionSchema}`),
];
