import type { ToolDefinition } from './types';

export const servicesTools: ToolDefinition[] = [];
