import { isRegion, resolveApiBaseUrl, type Region } from '../pagerduty/hosts';
import { tokenProblem } from '../pagerduty/token';
import { decodeFlag, decodeList, LAUNCH_ENV } from './launchEnv';
import { TOOLSET_TABLE, TOOLSETS, type Toolset } from './tools/toolsets';

export interface ServerConfig {
  token?: string;
  region: Region;
  apiHost?: string;
  fromEmail?: string;
  enableWrites: boolean;
  toolsets?: Toolset[];
  allowTools?: string[];
  deadlineMs: number;
  structuredOutput: boolean;
  /** How often my open incidents are re-checked for notifications/resources/list_changed while a client lists them. */
  resourcePollMs: number;
}

export const HELP = `PagerDuty MCP server (stdio) — a drop-in for PagerDuty's own server.

Usage: node dist/mcp-server.js [options]

Environment:
  PAGERDUTY_USER_API_KEY        PagerDuty API token (required; never pass it as an argument)
  PAGERDUTY_API_HOST            API base URL, e.g. https://api.eu.pagerduty.com (default: the region's host)
  PAGERDUTY_REGION              us | eu (default us; ignored when PAGERDUTY_API_HOST is set)
  PAGERDUTY_FROM_EMAIL          From email for writes with an account-level API key
  PAGERDUTY_TOOLSETS            comma list of toolsets, or "all" (default: those marked * below)
  PAGERDUTY_ALLOWED_TOOLS       comma list of tool names; when set only these are listed
  PAGERDUTY_ENABLE_WRITE_TOOLS  "true" to list write tools (same as --enable-write-tools)
  PAGERDUTY_DEADLINE_MS         deadline for one PagerDuty call including retries (default 30000)
  PAGERDUTY_STRUCTURED_OUTPUT   "true" to publish output schemas and return structuredContent (same as --structured-output)
  PAGERDUTY_RESOURCE_POLL_MS    how often listed open incidents are re-checked for changes (default 60000, min 1000)

Options (override the environment):
  --enable-write-tools          list and allow tools that change PagerDuty data (default: read-only)
  --region us|eu                API region
  --api-host URL                API base URL
  --from-email EMAIL            From email for writes
  --toolsets a,b,c|all          toolsets to expose (see Toolsets)
  --tools name1,name2           only these tools
  --deadline-ms N               per-call deadline in milliseconds
  --structured-output           also return typed structuredContent and publish output schemas, for clients that
                                want typed output. Off by default: many clients (Copilot agent mode among them)
                                then give the model only that JSON, without the untrusted-data fence and paging hints
  --help                        show this help

Toolsets (* = on by default):
${TOOLSET_TABLE.map((t) => `  ${t.id.padEnd(20)}${t.byDefault ? '* ' : '  '}${t.description}`).join('\n')}
`;

/** Parses environment and flags; throws an Error with an actionable message on bad input. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"; see --help.`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'help') return 'help';
    if (name === 'enable-write-tools' || name === 'structured-output') {
      flags.set(name, true);
      continue;
    }
    if (!['region', 'api-host', 'from-email', 'toolsets', 'tools', 'deadline-ms'].includes(name)) {
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
  const token = env.PAGERDUTY_USER_API_KEY?.trim() || undefined;
  const problem = token === undefined ? undefined : tokenProblem(token);
  if (problem) throw new Error(`PAGERDUTY_USER_API_KEY is not a usable PagerDuty API token: ${problem}.`);
  const apiHost = get('api-host', LAUNCH_ENV.apiHost);
  resolveApiBaseUrl(region, apiHost);

  return {
    token,
    region,
    apiHost,
    fromEmail: get('from-email', LAUNCH_ENV.fromEmail),
    enableWrites: flags.get('enable-write-tools') === true || decodeFlag(env[LAUNCH_ENV.enableWrites]),
    structuredOutput: flags.get('structured-output') === true || decodeFlag(env.PAGERDUTY_STRUCTURED_OUTPUT),
    toolsets,
    allowTools: decodeList(get('tools', LAUNCH_ENV.allowTools)),
    deadlineMs,
    resourcePollMs,
  };
}
