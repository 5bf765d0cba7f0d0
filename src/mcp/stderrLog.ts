import { redact } from '../pagerduty/redact';

/** The server's diagnostics go to stderr (stdout is the protocol); VS Code shows them in the server's output. */
export function log(line: string): void {
  process.stderr.write(`[pagerduty-mcp] ${redact(line)}\n`);
}
