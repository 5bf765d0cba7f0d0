/**
 * Prints the README's table of tools by toolset (read/write marks, default toolsets) from the registry itself;
 * `--write` replaces the block between the markers in README.md. test/unit/readme.test.ts checks it is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_TOOLS, DEFAULT_TOOLSETS } from '../src/mcp/tools';
import { EXTRA_TOOL_NAMES } from '../src/mcp/tools/incidentActions';
import { TOOLSETS } from '../src/mcp/tools/types';

export const BEGIN = '<!-- tools-table:begin -->';
export const END = '<!-- tools-table:end -->';

export function toolsTable(): string {
  const rows = TOOLSETS.map((set) => {
    const tools = ALL_TOOLS.filter((t) => t.toolset === set);
    const list = tools.map((t) => `\`${t.name}\`${t.access === 'write' ? ' ✎' : ''}${EXTRA_TOOL_NAMES.has(t.name) ? ' (extra)' : ''}`).join(', ');
    return `| \`${set}\` | ${DEFAULT_TOOLSETS.includes(set) ? 'yes' : ''} | ${tools.filter((t) => t.access === 'read').length} / ${tools.filter((t) => t.access === 'write').length} | ${list} |`;
  });
  const reads = ALL_TOOLS.filter((t) => t.access === 'read').length;
  return [
    BEGIN,
    `${ALL_TOOLS.length} tools: ${reads} read, ${ALL_TOOLS.length - reads} write (✎, listed only with write tools enabled); ${EXTRA_TOOL_NAMES.size} are extras beyond PagerDuty's official server, marked (extra).`,
    '',
    '| toolset | on by default | read / write | tools |',
    '|---|---|---|---|',
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
