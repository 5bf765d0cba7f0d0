/** Size of the tools/list answer the client sends to the model with every request. */
import { figure, type Figure } from './figure';
import { initialize, spawnServer } from './rpc';

export interface ListedTool {
  name: string;
  description: string;
  inputSchema: unknown;
}

export async function listSize(script: string, args: string[], toolsets?: string): Promise<{ chars: number; tools: number; list: ListedTool[] }> {
  const env: Record<string, string> = { PAGERDUTY_USER_API_KEY: 'bench-token-not-used', PAGERDUTY_API_HOST: 'http://127.0.0.1:9' };
  if (toolsets) env.PAGERDUTY_TOOLSETS = toolsets;
  const server = spawnServer(script, args, env);
  try {
    await initialize(server);
    const { tools } = await server.request('tools/list');
    return { chars: JSON.stringify(tools).length, tools: tools.length, list: tools };
  } finally {
    server.close();
  }
}

export async function toolsListFigures(script: string): Promise<Figure[]> {
  const all = await listSize(script, ['--enable-write-tools'], 'all');
  const defaults = await listSize(script, []);
  return [
    figure('tools_list.all_writes', 'tools/list JSON, all toolsets + writes', all.chars, 'chars', 60_000, `${all.tools} tools`),
    figure('tools_list.default', 'tools/list JSON, default toolsets, read-only', defaults.chars, 'chars', 60_000, `${defaults.tools} tools`),
  ];
}
