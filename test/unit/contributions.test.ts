import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, CONTEXT_KEYS, PANELS, VIEWS } from '../../src/contributions';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { view: string; when?: string }[];
  };
};
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
});
