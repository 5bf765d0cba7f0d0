/**
 * Registers every area's routes. To add an area: create routes/<area>.ts exporting
 * `function <area>Routes(route: Route)` and list it here. (/v3/schedules is left for its own file.)
 */
import type { Route } from '../router';
import { alertGroupingRoutes } from './alertGrouping';
import { changeEventRoutes } from './changeEvents';
import { eventOrchestrationRoutes } from './eventOrchestration';
import { incidentWorkflowRoutes } from './incidentWorkflows';
import { analyticsRoutes } from './analytics';
import { dependencyRoutes } from './dependencies';
import { escalationPolicyRoutes } from './escalationPolicies';
import { incidentActionRoutes } from './incidentActions';
import { incidentDetailRoutes } from './incidentDetails';
import { incidentRoutes } from './incidents';
import { logEntryRoutes } from './logEntries';
import { oncallRoutes } from './oncalls';
import { priorityRoutes } from './priorities';
import { scheduleRoutes } from './schedules';
import { schedulesV3Routes } from './schedulesV3';
import { serviceRoutes } from './services';
import { statusPageRoutes } from './statusPages';
import { teamRoutes } from './teams';
import { userRoutes } from './users';
import { userWriteRoutes } from './userWrites';
import { webhookRoutes } from './webhooks';

export const areas: ((route: Route) => void)[] = [
  alertGroupingRoutes,
  changeEventRoutes,
  eventOrchestrationRoutes,
  incidentWorkflowRoutes,
  incidentRoutes,
  incidentDetailRoutes,
  incidentActionRoutes,
  logEntryRoutes,
  serviceRoutes,
  oncallRoutes,
  scheduleRoutes,
  schedulesV3Routes,
  escalationPolicyRoutes,
  teamRoutes,
  userRoutes,
  userWriteRoutes,
  priorityRoutes,
  statusPageRoutes,
  analyticsRoutes,
  dependencyRoutes,
  webhookRoutes,
];

export function registerAllRoutes(route: Route): void {
  for (const register of areas) register(route);
}
