import {
  CLIENT_CAPABILITIES_META_KEY,
  inputRequired,
  McpServer,
  type ClientCapabilities,
  type ElicitRequestFormParams,
  type ElicitResult,
  type ListToolsResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { PagerDutyClient } from '../pagerduty/client';
import { NO_TOKEN, type ServerConfig } from './config';
import { INSTRUCTIONS } from './instructions';
import { cardActionTool, cardWrites } from './apps/cardAction';
import { callWithCard, CARD_TOOLS, registerCard, supportsApps, withCard } from './apps/incidentCard';
import { InputNeeded, MultiRound, StaleAnswers } from './multiRound';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { flushCompileCache } from './compileCache';
import { inSurfaceTerms } from './hosted/surface';
import { Toolbox } from './registry';
import { createToolbox } from './toolbox';
import { TOOLSETS, type ToolContext } from './tools/types';

export const SERVER_NAME = 'pagerduty';
const ASK_TIMEOUT_MS = 10 * 60_000;

// In its own file, so that the extension's in-process toolbox does not load the SDK's server.
export { createToolbox };

export function createClient(config: ServerConfig, log?: (line: string) => void): PagerDutyClient | undefined {
  if (!config.token) return undefined;
  return new PagerDutyClient({
    token: config.token,
    region: config.region,
    baseUrl: config.apiHost,
    fromEmail: config.fromEmail,
    deadlineMs: config.deadlineMs,
    log,
  });
}

/** The token-independent part of a server: built once per process, shared by every HTTP request's server. */
export interface ServerParts {
  /** What the model is offered. */
  toolbox: Toolbox;
  /** Reads for resources and the incident card: every read tool, typed results, whatever the model is offered. */
  reader: Toolbox;
  /** The card's buttons: an app-only tool, present only when the model's toolbox may make one of its writes too
   * (writes on, and manage_incidents or add_note_to_incident in its toolsets / allowed tools). */
  cardActions: Toolbox;
  /** Which of the card's writes the configuration enables. */
  writes: { status: boolean; note: boolean };
  /** The SDK otherwise builds a JSON Schema validator (Ajv) per server: a third of an HTTP request's set-up. */
  validator: AjvJsonSchemaValidator;
}

export function createServerParts(config: ServerConfig): ServerParts {
  const reader = createToolbox({ enableWrites: false, toolsets: [...TOOLSETS], structuredOutput: true });
  // The card calls its writes by classic name, whatever surface the model is offered.
  const cardWriter = createToolbox({ ...config, toolSurface: 'classic', structuredOutput: true });
  const writes = cardWrites(cardWriter);
  return {
    toolbox: createToolbox(config),
    reader,
    cardActions: new Toolbox([cardActionTool(cardWriter, reader)], { enableWrites: writes.status || writes.note, toolsets: ['incidents'] }, ['incidents']),
    writes,
    validator: new AjvJsonSchemaValidator(),
  };
}

/**
 * How a call asks the person, if the client can show a question: a 2026-07-28 request (its own _meta envelope) by
 * multi round-trip (multiRound.ts), a 2025 connection by an elicitation request. A state that does not verify
 * refuses the call before anything runs.
 */
interface Asking {
  elicit?: ToolContext['elicit'];
  round?: MultiRound;
  answers?: Record<string, ElicitResult>;
  refused?: { isError: true; content: { type: 'text'; text: string }[] };
}

function askingFor(server: McpServer, extra: ServerContext, caps: ClientCapabilities | undefined, token: string, name: string, args: unknown): Asking {
  // Form elicitation: an empty capability object means form mode (MCP 2025-06-18); url-only clients cannot answer forms.
  const elicitation = caps?.elicitation;
  if (!elicitation || (!elicitation.form && elicitation.url)) return {};
  if (!extra.mcpReq.envelope) {
    // A person answers, not a program: the SDK's 60 s request default is too short.
    const options = { relatedRequestId: extra.mcpReq.id, signal: extra.mcpReq.signal, timeout: ASK_TIMEOUT_MS };
    return { elicit: (params: ElicitRequestFormParams) => server.server.elicitInput(params, options) };
  }
  const round = new MultiRound(token, name, args);
  try {
    const answers = round.answers(extra.mcpReq.requestState(), extra.mcpReq.inputResponses);
    return { round, answers, elicit: round.elicit(answers) };
  } catch (error) {
    if (!(error instanceof StaleAnswers)) throw error;
    const text = `Nothing changed: ${error.message}. Call the tool again without inputResponses or requestState to be asked afresh.`;
    return { refused: { isError: true, content: [{ type: 'text', text }] } };
  }
}

export function createServer(config: ServerConfig, version: string, log?: (line: string) => void, parts = createServerParts(config)): McpServer {
  const { toolbox, reader, cardActions, writes, validator } = parts;
  const client = createClient(config, log);
  const server = new McpServer(
    { name: SERVER_NAME, title: 'PagerDuty', version },
    { instructions: INSTRUCTIONS, capabilities: { tools: { listChanged: false } }, jsonSchemaValidator: validator },
  );
  registerPrompts(server, new Set(toolbox.enabled().map((t) => t.name)), (text) => inSurfaceTerms(text, toolbox));
  const stopWatch = registerResources(server, reader, client, config.resourcePollMs, config.noToken);
  server.server.onclose = () => stopWatch();
  // A 2026-07-28 request brings its capabilities in its own _meta; a 2025 connection declared them at initialize.
  const capabilities = (ctx?: ServerContext): ClientCapabilities | undefined => 
    ((ctx?.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? server.server.getClientCapabilities();
  const apps = (ctx?: ServerContext) => supportsApps(capabilities(ctx));
  // Registered before connecting: registered once the client is known, it cost every MCP Apps client a
  // resources/list_changed right after initialize. Only MCP Apps hosts can read it (registerCard).
  registerCard(server, apps);

  // Tools are published from our own registry rather than McpServer.registerTool, so that schemas stay flat
  // (no $ref) and argument errors name the offending argument.
  server.server.setRequestHandler('tools/list', (_request, ctx) => {
    const tools = apps(ctx) ? withCard(toolbox.publish(), cardActions.publish()) : toolbox.publish();
    flushCompileCache();
    // Our schemas are JSON Schema objects built by the registry (always type "object"), typed there as plain records.
    return { tools } as ListToolsResult;
  });
  server.server.setRequestHandler('tools/call', async (request, extra) => {
    if (!client) {
      return {
        isError: true,
        content: [{ type: 'text' as const, text: config.noToken ?? NO_TOKEN }],
      };
    }
    const { name, arguments: args } = request.params;
    const asking = askingFor(server, extra, capabilities(extra), config.token ?? '', name, args);
    if (asking.refused) return asking.refused;
    const ctx: ToolContext = { client, signal: extra.mcpReq.signal, now: () => new Date(), elicit: asking.elicit };
    const run = () => {
      const routed = apps(extra) ? toolbox.route(name, args) : undefined;
      if (routed && CARD_TOOLS.includes(routed.tool)) return callWithCard(routed, reader, ctx, { keepStructured: config.structuredOutput, ...writes });
      if (apps(extra) && cardActions.enabled().some((t) => t.name === name)) return cardActions.call(name, args, ctx);
      return toolbox.call(name, args, ctx);
    };
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof InputNeeded) || !asking.round || !asking.answers) throw error;
      return inputRequired({ inputRequests: { [error.key]: inputRequired.elicit(error.params) }, requestState: asking.round.seal(asking.answers) });
    }
  });
  return server;
}
