import { resolveApiBaseUrl } from '../pagerduty/hosts';
import { describeChar, tokenProblem } from '../pagerduty/token';
import { parseArgs } from 'node:util';
import { decodeFlag, decodeList, type LaunchSettings } from './launchEnv';
import { nameOf, SETTING_ROWS, type SettingRow } from './settingsTable';
import { TOOLSET_TABLE } from './tools/toolsets';

/** The settings the extension passes through the environment (launchEnv.ts), and what only flags or the server decide. */
export interface ServerConfig extends LaunchSettings {
  token?: string;
  /** Without a token: what every tool call answers, naming what to set (see noTokenText). */
  noToken?: string;
  deadlineMs: number;
  structuredOutput: boolean;
  /** How often my open incidents are re-checked for notifications/resources/list_changed while a client lists them. */
  resourcePollMs: number;
  /** Set with --http: serve MCP Streamable HTTP instead of stdio (src/mcp/http.ts). */
  http?: HttpOptions;
}

export interface HttpOptions {
  port: number;
  host: string;
  /** Browser origins allowed to call (exact `scheme://host[:port]`); any other Origin header gets 403. */
  allowOrigins: string[];
  /**
   * PAGERDUTY_MCP_HTTP_SECRET: required when the server holds PAGERDUTY_USER_API_KEY, and then the only credential
   * clients may present (`Authorization: Bearer <secret>`), so the endpoint never lends its token to anyone.
   */
  secret?: string;
  maxBodyBytes: number;
  /** POSTs served at once; more get 503 with Retry-After. */
  maxConcurrent: number;
  /** Time a client has to send a whole request (headers and body): slow or stalled clients are cut off. */
  requestTimeoutMs: number;
}

const HTTP_ROWS = SETTING_ROWS.filter((row) => row.http);
/** The HTTP server's defaults, from the settings table. */
export const HTTP_DEFAULTS = Object.fromEntries(HTTP_ROWS.map((row) => [row.server, row.default])) as {
  port: number; host: string; maxBodyBytes: number; maxConcurrent: number; requestTimeoutMs: number;
};
/** Shorter secrets are refused: the secret is all that stands between the network and the server's token. */
export const MIN_SECRET_LENGTH = 24;
/** Fewer different characters (24 × "a", "abab…") make a secret guessable, whatever its length. */
export const MIN_SECRET_DISTINCT = 8;

/** What makes PAGERDUTY_MCP_HTTP_SECRET unusable, as a phrase; undefined when it is fine. Never quotes the secret. */
export function secretProblem(secret: string): string | undefined {
  // Node reads header values as Latin-1, so a client could never send a secret with other characters in a way that matches.
  const bad = /[^\x21-\x7E]/u.exec(secret);
  if (bad) {
    const what = /\s/u.test(bad[0]) ? 'whitespace' : 'a non-ASCII or invisible character, which an HTTP header cannot carry as such';
    return `it contains ${what}: ${describeChar(bad[0])} at character ${[...secret.slice(0, bad.index)].length + 1}; use printable ASCII only`;
  }
  if (secret.length < MIN_SECRET_LENGTH) return `it is only ${secret.length} characters long; it needs at least ${MIN_SECRET_LENGTH} characters`;
  const distinct = new Set(secret).size;
  if (distinct < MIN_SECRET_DISTINCT) return `it uses only ${distinct} different character${distinct === 1 ? '' : 's'}, so it is easy to guess; at least ${MIN_SECRET_DISTINCT} are needed`;
  return undefined;
}

const WIDTH = 118;
const INDENT = ' '.repeat(32);

/** Words filled into lines of WIDTH after a first column; later lines indented under the text. */
function entry(head: string, text: string): string {
  const lines: string[] = [];
  let line = `  ${head}`.padEnd(INDENT.length - 1);
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > WIDTH && line.trim()) {
      lines.push(line);
      line = INDENT.slice(1);
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}

