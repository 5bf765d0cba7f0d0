import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, CONTEXT_KEYS, LM_TOOLS, PANELS, VIEWS } from '../../src/contributions';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { view: string; when?: string }[];
    languageModelTools: { name: string; toolReferenceName?: string; canBeReferencedInPrompt?: boolean; displayName: string; userDescription: string; modelDescription: string }[];
  };
};
const nls = JSON.parse(readFileSync(path.join(__dirname, '../../package.nls.json'), 'utf8')) as Record<string, string>;
const sorted = (list: Iterable<string>) => [...new Set(list)].sort();

describe('src/contributions.ts matches package.json', () => {
  it('declares exactly the commands package.json contributes', () => {
    assert.deepEqual(sorted(Object.values(COMMANDS)), sorted(manifest.contributes.commands.map((c) => c.command)));
  });

  it('declares exactly the views package.json contributes', () => {
    assert.deepEqual(sorted(Object.values(VIEWS)), sorted(Object.values(manifest.contributes.views).flat().map((v) => v.id)));
  });

  it('menus name only contributed commands, and `when` clauses only known views and context keys', () => {
    const c = manifest.contributes;
    const menuItems = Object.values(c.menus).flat();
    for (const item of menuItems) assert.ok((Object.values(COMMANDS) as string[]).includes(item.command), item.command);
    const whens = [...menuItems, ...c.viewsWelcome].map((i) => i.when ?? '');
    const known = new Set<string>([...Object.values(VIEWS), ...Object.values(CONTEXT_KEYS), ...Object.values(PANELS)]);
    for (const key of whens.flatMap((w) => w.match(/pagerduty\.[\w.]+/g) ?? [])) assert.ok(known.has(key), `unknown id in a when clause: ${key}`);
  });

  it('declares exactly the language-model tools package.json contributes, each with its texts in package.nls.json', () => {
    const tools = manifest.contributes.languageModelTools;
    assert.deepEqual(sorted(Object.values(LM_TOOLS)), sorted(tools.map((t) => t.name)));
    for (const tool of tools) {
      // Referenced by the agent's tools: list and by #name in a prompt.
      assert.equal(tool.toolReferenceName, tool.name);
      assert.equal(tool.canBeReferencedInPrompt, true);
      for (const text of [tool.displayName, tool.userDescription]) {
        const key = /^%(.+)%$/.exec(text)?.[1];
        assert.ok(key && nls[key], `${tool.name}: "${text}" must be a package.nls.json key`);
      }
      assert.ok(tool.modelDescription.length > 100, `${tool.name}: the model learns when to use it`);
    }
  });
});
