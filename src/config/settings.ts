// The extension's settings as plain data, validated once. No `vscode` import: unit-tested under Node. Which settings
// there are, with their types, defaults and scopes, is the table in src/mcp/settingsTable.ts.
import { fieldOf, SETTING_ROWS, SETTINGS, type Row, type SettingRow, type TableSettings } from '../mcp/settingsTable';

export type Settings = TableSettings;
export type ServerMode = Settings['serverMode'];

const KEY_ROWS = SETTING_ROWS.filter((row) => row.key);
const keyRow = (key: string) => KEY_ROWS.find((row) => row.key === key)!;

export const DEFAULT_SETTINGS = Object.fromEntries(KEY_ROWS.map((row) => [fieldOf(row), Array.isArray(row.default) ? [...row.default] : row.default])) as Settings;

export const MIN_REFRESH_SECONDS = keyRow('refreshIntervalSeconds').min!;

type KeyOf<R> = R extends { key: infer K } ? K : never;

/** Setting names (without the `pagerduty.` prefix) whose change alters the MCP server's launch or tool list. */
export const SERVER_SETTING_KEYS = SETTINGS.filter((row) => 'launch' in row || 'relaunch' in row).map((row) => row.key) as KeyOf<Extract<Row, { launch: string } | { relaunch: true }>>[];

/**
 * Settings that widen what the model may do or where the token and writes go: read from user (or remote machine)
 * settings only, never from a workspace's .vscode/settings.json, which a repository or an agent can write.
 */
export const USER_LEVEL_SETTINGS: readonly string[] = KEY_ROWS.filter((row) => row.scope).map((row) => row.key!);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((s) => s.trim()).filter(Boolean) : [];
}

/** One raw value read by its row's type; what does not fit is the default. */
function read(row: SettingRow, value: unknown): unknown {
  switch (row.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : row.default;
    case 'string':
      return typeof value === 'string' ? value.trim() : row.default;
    case 'enum':
      return row.values!.includes(value as string) ? value : row.default;
    case 'list':
      return [...new Set(strings(value))].filter((item) => !row.values || row.values.includes(item));
    default: {
      const n = Number(value);
      return Number.isFinite(n) ? Math.max(row.min ?? -Infinity, Math.round(n)) : row.default;
    }
  }
}

/**
 * Reads raw values (as `WorkspaceConfiguration.get` returns them, possibly hand-edited nonsense) into Settings.
 * Unknown values fall back to defaults rather than failing: a typo in settings.json must not break activation.
 */
export function parseSettings(get: (key: string) => unknown): Settings {
  return Object.fromEntries(KEY_ROWS.map((row) => [fieldOf(row), read(row, get(row.key!))])) as Settings;
}