/** A table row in --help: flag and value, the variable, then the description. */
function helpEntry(row: SettingRow): string {
  const flag = row.flag && `--${row.flag}${row.arg ? ` ${row.arg}` : ''}`;
  const head = [flag, row.env].filter(Boolean).join('  ');
  return head.length > INDENT.length - 3 ? `  ${head}\n${entry('', row.description)}` : entry(head, row.description);
}

export const HELP = `PagerDuty MCP server — a drop-in for PagerDuty's own server, over stdio or Streamable HTTP.

Usage: node dist/mcp-server.js [options]                stdio (what VS Code and local MCP clients start)
       node dist/mcp-server.js --http [--port 3000]      Streamable HTTP at http://127.0.0.1:3000/mcp

Environment:
  PAGERDUTY_USER_API_KEY        PagerDuty API token (required for stdio; never pass it as an argument). Empty, or an
                                unexpanded reference such as \${PAGERDUTY_USER_API_KEY}, counts as no token: tools
                                then answer with what to set
  PAGERDUTY_MCP_HTTP_SECRET     with --http and PAGERDUTY_USER_API_KEY: the bearer secret clients must send
  PAGERDUTY_MCP_COMPILE_CACHE_DIR  where Node keeps the server's compiled code for faster starts (default:
                                pagerduty-mcp in $XDG_CACHE_HOME or ~/.cache; a link, a folder others may write to, or a nearly full disk
                                leaves the cache off)

Settings (a flag overrides its environment variable):
${SETTING_ROWS.filter((row) => (row.flag || row.env) && !row.http).map(helpEntry).join('\n')}
  --help                        show this help

Streamable HTTP (--http):
  --http                        serve MCP at /mcp (and /healthz for probes) instead of stdio
${HTTP_ROWS.map(helpEntry).join('\n')}
  Each request authenticates with its own PagerDuty token, as PagerDuty's hosted endpoint:
    Authorization: Token <token>      (or: Token token=<token>; "Bearer <token>" is refused as the wrong scheme)
  and that token is used for that request's PagerDuty calls only. HEAD /mcp answers 200 for a well-formed token
  (curl -I), 401 with WWW-Authenticate otherwise. With PAGERDUTY_USER_API_KEY set the server uses that token for
  everyone and requires PAGERDUTY_MCP_HTTP_SECRET (at least ${MIN_SECRET_LENGTH} printable ASCII characters, ${MIN_SECRET_DISTINCT} of them
  different) from clients instead:
    Authorization: Bearer <secret>
  Stateless: no session is kept between requests, so any number of replicas can serve any request. Needing a sticky
  session, and therefore not offered over HTTP: elicitation (tools fall back as for clients without it: they ask
  for the missing argument), resource change notifications (resources/list still works), and the MCP Apps
  incident card (the answer's text is unchanged).

Toolsets (* = on by default):
${TOOLSET_TABLE.map((t) => `  ${t.id.padEnd(20)}${t.byDefault ? '* ' : '  '}${t.description}`).join('\n')}
`;

const FLAG_ROWS = SETTING_ROWS.filter((row) => row.flag);
/** util.parseArgs's options: every flag of the table, plus --help and --http. */
const OPTIONS: Record<string, { type: 'string' | 'boolean' }> = {
  help: { type: 'boolean' },
  http: { type: 'boolean' },
  ...Object.fromEntries(FLAG_ROWS.map((row) => [row.flag, { type: row.type === 'boolean' ? 'boolean' : 'string' }])),
};

