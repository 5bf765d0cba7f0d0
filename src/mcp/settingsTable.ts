/**
 * Every setting once: the VS Code setting (`pagerduty.<key>`, its type, default and scope), the environment variable
 * and flag that carry it to the server, and its description. It drives the extension's settings reader
 * (config/settings.ts), the launch environment (launchEnv.ts), and the server's --help and argument parsing
 * (config.ts); test/unit/settingsTable.test.ts holds it against package.json. A new server setting is a row here
 * and its declaration in package.json (with its description in package.nls.json).
 */
import type { Region } from '../pagerduty/hosts';
import { TOOLSETS } from './tools/toolsets';

export const TOOL_SURFACES = ['classic', 'hosted'] as const;
export type ToolSurface = (typeof TOOL_SURFACES)[number];
const REGIONS = ['us', 'eu'] as const satisfies readonly Region[];

export interface SettingRow {
  /** `pagerduty.<key>` in VS Code; absent for what only the server's environment and flags set. */
  readonly key?: string;
  /** The property of Settings (config/settings.ts) when it differs from the key. */
  readonly field?: string;
  /** The property of LaunchSettings: the extension passes the value to the server it starts, in `env`. */
  readonly launch?: string;
  /** Written into the launch environment even at its default, and then never undefined in LaunchSettings. */
  readonly always?: true;
  /** The property of ServerConfig (or, with `http`, of its HttpOptions) for what only the server reads. */
  readonly server?: string;
  /** A change restarts the server though the value does not reach it (how VS Code connects). */
  readonly relaunch?: true;
  readonly type: 'boolean' | 'string' | 'enum' | 'list' | 'number' | 'integer';
  readonly values?: readonly string[];
  readonly default: boolean | string | number | readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** package.json's scope: application and machine are user-level (a workspace cannot set them); absent: window. */
  readonly scope?: 'application' | 'machine';
  readonly env?: string;
  readonly flag?: string;
  /** How --help shows the flag's value. */
  readonly arg?: string;
  /** A flag of the HTTP server only (needs --http). */
  readonly http?: true;
  /** What errors call it ("Region must be …"); else the flag and variable. */
  readonly label?: string;
  /** For --help; VS Code's text is package.nls.json's `config.<key>`. */
  readonly description: string;
}

