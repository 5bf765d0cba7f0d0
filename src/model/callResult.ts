/** What a tool call gives back, to the MCP client and to in-process callers (sidebar, commands, the page, the card). */
export interface CallResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The text of a result (a tool answers with one text part; joined in case a caller builds more). */
export function resultText(result: CallResult): string {
  return result.content.map((c) => c.text).join('\n');
}

/**
 * Why a call did not do what was asked: its error text, or the first per-item failure of a bulk answer such as
 * manage_incidents, which reports a refused incident as a result line rather than an error. Undefined when it did.
 */
export function failureOf(result: CallResult, fallback = 'PagerDuty reported an error.'): string | undefined {
  if (result.isError) return resultText(result) || fallback;
  const failed = (result.structuredContent?.results as { ok?: boolean; error?: string }[] | undefined)?.find((r) => r.ok === false);
  return failed ? (failed.error ?? fallback) : undefined;
}

/** Metadata key carrying the failure kind, so in-process callers (the sidebar) can react to 401/429 without parsing text. */
export const ERROR_KIND_META = 'pagerduty/errorKind';
