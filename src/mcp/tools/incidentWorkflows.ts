import type { ToolDefinition } from './types';

export const incidentWorkflowsTools: ToolDefinition[] = [];
