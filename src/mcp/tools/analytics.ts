import type { ToolDefinition } from './types';

export const analyticsTools: ToolDefinition[] = [];
