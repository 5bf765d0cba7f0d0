import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { toolsTable } from '../../scripts/tools-table';
import { ALL_TOOLS, EXTRA_TOOL_NAMES } from '../../src/mcp/tools';
import { isWrite } from '../../src/mcp/tools/types';
import { officialToolsReference } from '../support/officialReference';
import { ANSWER_MAX_CHARS, FIELD_MAX_CHARS } from '../../src/model/untrusted';

it('the README lists every tool, by toolset, as the registry defines them', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  assert.ok(readme.includes(toolsTable()), 'README tools table is stale: run `npx tsx scripts/tools-table.ts --write`');
  for (const tool of ALL_TOOLS) assert.ok(readme.includes(`\`${tool.name}\``), `${tool.name} missing from README`);
});

it('keeps every tool name of PagerDuty’s official server', () => {
  const reference = officialToolsReference();
  const official = [...reference.matchAll(/^([a-z_0-9]+) \| [RW] \|/gm)].map((m) => m[1]);
  assert.equal(official.length, 103, 'the reference lists 103 tools');
  const ours = new Set(ALL_TOOLS.map((t) => t.name));
  assert.deepEqual(official.filter((name) => !ours.has(name)), [], 'official tool names we lack');
  const extra = [...ours].filter((name) => !official.includes(name));
  assert.deepEqual(extra, [...EXTRA_TOOL_NAMES], 'tools beyond the official set must be declared as extras (EXTRA_TOOL_NAMES), which the README table marks');
  // Read/write parity: a tool that writes there must not be read-only here, and the reverse.
  for (const m of reference.matchAll(/^([a-z_0-9]+) \| ([RW]) \|/gm)) {
    const tool = ALL_TOOLS.find((t) => t.name === m[1])!;
    assert.ok(!EXTRA_TOOL_NAMES.has(m[1]), `${m[1]} is official, not an extra`);
    assert.equal(isWrite(tool), m[2] === 'W', `${m[1]} access`);
  }
});

describe('the README on answer caps', () => {
  it('states the caps the code applies', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Reliability and safety'), readme.indexOf('## Figures'));
    assert.ok(section.includes(`at most \`${ANSWER_MAX_CHARS}\` characters`), 'answer cap');
    assert.ok(section.includes(`at most \`${FIELD_MAX_CHARS}\``), 'field cap');
    assert.match(section, /Token rules/);
  });
});
