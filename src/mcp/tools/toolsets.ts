/**
 * The areas a user switches on or off: the one table that `--help`, the README tools table and the
 * `pagerduty.toolsets` enum in package.json follow (test/unit/toolsets.test.ts checks them). On by default: what an
 * investigation needs; configuration areas are opt-in, because VS Code sends at most 128 tools per request and every
 * schema costs the model context.
 */
export const TOOLSET_TABLE = [
  { id: 'incidents', byDefault: true, description: 'incidents: list, read, notes, alerts, similar and related ones; act on them' },
  { id: 'services', byDefault: true, description: 'technical services' },
  { id: 'oncall', byDefault: true, description: 'who is on call, now or in a window' },
  { id: 'schedules', byDefault: true, description: 'schedules, their users and overrides' },
  { id: 'escalation_policies', byDefault: true, description: 'escalation policies and their levels' },
  { id: 'teams_users', byDefault: true, description: 'teams, members and users' },
  { id: 'alert_grouping', byDefault: false, description: 'alert grouping settings of services' },
  { id: 'change_events', byDefault: true, description: 'change events (deploys, config changes), also per incident or service' },
  { id: 'event_orchestration', byDefault: false, description: 'event orchestrations and their routing rules' },
  { id: 'incident_workflows', byDefault: false, description: 'incident workflows, and starting one' },
  { id: 'log_entries', byDefault: true, description: 'the account-wide incident log' },
  { id: 'status_pages', byDefault: false, description: 'status pages, posts and updates' },
  { id: 'analytics', byDefault: false, description: 'incident and responder metrics' },
  { id: 'dependencies', byDefault: false, description: 'business services, service dependencies, priorities' },
  { id: 'webhooks', byDefault: false, description: 'webhook subscriptions and extension schemas' },
  { id: 'schedules_v3', byDefault: false, description: 'shift-based (v3) schedules: rotations, custom shifts, overrides' },
] as const;

export type Toolset = (typeof TOOLSET_TABLE)[number]['id'];

export const TOOLSETS: readonly Toolset[] = TOOLSET_TABLE.map((t) => t.id);

export const DEFAULT_TOOLSETS: readonly Toolset[] = TOOLSET_TABLE.filter((t) => t.byDefault).map((t) => t.id);
