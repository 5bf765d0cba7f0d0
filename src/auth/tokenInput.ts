// Cleans up what people paste into the sign-in box. No `vscode` import.

export interface CleanToken {
  token: string;
  /** The prefix that was removed ("Bearer", "Token token="), so the UI can explain it. */
  strippedPrefix?: string;
}

const PREFIX = /^\s*(?:authorization\s*:\s*)?(bearer\s+|token\s+token\s*=\s*)/i;

export function cleanToken(raw: string): CleanToken {
  let text = raw.trim().replace(/^["']|["']$/g, '').trim();
  const match = PREFIX.exec(text);
  let strippedPrefix: string | undefined;
  if (match) {
    strippedPrefix = /^bearer/i.test(match[1]) ? 'Bearer' : 'Token token=';
    text = text.slice(match[0].length).trim();
  }
  return { token: text, strippedPrefix };
}

/** A quick shape check before any network call: the same check the MCP server applies at start-up. */
export { tokenProblem } from '../pagerduty/token';
