import type { ToolDefinition } from './types';

export const changeEventsTools: ToolDefinition[] = [];