/** The flags given, by name; 'help' when --help comes before any error. Refuses, in order, what is not an option of ours. */
function readFlags(argv: readonly string[]): Map<string, string | true> | 'help' {
  // Not strict: parseArgs's own errors speak of positionals and `--`; ours name the option and what to do.
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const flags = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.rawName.startsWith('--')) {
      const arg = token.kind === 'option' ? token.rawName : token.kind === 'positional' ? token.value : '--';
      throw new Error(`Unexpected argument "${arg}"; see --help.`);
    }
    const { name, value } = token;
    if (name === 'help') return 'help';
    const option = OPTIONS[name];
    if (!option) {
      if (/token|key|secret/i.test(name)) {
        throw new Error(`--${name} is not accepted: pass the token in PAGERDUTY_USER_API_KEY so it never shows in the process list.`);
      }
      throw new Error(`Unknown option --${name}; see --help.`);
    }
    if (option.type === 'boolean') {
      if (token.inlineValue) throw new Error(`--${name} takes no value; see --help.`);
      flags.set(name, true);
    } else if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      throw new Error(`--${name} needs a value; see --help.`);
    } else flags.set(name, value);
  }
  return flags;
}

/** Reads one table row from the flags, else the environment, checked by its type; an Error names what is wrong. */
function settingValue(row: SettingRow, flags: Map<string, string | true>, env: NodeJS.ProcessEnv): unknown {
  const flag = row.flag ? flags.get(row.flag) : undefined;
  if (row.type === 'boolean') return flag === true || (!!row.env && decodeFlag(env[row.env]));
  const text = typeof flag === 'string' ? flag : (row.env && env[row.env]?.trim()) || undefined;
  switch (row.type) {
    case 'list': {
      const items = decodeList(text);
      if (!items || !row.values) return items;
      if (items.includes('all')) return [...row.values];
      const unknown = items.filter((item) => !row.values!.includes(item));
      if (unknown.length) throw new Error(`Unknown ${row.label}(s) ${unknown.join(', ')}; choose from ${row.values.join(', ')} or "all".`);
      return items;
    }
    case 'enum': {
      const value = text ?? row.default;
      if (!row.values!.includes(value as string)) {
        const where = row.label ? ` (${nameOf({ ...row, label: undefined })})` : '';
        throw new Error(`${nameOf(row)} must be ${row.values!.map((v) => `"${v}"`).join(' or ')}, got "${String(value).slice(0, 40)}"${where}.`);
      }
      return value;
    }
    case 'integer': {
      if (text === undefined) return row.default;
      const n = Number(text);
      if (!Number.isInteger(n) || n < row.min! || n > row.max!) throw new Error(`${nameOf(row)} must be a whole number between ${row.min} and ${row.max}, got "${text.slice(0, 40)}".`);
      return n;
    }
    default:
      return text ?? (row.default || undefined);
  }
}

/** Parses environment and flags; throws an Error with an actionable message on bad input. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const flags = readFlags(argv);
  if (flags === 'help') return 'help';
  const values = (rows: readonly SettingRow[], name: (row: SettingRow) => string | undefined) =>
    Object.fromEntries(rows.filter(name).map((row) => [name(row), settingValue(row, flags, env)]));
  const launch = values(SETTING_ROWS, (row) => row.launch) as unknown as LaunchSettings;
  const server = values(SETTING_ROWS.filter((row) => !row.http), (row) => row.server) as { deadlineMs: number; structuredOutput: boolean; resourcePollMs: number };

  // Refused here, at start-up, rather than surfacing later as a network failure on every call.
  const noToken = noTokenText(env.PAGERDUTY_USER_API_KEY);
  const token = noToken ? undefined : env.PAGERDUTY_USER_API_KEY?.trim();
  const problem = token === undefined ? undefined : tokenProblem(token);
  if (problem) throw new Error(`PAGERDUTY_USER_API_KEY is not a usable PagerDuty API token: ${problem}.`);
  // Over HTTP no token means each client brings its own; a reference left unfilled meant a server token, so it stops here.
  if (flags.has('http') && noToken && UNEXPANDED.test(env.PAGERDUTY_USER_API_KEY?.trim() ?? '')) throw new Error(noToken);
  resolveApiBaseUrl(launch.region, launch.apiHost);

  const httpFlag = HTTP_ROWS.find((row) => flags.has(row.flag!))?.flag;
  if (httpFlag && !flags.has('http')) throw new Error(`--${httpFlag} applies to the HTTP server only: add --http.`);
  const http = flags.has('http') ? parseHttpOptions(values(HTTP_ROWS, (row) => row.server) as HttpValues, token, env.PAGERDUTY_MCP_HTTP_SECRET) : undefined;

  return { token, noToken, ...launch, ...server, http };
}

/** A whole `${NAME}` or `$NAME`: a reference the MCP host was meant to fill in from its environment and did not. */
const UNEXPANDED = /^\$(?:\{([^}]{1,100})\}|([A-Za-z_]\w{0,99}))$/;
const WHERE = 'in the environment the MCP host (VS Code, Copilot CLI, Claude Code, …) starts from, then restart it';
export const NO_TOKEN = `No PagerDuty token: set PAGERDUTY_USER_API_KEY to a PagerDuty user API token ${WHERE} (in VS Code: run "PagerDuty: Sign In").`;

