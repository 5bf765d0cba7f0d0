// The extension's settings as plain data, validated once. No `vscode` import: unit-tested under Node.
import { isRegion, type Region } from '../pagerduty/hosts';
import { TOOL_SURFACES, type ToolSurface } from '../mcp/launchEnv';
import { TOOLSETS, type Toolset } from '../mcp/tools/types';

export type ServerMode = 'embedded' | 'hosted';

export interface Settings {
  region: Region;
  /** Empty = the region's host. */
  apiBaseUrl: string;
  enableWriteTools: boolean;
  /** Empty = the server's default toolsets. */
  toolsets: Toolset[];
  allowedTools: string[];
  /** Which tool names Copilot is offered: classic, or PagerDuty's hosted browse_* / manage_* tools. */
  toolSurface: ToolSurface;
  fromEmail: string;
  serverMode: ServerMode;
  /** Empty = PagerDuty's hosted endpoint for the region; else a team's own `--http` deployment (serverMode hosted). */
  hostedUrl: string;
  refreshIntervalSeconds: number;
  notificationsEnabled: boolean;
  /** This workspace's PagerDuty services by id or name; empty = found from catalog-info.yaml. Only narrows what is shown. */
  workspaceServices: string[];
  /** CodeLens and Problems entries on the lines an open incident's frames name. */
  codeHintsEnabled: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  region: 'us',
  apiBaseUrl: '',
  enableWriteTools: false,
  toolsets: [],
  allowedTools: [],
  toolSurface: 'classic',
  fromEmail: '',
  serverMode: 'embedded',
  hostedUrl: '',
  refreshIntervalSeconds: 60,
  notificationsEnabled: true,
  workspaceServices: [],
  codeHintsEnabled: true,
};

export const MIN_REFRESH_SECONDS = 15;

/** Setting names (without the `pagerduty.` prefix) whose change alters the MCP server's launch or tool list. */
export const SERVER_SETTING_KEYS = ['region', 'apiBaseUrl', 'enableWriteTools', 'toolsets', 'allowedTools', 'toolSurface', 'fromEmail', 'serverMode', 'hostedUrl'] as const;

/**
 * Settings that widen what the model may do or where the token and writes go: read from user (or remote machine)
 * settings only, never from a workspace's .vscode/settings.json, which a repository or an agent can write.
 */
export const USER_LEVEL_SETTINGS = ['enableWriteTools', 'allowedTools', 'toolsets', 'toolSurface', 'serverMode', 'apiBaseUrl', 'hostedUrl', 'fromEmail'] as const;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * Reads raw values (as `WorkspaceConfiguration.get` returns them, possibly hand-edited nonsense) into Settings.
 * Unknown values fall back to defaults rather than failing: a typo in settings.json must not break activation.
 */
export function parseSettings(get: (key: string) => unknown): Settings {
  const region = get('region');
  const mode = get('serverMode');
  const surface = get('toolSurface');
  const refresh = Number(get('refreshIntervalSeconds'));
  const toolsets = [...new Set(strings(get('toolsets')))].filter((t): t is Toolset => (TOOLSETS as readonly string[]).includes(t));
  return {
    region: isRegion(region) ? region : DEFAULT_SETTINGS.region,
    apiBaseUrl: typeof get('apiBaseUrl') === 'string' ? (get('apiBaseUrl') as string).trim() : '',
    enableWriteTools: get('enableWriteTools') === true,
    toolsets,
    allowedTools: [...new Set(strings(get('allowedTools')))],
    toolSurface: (TOOL_SURFACES as readonly unknown[]).includes(surface) ? (surface as ToolSurface) : DEFAULT_SETTINGS.toolSurface,
    fromEmail: typeof get('fromEmail') === 'string' ? (get('fromEmail') as string).trim() : '',
    serverMode: mode === 'hosted' ? 'hosted' : 'embedded',
    hostedUrl: typeof get('hostedUrl') === 'string' ? (get('hostedUrl') as string).trim() : '',
    refreshIntervalSeconds: Number.isFinite(refresh) ? Math.max(MIN_REFRESH_SECONDS, Math.round(refresh)) : DEFAULT_SETTINGS.refreshIntervalSeconds,
    notificationsEnabled: get('notifications.enabled') !== false,
    workspaceServices: [...new Set(strings(get('workspaceServices')))],
    codeHintsEnabled: get('codeHints.enabled') !== false,
  };
}
