import { isRegion, resolveApiBaseUrl } from '../pagerduty/hosts';
import { describeChar, tokenProblem } from '../pagerduty/token';
import { decodeFlag, decodeList, LAUNCH_ENV, TOOL_SURFACES, type LaunchSettings, type ToolSurface } from './launchEnv';
import { TOOLSET_TABLE, TOOLSETS, type Toolset } from './tools/toolsets';

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

export const HTTP_DEFAULTS = { port: 3000, host: '127.0.0.1', maxBodyBytes: 1024 * 1024, maxConcurrent: 64, requestTimeoutMs: 30_000 } as const;
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

export const HELP = `PagerDuty MCP server — a drop-in for PagerDuty's own server, over stdio or Streamable HTTP.

Usage: node dist/mcp-server.js [options]                stdio (what VS Code and local MCP clients start)
       node dist/mcp-server.js --http [--port 3000]      Streamable HTTP at http://127.0.0.1:3000/mcp

Environment:
  PAGERDUTY_USER_API_KEY        PagerDuty API token (required for stdio; never pass it as an argument). Empty, or an
                                unexpanded reference such as \${PAGERDUTY_USER_API_KEY}, counts as no token: tools
                                then answer with what to set
  PAGERDUTY_MCP_HTTP_SECRET     with --http and PAGERDUTY_USER_API_KEY: the bearer secret clients must send
  PAGERDUTY_API_HOST            API base URL, e.g. https://api.eu.pagerduty.com (default: the region's host)
  PAGERDUTY_REGION              us | eu (default us; ignored when PAGERDUTY_API_HOST is set)
  PAGERDUTY_FROM_EMAIL          From email for writes with an account-level API key
  PAGERDUTY_TOOLSETS            comma list of toolsets, or "all" (default: those marked * below)
  PAGERDUTY_ALLOWED_TOOLS       comma list of tool names; when set only these are listed
  PAGERDUTY_ENABLE_WRITE_TOOLS  "true" to list write tools (same as --enable-write-tools)
  PAGERDUTY_TOOL_SURFACE        classic | hosted (same as --tool-surface)
  PAGERDUTY_DEADLINE_MS         deadline for one PagerDuty call including retries (default 30000)
  PAGERDUTY_STRUCTURED_OUTPUT   "true" to publish output schemas and return structuredContent (same as --structured-output)
  PAGERDUTY_RESOURCE_POLL_MS    how often listed open incidents are re-checked for changes (default 60000, min 1000)
  PAGERDUTY_MCP_COMPILE_CACHE_DIR  where Node keeps the server's compiled code for faster starts (default:
                                pagerduty-mcp in $XDG_CACHE_HOME or ~/.cache; a link, a folder others may write to, or a nearly full disk
                                leaves the cache off)

Options (override the environment):
  --enable-write-tools          list and allow tools that change PagerDuty data (default: read-only)
  --region us|eu                API region
  --api-host URL                API base URL
  --from-email EMAIL            From email for writes
  --toolsets a,b,c|all          toolsets to expose (see Toolsets)
  --tools name1,name2           only these tools (classic or hosted names)
  --tool-surface classic|hosted  tool names offered: classic (default; those of PagerDuty's open-source server) or
                                hosted (PagerDuty's hosted server: 18 browse_* / manage_* tools taking {request:
                                {action, ...}}, plus the classic tools it lacks)
  --deadline-ms N               per-call deadline in milliseconds
  --structured-output           also return typed structuredContent and publish output schemas, for clients that
                                want typed output. Off by default: many clients (Copilot agent mode among them)
                                then give the model only that JSON, without the untrusted-data fence and paging hints
  --help                        show this help

Streamable HTTP (--http):
  --http                        serve MCP at /mcp (and /healthz for probes) instead of stdio
  --port N                      TCP port (default ${HTTP_DEFAULTS.port}; 0 = any free port, printed at start)
  --host ADDR                   address to bind (default ${HTTP_DEFAULTS.host}; 0.0.0.0 is warned about: serve it behind TLS)
  --allow-origin a,b            browser origins allowed to call (e.g. https://inspector.example.com); any other
                                Origin header gets 403, requests without one (non-browser clients) pass
  --max-body-bytes N            largest request body (default ${HTTP_DEFAULTS.maxBodyBytes}; larger gets 413)
  --max-concurrent N            requests served at once (default ${HTTP_DEFAULTS.maxConcurrent}; more get 503 + Retry-After)
  --request-timeout-ms N        time a client has to send one whole request (default ${HTTP_DEFAULTS.requestTimeoutMs})
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

const VALUE_FLAGS = ['region', 'api-host', 'from-email', 'toolsets', 'tools', 'deadline-ms', 'tool-surface'];
const HTTP_FLAGS = ['port', 'host', 'allow-origin', 'max-body-bytes', 'max-concurrent', 'request-timeout-ms'];

/** Parses environment and flags; throws an Error with an actionable message on bad input. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"; see --help.`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'help') return 'help';
    if (name === 'enable-write-tools' || name === 'structured-output' || name === 'http') {
      flags.set(name, true);
      continue;
    }
    if (![...VALUE_FLAGS, ...HTTP_FLAGS].includes(name)) {
      if (/token|key|secret/i.test(name)) {
        throw new Error(`--${name} is not accepted: pass the token in PAGERDUTY_USER_API_KEY so it never shows in the process list.`);
      }
      throw new Error(`Unknown option --${name}; see --help.`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value; see --help.`);
    flags.set(name, value);
  }
  const get = (flag: string, envName: string) => {
    const v = flags.get(flag);
    return typeof v === 'string' ? v : env[envName]?.trim() || undefined;
  };

  const region = get('region', LAUNCH_ENV.region) ?? 'us';
  if (!isRegion(region)) throw new Error(`Region must be "us" or "eu", got "${region}".`);

  const toolsetNames = decodeList(get('toolsets', LAUNCH_ENV.toolsets));
  let toolsets: Toolset[] | undefined;
  if (toolsetNames?.includes('all')) {
    toolsets = [...TOOLSETS];
  } else if (toolsetNames) {
    const unknown = toolsetNames.filter((t) => !(TOOLSETS as readonly string[]).includes(t));
    if (unknown.length) throw new Error(`Unknown toolset(s) ${unknown.join(', ')}; choose from ${TOOLSETS.join(', ')} or "all".`);
    toolsets = toolsetNames as Toolset[];
  }

  const toolSurface = get('tool-surface', LAUNCH_ENV.toolSurface) ?? 'classic';
  if (!(TOOL_SURFACES as readonly string[]).includes(toolSurface)) {
    throw new Error(`Tool surface (--tool-surface / ${LAUNCH_ENV.toolSurface}) must be ${TOOL_SURFACES.join(' or ')}, got "${toolSurface.slice(0, 40)}".`);
  }

  const deadlineText = get('deadline-ms', 'PAGERDUTY_DEADLINE_MS');
  const deadlineMs = deadlineText === undefined ? 30_000 : Number(deadlineText);
  if (!Number.isInteger(deadlineMs) || deadlineMs < 100 || deadlineMs > 600_000) {
    throw new Error(`Deadline must be a whole number of milliseconds between 100 and 600000, got "${deadlineText}".`);
  }

  const pollText = env.PAGERDUTY_RESOURCE_POLL_MS;
  const resourcePollMs = pollText === undefined ? 60_000 : Number(pollText);
  if (!Number.isInteger(resourcePollMs) || resourcePollMs < 1000 || resourcePollMs > 3_600_000) {
    throw new Error(`PAGERDUTY_RESOURCE_POLL_MS must be a whole number of milliseconds between 1000 and 3600000, got "${pollText}".`);
  }

  // Refused here, at start-up, rather than surfacing later as a network failure on every call.
  const noToken = noTokenText(env.PAGERDUTY_USER_API_KEY);
  const token = noToken ? undefined : env.PAGERDUTY_USER_API_KEY?.trim();
  const problem = token === undefined ? undefined : tokenProblem(token);
  if (problem) throw new Error(`PAGERDUTY_USER_API_KEY is not a usable PagerDuty API token: ${problem}.`);
  // Over HTTP no token means each client brings its own; a reference left unfilled meant a server token, so it stops here.
  if (flags.has('http') && noToken && UNEXPANDED.test(env.PAGERDUTY_USER_API_KEY?.trim() ?? '')) throw new Error(noToken);
  const apiHost = get('api-host', LAUNCH_ENV.apiHost);
  resolveApiBaseUrl(region, apiHost);

  const httpFlag = HTTP_FLAGS.find((f) => flags.has(f));
  if (httpFlag && !flags.has('http')) throw new Error(`--${httpFlag} applies to the HTTP server only: add --http.`);
  const http = flags.has('http') ? parseHttpOptions((f) => flags.get(f) as string | undefined, token, env.PAGERDUTY_MCP_HTTP_SECRET) : undefined;

  return {
    token,
    noToken,
    region,
    apiHost,
    fromEmail: get('from-email', LAUNCH_ENV.fromEmail),
    enableWrites: flags.get('enable-write-tools') === true || decodeFlag(env[LAUNCH_ENV.enableWrites]),
    structuredOutput: flags.get('structured-output') === true || decodeFlag(env.PAGERDUTY_STRUCTURED_OUTPUT),
    toolsets,
    allowTools: decodeList(get('tools', LAUNCH_ENV.allowTools)),
    toolSurface: toolSurface as ToolSurface,
    deadlineMs,
    resourcePollMs,
    http,
  };
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

function whole(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} must be a whole number between ${min} and ${max}, got "${text.slice(0, 40)}".`);
  return n;
}

function parseHttpOptions(flag: (name: string) => string | undefined, token: string | undefined, secretText: string | undefined): HttpOptions {
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
  const allowOrigins = (decodeList(flag('allow-origin')) ?? []).map((origin) => {
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
  const host = flag('host') ?? HTTP_DEFAULTS.host;
  if (!/^[\w.:-]+$/.test(host)) throw new Error(`--host must be an address or host name, e.g. 127.0.0.1 or 0.0.0.0, got "${host.slice(0, 80)}".`);
  return {
    port: whole('port', flag('port'), HTTP_DEFAULTS.port, 0, 65_535),
    host,
    allowOrigins,
    secret,
    maxBodyBytes: whole('max-body-bytes', flag('max-body-bytes'), HTTP_DEFAULTS.maxBodyBytes, 1024, 64 * 1024 * 1024),
    maxConcurrent: whole('max-concurrent', flag('max-concurrent'), HTTP_DEFAULTS.maxConcurrent, 1, 10_000),
    requestTimeoutMs: whole('request-timeout-ms', flag('request-timeout-ms'), HTTP_DEFAULTS.requestTimeoutMs, 200, 600_000),
  };
}
