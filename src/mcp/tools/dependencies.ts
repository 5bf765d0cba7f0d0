import type { ToolDefinition } from './types';

export const dependenciesTools: ToolDefinition[] = [];
