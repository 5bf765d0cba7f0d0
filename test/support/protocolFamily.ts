/**
 * Which MCP protocol family a test run speaks. `PD_MCP_PROTOCOL=2026-07-28` (npm run test:mcp:2026) runs the MCP suite
 * through the SDK's v2 client pinned to 2026-07-28 (server/discover, per-request _meta, multi round-trip answers);
 * unset, through the v1 client with the 2025-11-25 handshake, as VS Code 1.139 and other 2025 clients connect.
 */
import { Client as Client2025 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as Stdio2025, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as Http2025 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ClientCapabilities, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { Client as Client2026, StreamableHTTPClientTransport as Http2026, type ClientCapabilities as Capabilities2026 } from '@modelcontextprotocol/client';
import { StdioClientTransport as Stdio2026 } from '@modelcontextprotocol/client/stdio';

export const MODERN_VERSION = '2026-07-28';
/** True when this run speaks 2026-07-28. */
export const MODERN = process.env.PD_MCP_PROTOCOL === MODERN_VERSION;
/** For tests of what only the 2025 family has (server-sent notifications in a session): skipped under 2026-07-28, saying so. */
export const ONLY_2025 = MODERN ? 'a 2025-11-25 session feature: 2026-07-28 has no sessions (see protocol2026.test.ts)' : false;

/** For tests that speak both families themselves: run once, in the 2025 run (npm run test:mcp). */
export const BOTH_FAMILIES = MODERN ? 'speaks both families itself: runs in npm run test:mcp' : false;

export interface ClientOptions {
  name: string;
  capabilities?: ClientCapabilities;
  /** Answers the server's questions (elicitation/create), in either family: a 2025 server request or a 2026 input request. */
  elicit?: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;
  /** Force a family, whatever the run's. */
  modern?: boolean;
}

/**
 * An MCP client of the run's family, typed as the v1 Client the tests were written against: the calls they make
 * (listTools, callTool, readResource, getPrompt, …) have the same shape in both.
 */
function client(options: ClientOptions): Client2025 {
  const capabilities = { ...options.capabilities, ...(options.elicit ? { elicitation: { form: {} } } : {}) } as Capabilities2026;
  const elicit = options.elicit;
  if (options.modern ?? MODERN) {
    const c = new Client2026({ name: options.name, version: '1.0.0' }, { capabilities, versionNegotiation: { mode: { pin: MODERN_VERSION } } });
    if (elicit) c.setRequestHandler('elicitation/create', (request) => elicit(request as ElicitRequest) as never);
    return c as unknown as Client2025;
  }
  const c = new Client2025({ name: options.name, version: '1.0.0' }, { capabilities: { ...options.capabilities, ...(elicit ? { elicitation: {} } : {}) } });
  if (elicit) c.setRequestHandler(ElicitRequestSchema, (request) => elicit(request));
  return c;
}

/** A client over stdio, and its transport (to read the server's stderr and pid). */
export function stdioClient(server: StdioServerParameters, options: ClientOptions): { client: Client2025; transport: Stdio2025 } {
  const modern = options.modern ?? MODERN;
  const transport = modern ? (new Stdio2026(server) as unknown as Stdio2025) : new Stdio2025(server);
  return { client: client(options), transport };
}

/** A connected client over Streamable HTTP, sending `headers` on every request. */
export async function httpClient(url: string, headers: Record<string, string>, options: ClientOptions): Promise<Client2025> {
  const c = client(options);
  const modern = options.modern ?? MODERN;
  const transport = modern ? new Http2026(new URL(url), { requestInit: { headers } }) : new Http2025(new URL(url), { requestInit: { headers } });
  await c.connect(transport as Http2025);
  return c;
}
