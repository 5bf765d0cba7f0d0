import type { ToolDefinition } from './types';

export const oncallTools: ToolDefinition[] = [];
