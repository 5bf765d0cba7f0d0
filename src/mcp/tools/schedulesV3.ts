import type { ToolDefinition } from './types';

export const schedulesV3Tools: ToolDefinition[] = [];
