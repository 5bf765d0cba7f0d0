/**
 * The server's settings as they cross the process boundary: the extension writes them into the spawned server's
 * environment (config/serverLaunch.ts), the server reads them back (config.ts). One codec, so names and formats
 * cannot drift apart; test/unit/launchEnv.test.ts checks the round trip.
 */
import { SETTING_ROWS, type TableLaunchSettings } from './settingsTable';

export { TOOL_SURFACES, type ToolSurface } from './settingsTable';

/** What the extension's settings decide about the server (and, in-process, about which tools Copilot has). */
export type LaunchSettings = TableLaunchSettings;

const LAUNCH_ROWS = SETTING_ROWS.filter((row) => row.launch);

/** LaunchSettings property → environment variable, from the settings table. */
export const LAUNCH_ENV = Object.fromEntries(LAUNCH_ROWS.map((row) => [row.launch, row.env])) as Record<keyof LaunchSettings, string>;

export function encodeLaunchEnv(s: LaunchSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const row of LAUNCH_ROWS) {
    const value = (s as Record<string, unknown>)[row.launch!];
    // Only what differs from the server's default travels, but for what the server must always be told.
    if (!row.always && (value === undefined || value === row.default || (Array.isArray(value) && !value.length))) continue;
    env[row.env!] = Array.isArray(value) ? value.join(',') : String(value);
  }
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
