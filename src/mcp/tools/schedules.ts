import type { ToolDefinition } from './types';

export const schedulesTools: ToolDefinition[] = [];
