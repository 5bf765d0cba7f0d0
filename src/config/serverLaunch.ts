// Decides how VS Code launches the PagerDuty MCP server, as plain data. No `vscode` import: the provider
// (src/mcpProvider.ts) turns this into McpStdioServerDefinition / McpHttpServerDefinition.
import { createHash } from 'node:crypto';
import { COMPILE_CACHE_DIR_ENV, encodeLaunchEnv, type LaunchSettings } from '../mcp/launchEnv';
import { HOSTED_MCP_URLS, isLoopbackHost } from '../pagerduty/hosts';
import { fieldOf, SETTING_ROWS, type SettingRow } from '../mcp/settingsTable';
import { SERVER_SETTING_KEYS, type Settings } from './settings';

export const SERVER_LABEL = 'PagerDuty';
export const TOKEN_ENV = 'PAGERDUTY_USER_API_KEY';

export interface StdioLaunch {
  kind: 'stdio';
  command: string;
  args: string[];
  /** Non-secret configuration only; the token is added in resolve (see withToken). */
  env: Record<string, string>;
  version: string;
}

export interface HttpLaunch {
  kind: 'http';
  url: string;
  /** Why `pagerduty.hostedUrl` cannot be used; then the server is not started and no token is sent. */
  problem?: string;
  /** Empty here; Authorization is added in resolve (see withToken). */
  headers: Record<string, string>;
  version: string;
}

export type ServerLaunch = StdioLaunch | HttpLaunch;

export interface LaunchInputs {
  settings: Settings;
  extensionVersion: string;
  /** Absolute path of dist/mcp-server.js. */
  serverScript: string;
  /** The runtime that runs the script: process.execPath (Electron in desktop VS Code, Node under the server). */
  execPath: string;
  /** A folder only this user writes to, for Node's compile cache: the extension's global storage (the server checks it). */
  compileCacheDir?: string;
}

/**
 * VS Code caches a server's tool list per `version`; it must change whenever the tools could differ
 * (extension update, toolsets, writes) or the launch does, and stay stable otherwise (an unneeded change
 * means a re-discovery and possibly a trust prompt).
 */
export function launchVersion(extensionVersion: string, settings: Settings): string {
  const relevant = Object.fromEntries(SERVER_SETTING_KEYS.map((k) => [k, settings[k]]));
  const hash = createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 12);
  return `${extensionVersion}+${hash}`;
}

/** What the settings decide about the server: launched with it, and the same selection for the tools Copilot has. */
export function launchSettings(settings: Settings): LaunchSettings {
  const values = settings as unknown as Record<string, unknown>;
  // An empty string or list is the server's default (the region's host, the default toolsets, every tool).
  const given = (row: SettingRow) => {
    const value = values[fieldOf(row)];
    return row.always || (value !== '' && !(Array.isArray(value) && !value.length)) ? value : undefined;
  };
  return Object.fromEntries(SETTING_ROWS.filter((row) => row.launch).map((row) => [row.launch, given(row)])) as LaunchSettings;
}

export function serverEnv(settings: Settings, compileCacheDir?: string): Record<string, string> {
  // Desktop VS Code's execPath is Electron; ELECTRON_RUN_AS_NODE makes it behave as plain Node.
  const env: Record<string, string> = { ELECTRON_RUN_AS_NODE: '1', ...encodeLaunchEnv(launchSettings(settings)) };
  if (compileCacheDir) env[COMPILE_CACHE_DIR_ENV] = compileCacheDir;
  return env;
}

export function buildLaunch(inputs: LaunchInputs): ServerLaunch {
  const { settings } = inputs;
  const version = launchVersion(inputs.extensionVersion, settings);
  if (settings.serverMode === 'hosted') {
    const problem = settings.hostedUrl ? hostedUrlProblem(settings.hostedUrl) : undefined;
    const url = settings.hostedUrl && !problem ? settings.hostedUrl : HOSTED_MCP_URLS[settings.region];
    return { kind: 'http', url, headers: {}, version, ...(problem ? { problem } : {}) };
  }
  return { kind: 'stdio', command: inputs.execPath, args: [...SERVER_NODE_FLAGS, inputs.serverScript], env: serverEnv(settings, inputs.compileCacheDir), version };
}

/**
 * The token goes in this URL's Authorization header: https only, except plain http to this machine (a local
 * `--http` server); says what is wrong otherwise.
 */
export function hostedUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value.slice(0, 120)}" is not a URL; expected e.g. https://pagerduty-mcp.example.com/mcp`;
  }
  if (url.username || url.password) return 'it must not contain a user name or password (the token is sent in the Authorization header)';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') {
    return `${url.origin} uses cleartext http, which would send your token unencrypted; use https (http only for localhost, 127.0.0.0/8, ::1)`;
  }
  return `it must be an https URL, got "${url.protocol}"`;
}

/** The secret part, applied only when VS Code is about to start the server. */
export function withToken<L extends ServerLaunch>(launch: L, token: string): L {
  if (launch.kind === 'http') {
    return { ...launch, headers: { ...launch.headers, Authorization: `Token token=${token}` } };
  }
  return { ...launch, env: { ...launch.env, [TOKEN_ENV]: token } };
}

/**
 * V8 sizes its heap for throughput and keeps what it grew: after 10 000 tool calls the server held ~165 MB with
 * ~25 MB live. A small young generation and an old-space ceiling keep it under 100 MB (see `npm run bench`). 2 MB rather
 * than 1 MB of young generation: with 1 MB, scavenges cost ~8 % of the start, and resident memory was no lower.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--max-old-space-size=96'];
