/**
 * The server's settings as they cross the process boundary: the extension writes them into the spawned server's
 * environment (config/serverLaunch.ts), the server reads them back (config.ts). One codec, so names and formats
 * cannot drift apart; test/unit/launchEnv.test.ts checks the round trip.
 */
import type { Region } from '../pagerduty/hosts';
import type { Toolset } from './tools/toolsets';

/** What the extension's settings decide about the server (and, in-process, about which tools Copilot has). */
export interface LaunchSettings {
  region: Region;
  /** Undefined: the region's host. */
  apiHost?: string;
  fromEmail?: string;
  enableWrites: boolean;
  /** Undefined: the default toolsets. */
  toolsets?: Toolset[];
  /** Undefined: every tool of the toolsets. */
  allowTools?: string[];
  /** Which tool names the model is offered: classic (the default) or PagerDuty's hosted browse_* / manage_* tools. */
  toolSurface?: ToolSurface;
}

export const TOOL_SURFACES = ['classic', 'hosted'] as const;
export type ToolSurface = (typeof TOOL_SURFACES)[number];

export const LAUNCH_ENV = {
  region: 'PAGERDUTY_REGION',
  apiHost: 'PAGERDUTY_API_HOST',
  fromEmail: 'PAGERDUTY_FROM_EMAIL',
  enableWrites: 'PAGERDUTY_ENABLE_WRITE_TOOLS',
  toolsets: 'PAGERDUTY_TOOLSETS',
  allowTools: 'PAGERDUTY_ALLOWED_TOOLS',
  toolSurface: 'PAGERDUTY_TOOL_SURFACE',
} as const satisfies Record<keyof LaunchSettings, string>;

export function encodeLaunchEnv(s: LaunchSettings): Record<string, string> {
  const env: Record<string, string> = { [LAUNCH_ENV.region]: s.region, [LAUNCH_ENV.enableWrites]: s.enableWrites ? 'true' : 'false' };
  if (s.apiHost) env[LAUNCH_ENV.apiHost] = s.apiHost;
  if (s.fromEmail) env[LAUNCH_ENV.fromEmail] = s.fromEmail;
  if (s.toolsets?.length) env[LAUNCH_ENV.toolsets] = s.toolsets.join(',');
  if (s.allowTools?.length) env[LAUNCH_ENV.allowTools] = s.allowTools.join(',');
  if (s.toolSurface === 'hosted') env[LAUNCH_ENV.toolSurface] = s.toolSurface;
  return env;
}

/** A comma list as the environment carries it; undefined when empty. */
export function decodeList(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((s) => s.trim()).filter(Boolean);
  return items && items.length ? items : undefined;
}

/** "true", "1" or "yes" (any case): people set these by hand too. */
export function decodeFlag(value: string | undefined): boolean {
  return /^(1|true|yes)$/i.test(value ?? '');
}

/**
 * Where the server keeps Node's compile cache (src/mcp/compileCache.ts): VS Code names its extension storage, the
 * standalone server's user may name another folder of theirs. Not a setting: a cache is code the server runs.
 */
export const COMPILE_CACHE_DIR_ENV = 'PAGERDUTY_MCP_COMPILE_CACHE_DIR';