export const SETTINGS = [
  { key: 'region', launch: 'region', always: true, type: 'enum', values: REGIONS, default: 'us', env: 'PAGERDUTY_REGION', flag: 'region', arg: 'us|eu', label: 'Region', description: 'API region (default us; ignored when the API host is set)' },
  { key: 'apiBaseUrl', launch: 'apiHost', type: 'string', default: '', scope: 'machine', env: 'PAGERDUTY_API_HOST', flag: 'api-host', arg: 'URL', description: "API base URL, e.g. https://api.eu.pagerduty.com (default: the region's host)" },
  { key: 'enableWriteTools', launch: 'enableWrites', always: true, type: 'boolean', default: false, scope: 'application', env: 'PAGERDUTY_ENABLE_WRITE_TOOLS', flag: 'enable-write-tools', description: 'list and allow tools that change PagerDuty data (default: read-only; the variable takes "true")' },
  { key: 'toolsets', launch: 'toolsets', type: 'list', values: TOOLSETS, default: [], scope: 'application', env: 'PAGERDUTY_TOOLSETS', flag: 'toolsets', arg: 'a,b,c|all', label: 'toolset', description: 'comma list of toolsets to expose, or "all" (default: those marked * under Toolsets)' },
  { key: 'allowedTools', launch: 'allowTools', type: 'list', default: [], scope: 'application', env: 'PAGERDUTY_ALLOWED_TOOLS', flag: 'tools', arg: 'name1,name2', description: 'comma list of tool names (classic or hosted); when set only these are listed' },
  { key: 'toolSurface', launch: 'toolSurface', type: 'enum', values: TOOL_SURFACES, default: 'classic', scope: 'application', env: 'PAGERDUTY_TOOL_SURFACE', flag: 'tool-surface', arg: 'classic|hosted', label: 'Tool surface', description: "tool names offered: classic (default; those of PagerDuty's open-source server) or hosted (PagerDuty's hosted server: 18 browse_* / manage_* tools taking {request: {action, ...}}, plus the classic tools it lacks)" },
  { key: 'fromEmail', launch: 'fromEmail', type: 'string', default: '', scope: 'application', env: 'PAGERDUTY_FROM_EMAIL', flag: 'from-email', arg: 'EMAIL', description: 'From email for writes with an account-level API key' },
  { key: 'serverMode', relaunch: true, type: 'enum', values: ['embedded', 'hosted'], default: 'embedded', scope: 'application', description: "embedded runs this server; hosted connects to PagerDuty's hosted endpoint or hostedUrl" },
  { key: 'hostedUrl', relaunch: true, type: 'string', default: '', scope: 'machine', description: "with serverMode hosted: a team's own --http server" },
  { key: 'refreshIntervalSeconds', type: 'number', default: 60, min: 15, description: 'sidebar polling' },
  { key: 'notifications.enabled', field: 'notificationsEnabled', type: 'boolean', default: true, description: 'notify on new triggered incidents assigned to me' },
  { key: 'workspaceServices', type: 'list', default: [], description: "this workspace's PagerDuty services by id or name (empty: from catalog-info.yaml); only narrows what is shown, so a workspace may set it" },
  { key: 'codeHints.enabled', field: 'codeHintsEnabled', type: 'boolean', default: true, description: "CodeLens and Problems entries on the lines an open incident's frames name" },
  { server: 'deadlineMs', type: 'integer', default: 30_000, min: 100, max: 600_000, env: 'PAGERDUTY_DEADLINE_MS', flag: 'deadline-ms', arg: 'N', description: 'deadline in milliseconds for one PagerDuty call including retries (default 30000)' },
  { server: 'structuredOutput', type: 'boolean', default: false, env: 'PAGERDUTY_STRUCTURED_OUTPUT', flag: 'structured-output', description: 'also return typed structuredContent and publish output schemas, for clients that want typed output. Off by default: many clients (Copilot agent mode among them) then give the model only that JSON, without the untrusted-data fence and paging hints' },
  { server: 'resourcePollMs', type: 'integer', default: 60_000, min: 1000, max: 3_600_000, env: 'PAGERDUTY_RESOURCE_POLL_MS', description: 'how often listed open incidents are re-checked for changes (default 60000, min 1000)' },
  { server: 'port', http: true, type: 'integer', default: 3000, min: 0, max: 65_535, flag: 'port', arg: 'N', description: 'TCP port (default 3000; 0 = any free port, printed at start)' },
  { server: 'host', http: true, type: 'string', default: '127.0.0.1', flag: 'host', arg: 'ADDR', description: 'address to bind (default 127.0.0.1; 0.0.0.0 is warned about: serve it behind TLS)' },
  { server: 'allowOrigins', http: true, type: 'list', default: [], flag: 'allow-origin', arg: 'a,b', description: 'browser origins allowed to call (e.g. https://inspector.example.com); any other Origin header gets 403, requests without one (non-browser clients) pass' },
  { server: 'maxBodyBytes', http: true, type: 'integer', default: 1024 * 1024, min: 1024, max: 64 * 1024 * 1024, flag: 'max-body-bytes', arg: 'N', description: 'largest request body (default 1048576; larger gets 413)' },
  { server: 'maxConcurrent', http: true, type: 'integer', default: 64, min: 1, max: 10_000, flag: 'max-concurrent', arg: 'N', description: 'requests served at once (default 64; more get 503 + Retry-After)' },
  { server: 'requestTimeoutMs', http: true, type: 'integer', default: 30_000, min: 200, max: 600_000, flag: 'request-timeout-ms', arg: 'N', description: 'time a client has to send one whole request (default 30000)' },
] as const satisfies readonly SettingRow[];

export type Row = (typeof SETTINGS)[number];

/** The value type a row's setting has. */
export type ValueOf<R> = R extends { type: 'boolean' }
  ? boolean
  : R extends { type: 'enum'; values: readonly (infer V)[] }
    ? V
    : R extends { type: 'list'; values: readonly (infer V)[] }
      ? V[]
      : R extends { type: 'list' }
        ? string[]
        : R extends { type: 'number' | 'integer' }
          ? number
          : string;

type KeyRow = Extract<Row, { key: string }>;
type LaunchRow = Extract<Row, { launch: string }>;

/** The extension's settings, by Settings property. */
export type TableSettings = { -readonly [R in KeyRow as R extends { field: infer F extends string } ? F : R['key']]: ValueOf<R> };

/** What the extension's settings decide about the server: undefined is the server's default. */
export type TableLaunchSettings = { -readonly [R in Extract<LaunchRow, { always: true }> as R['launch']]: ValueOf<R> } & {
  -readonly [R in Exclude<LaunchRow, { always: true }> as R['launch']]?: ValueOf<R>;
};

export const SETTING_ROWS: readonly SettingRow[] = SETTINGS;

/** The Settings property a VS Code setting row fills. */
export function fieldOf(row: SettingRow): string {
  return row.field ?? row.key!;
}

/** How a row is named in an error: its label, else its flag and variable as the server takes them. */
export function nameOf(row: SettingRow): string {
  return row.label ?? [row.flag && `--${row.flag}`, row.env].filter(Boolean).join(' / ');
}
