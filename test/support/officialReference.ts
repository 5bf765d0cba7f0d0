/**
 * PagerDuty's official MCP server as the tests know it: tool names, read/write and parameters, kept in the repository
 * (fixtures/official-pagerduty-mcp-tools.md) so a clone tests on its own. The shared reference it was taken from is
 * read only to hold the fixture against it, where ../shared is beside the checkout.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The rows `name | R/W | parameters`, under their `## area` headings. */
export function officialToolsReference(): string {
  return readFileSync(path.join(__dirname, 'fixtures/official-pagerduty-mcp-tools.md'), 'utf8');
}

/** The shared reference the fixture was taken from, or undefined in a clone without ../shared. */
export function sharedOfficialToolsReference(): string | undefined {
  const file = path.resolve(__dirname, '../../../shared/reference/official-pagerduty-mcp-tools.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
