import { alertGroupingTools } from './alertGrouping';
import { analyticsTools } from './analytics';
import { changeEventsTools } from './changeEvents';
import { dependenciesTools } from './dependencies';
import { escalationPoliciesTools } from './escalationPolicies';
import { eventOrchestrationTools } from './eventOrchestration';
import { incidentActionsTools } from './incidentActions';
import { incidentsTools } from './incidents';
import { incidentWorkflowsTools } from './incidentWorkflows';
import { logEntriesTools } from './logEntries';
import { oncallTools } from './oncall';
import { schedulesTools } from './schedules';
import { schedulesV3Tools } from './schedulesV3';
import { servicesTools } from './services';
import { statusPagesTools } from './statusPages';
import type { ToolDefinition } from './types';
import { teamsTools } from './teams';
import { usersTools } from './users';
import { webhooksTools } from './webhooks';

export const ALL_TOOLS: readonly ToolDefinition[] = [
  ...incidentsTools,
  ...incidentActionsTools,
  ...servicesTools,
  ...oncallTools,
  ...schedulesTools,
  ...escalationPoliciesTools,
  ...teamsTools,
  ...usersTools,
  ...alertGroupingTools,
  ...changeEventsTools,
  ...eventOrchestrationTools,
  ...incidentWorkflowsTools,
  ...logEntriesTools,
  ...statusPagesTools,
  ...analyticsTools,
  ...dependenciesTools,
  ...webhooksTools,
  ...schedulesV3Tools,
];

/** Tools beyond PagerDuty's official names: those declared `extra`. */
export const EXTRA_TOOL_NAMES: ReadonlySet<string> = new Set(ALL_TOOLS.filter((t) => t.extra).map((t) => t.name));

export { DEFAULT_TOOLSETS } from './toolsets';
