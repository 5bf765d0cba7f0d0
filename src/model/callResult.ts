/** What a tool call gives back, to the MCP client and to in-process callers (sidebar, commands, the page, the card). */
export interface CallResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What the typed API (pagerdutyApi.ts) is built over: the session's callTool, or a toolbox per request (its token is opaque here). */
export type CallTool = (name: string, args: Record<string, unknown>, token?: unknown) => Promise<CallResult>;

/** The text of a result (a tool answers with one text part; joined in case a caller builds more). */
export function resultText(result: CallResult): string {
  return result.content.map((c) => c.text).join('\n');
}

/** Metadata key carrying the failure kind, so in-process callers (the sidebar) can react to 401/429 without parsing text. */
export const ERROR_KIND_META = 'pagerduty/errorKind';
