/** The toolset table in src/mcp/tools/toolsets.ts is the one source: --help and package.json follow it (the README table is generated from it and checked by readme.test.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { HELP } from '../../src/mcp/config';
import { ALL_TOOLS } from '../../src/mcp/tools';
import { TOOLSET_TABLE, TOOLSETS } from '../../src/mcp/tools/toolsets';

it('package.json offers exactly the toolsets of the table, in its order', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties?.['pagerduty.toolsets'] ?? pkg.contributes.configuration.find?.((c: any) => c.properties?.['pagerduty.toolsets'])?.properties['pagerduty.toolsets'];
  assert.deepEqual(setting.items.enum, [...TOOLSETS]);
});

it('--help lists every toolset with its default and description', () => {
  for (const t of TOOLSET_TABLE) {
    assert.match(HELP, new RegExp(`^  ${t.id} +${t.byDefault ? '\\*' : ' '} ${t.description.replace(/[()]/g, '\\$&')}$`, 'm'), t.id);
  }
});

it('every toolset has tools and every tool a listed toolset', () => {
  for (const id of TOOLSETS) assert.ok(ALL_TOOLS.some((tool) => tool.toolset === id), `${id} has no tools`);
});
