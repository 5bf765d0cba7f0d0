/**
 * What Copilot sees of each tool (published name, title, description, input schema, annotations), snapshotted one
 * JSON file per tool, so a changed description, enum or required field shows in review as a diff.
 * Rewrite them on purpose with UPDATE_TOOLSNAPS=true.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { createToolbox } from '../../src/mcp/server';
import { TOOLSETS } from '../../src/mcp/tools/types';

const DIR = path.resolve(__dirname, '../mcp/__toolsnaps__');
const UPDATE = process.env.UPDATE_TOOLSNAPS === 'true';

function snapshots(): Map<string, string> {
  const tools = createToolbox({ enableWrites: true, toolsets: [...TOOLSETS] }).publish();
  return new Map(
    tools.map(({ name, title, description, inputSchema, annotations }) => [
      name,
      `${JSON.stringify({ name, title, description, inputSchema, annotations }, null, 2)}\n`,
    ]),
  );
}

it('every published tool matches its snapshot (UPDATE_TOOLSNAPS=true rewrites them)', () => {
  const current = snapshots();
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    for (const file of readdirSync(DIR)) if (!current.has(file.replace(/\.json$/, ''))) rmSync(path.join(DIR, file));
    for (const [name, text] of current) writeFileSync(path.join(DIR, `${name}.json`), text);
  }
  const problems: string[] = [];
  for (const [name, text] of current) {
    const file = path.join(DIR, `${name}.json`);
    if (!existsSync(file)) problems.push(`${name}: no snapshot`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`${name}: differs from ${path.relative(process.cwd(), file)}`);
  }
  for (const file of existsSync(DIR) ? readdirSync(DIR) : []) {
    if (!current.has(file.replace(/\.json$/, ''))) problems.push(`${file}: snapshot of a tool that is no longer published`);
  }
  assert.deepEqual(problems, [], 'tool schemas changed: review the difference, then run UPDATE_TOOLSNAPS=true node --import tsx --test test/unit/toolsnaps.test.ts');
});
