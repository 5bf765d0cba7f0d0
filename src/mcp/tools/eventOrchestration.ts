import type { ToolDefinition } from './types';

export const eventOrchestrationTools: ToolDefinition[] = [];
