/**
 * Prints the README's table of tools by toolset (the toolset table, read/write marks) from the registry itself;
 * `--write` replaces the block between the markers in README.md. test/unit/readme.test.ts checks it is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HOSTED_FORM } from '../src/mcp/hosted/table';
import { ALL_TOOLS, EXTRA_TOOL_NAMES } from '../src/mcp/tools';
import { TOOLSET_TABLE } from '../src/mcp/tools/toolsets';
import { isWrite } from '../src/mcp/tools/types';

export const BEGIN = '<!-- tools-table:begin -->';
export const END = '<!-- tools-table:end -->';

/** Options that widen a call beyond the official tool, after its name: " (+`include_integrations`)". */
function options(names: readonly string[] | undefined): string {
  return names?.length ? ` (+${names.map((n) => `\`${n}\``).join(', +')})` : '';
}

export function toolsTable(): string {
  const rows = TOOLSET_TABLE.map(({ id: set, byDefault, description }) => {
    const tools = ALL_TOOLS.filter((t) => t.toolset === set);
    // How the hosted surface reaches it: `browse_incidents` `list` (`context` rows add their context_type).
    const hosted = (name: string) => {
      const at = HOSTED_FORM.get(name);
      return at ? ` → \`${at.tool}\` \`${at.row.action}\`${at.row.when ? ` ${at.row.when.value}` : ''}` : '';
    };
    const list = tools.map((t) => `\`${t.name}\`${isWrite(t) ? ' ✎' : ''}${t.extra ? ' (extra)' : ''}${options(t.addedOptions)}${hosted(t.name)}`).join(', ');
    return `| \`${set}\` | ${byDefault ? 'yes' : ''} | ${description} | ${tools.filter((t) => !isWrite(t)).length} / ${tools.filter(isWrite).length} | ${list} |`;
  });
  const reads = ALL_TOOLS.filter((t) => !isWrite(t)).length;
  return [
    BEGIN,
    `${ALL_TOOLS.length} tools: ${reads} read, ${ALL_TOOLS.length - reads} write (✎, listed only with write tools enabled); ${EXTRA_TOOL_NAMES.size} are extras beyond PagerDuty's official server, marked (extra). (+\`option\`): an optional argument beyond the official tool's that widens one call's answer.`,
    `With \`--tool-surface hosted\` (see [the hosted tool surface](#the-hosted-tool-surface)), a tool marked → \`tool\` \`action\` is reached as that hosted tool with that \`request.action\`; the ${ALL_TOOLS.length - HOSTED_FORM.size} others keep their classic name.`,
    '',
    '| toolset | on by default | what it covers | read / write | tools |',
    '|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
}

if (require.main === module) {
  const readme = path.resolve(__dirname, '../README.md');
  if (process.argv.includes('--write')) {
    const text = readFileSync(readme, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < 0) throw new Error('README.md has no tools-table markers');
    writeFileSync(readme, text.slice(0, start) + toolsTable() + text.slice(end + END.length));
  } else {
    console.log(toolsTable());
  }
}
