import type { ToolDefinition } from './types';

export const statusPagesTools: ToolDefinition[] = [];