/**
 * Why PAGERDUTY_USER_API_KEY gives no token, as the sentence every tool call answers; undefined when it holds one.
 * An agent plugin's MCP config only refers to the token (`"${PAGERDUTY_USER_API_KEY}"`); when the host's environment
 * lacks the variable (or Copilot CLI's --secret-env-vars hid it) the server receives the reference itself, which would
 * otherwise be sent to PagerDuty as a token and come back as a bare 401.
 */
export function noTokenText(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (value === undefined) return NO_TOKEN;
  if (!text) return `No PagerDuty token: PAGERDUTY_USER_API_KEY is empty. Set it to a PagerDuty user API token ${WHERE}.`;
  const ref = UNEXPANDED.exec(text);
  if (!ref) return undefined;
  const name = (ref[1] ?? ref[2]).replace(/[^\w:.-]/g, '?');
  return (
    `No PagerDuty token: PAGERDUTY_USER_API_KEY holds the reference "\${${name}}", which the MCP host did not fill in. ` +
    `Set ${name} to a PagerDuty user API token ${WHERE}; Copilot CLI's --secret-env-vars must not name it, as that removes it before the reference is filled in.`
  );
}

type HttpValues = Omit<HttpOptions, 'secret'>;

function parseHttpOptions(values: HttpValues, token: string | undefined, secretText: string | undefined): HttpOptions {
  const secret = secretText?.trim() || undefined;
  if (token && !secret) {
    throw new Error(
      'PAGERDUTY_USER_API_KEY is set, so this HTTP server would call PagerDuty with that token for anyone who reaches it. ' +
        `Also set PAGERDUTY_MCP_HTTP_SECRET (at least ${MIN_SECRET_LENGTH} characters, e.g. from \`openssl rand -hex 24\`), which clients ` +
        'then send as "Authorization: Bearer <secret>"; or unset PAGERDUTY_USER_API_KEY so each client sends its own token ("Authorization: Token <token>").',
    );
  }
  if (secret && !token) throw new Error('PAGERDUTY_MCP_HTTP_SECRET is set without PAGERDUTY_USER_API_KEY: without a server token, each client sends its own ("Authorization: Token <token>"); unset the secret, or set the token.');
  const problem = secret && secretProblem(secret);
  if (problem) {
    throw new Error(`PAGERDUTY_MCP_HTTP_SECRET is not usable: ${problem}. Generate one with \`openssl rand -hex 24\`.`);
  }
  const allowOrigins = (values.allowOrigins ?? []).map((origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`--allow-origin takes origins such as https://app.example.com (scheme, host, optional port; no path), got "${origin.slice(0, 80)}".`);
    }
    return url.origin;
  });
  const { host } = values;
  if (!/^[\w.:-]+$/.test(host)) throw new Error(`--host must be an address or host name, e.g. 127.0.0.1 or 0.0.0.0, got "${host.slice(0, 80)}".`);
  return { ...values, allowOrigins, secret };
}
