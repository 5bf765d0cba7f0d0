/**
 * The one table of settings (src/mcp/settingsTable.ts) against what declares them elsewhere: package.json's
 * `pagerduty.*` settings (type, default, values, scope, minimum, description), the README's table, and the server's
 * --help and flags, which are made from it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, SERVER_SETTING_KEYS, USER_LEVEL_SETTINGS } from '../../src/config/settings';
import { HELP, parseConfig } from '../../src/mcp/config';
import { fieldOf, SETTING_ROWS } from '../../src/mcp/settingsTable';
import { TOOLSETS } from '../../src/mcp/tools/toolsets';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const properties: Record<string, any> = manifest.contributes.configuration.properties;
const keyRows = SETTING_ROWS.filter((row) => row.key);
const JSON_TYPE = { boolean: 'boolean', string: 'string', enum: 'string', list: 'array', number: 'number', integer: 'integer' } as const;

describe('the settings table against package.json', () => {
  it('has a row for every pagerduty.* setting, and declares no other', () => {
    assert.deepEqual(keyRows.map((row) => `pagerduty.${row.key}`).sort(), Object.keys(properties).sort());
  });

  for (const row of keyRows) {
    it(`pagerduty.${row.key}: type, default, values, scope, minimum and a localised description agree`, () => {
      const p = properties[`pagerduty.${row.key}`];
      assert.equal(p.type, JSON_TYPE[row.type]);
      assert.deepEqual(p.default, row.default);
      assert.deepEqual(p.enum ?? p.items?.enum, row.values && [...row.values]);
      assert.equal(p.scope, row.scope);
      assert.equal(p.minimum, row.min);
      assert.equal(p.markdownDescription, `%config.${row.key}%`);
      assert.ok(nls[`config.${row.key}`], `package.nls.json has config.${row.key}`);
    });
  }

  it('what the table derives: defaults, the user-level settings and those that restart the server', () => {
    assert.deepEqual(parseSettings(() => undefined), DEFAULT_SETTINGS);
    for (const row of keyRows) assert.deepEqual((DEFAULT_SETTINGS as Record<string, unknown>)[fieldOf(row)], row.default, row.key);
    assert.deepEqual([...USER_LEVEL_SETTINGS].sort(), Object.keys(properties).filter((k) => properties[k].scope).map((k) => k.slice('pagerduty.'.length)).sort());
    assert.deepEqual([...SERVER_SETTING_KEYS], ['region', 'apiBaseUrl', 'enableWriteTools', 'toolsets', 'allowedTools', 'toolSurface', 'fromEmail', 'serverMode', 'hostedUrl']);
  });

  it('the README\'s configuration table names every setting', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const row of keyRows) assert.match(readme, new RegExp(`^\\| \`pagerduty\\.${row.key!.replace('.', '\\.')}\` \\|`, 'm'), row.key);
  });
});

describe('the server\'s --help and flags, from the same table', () => {
  for (const row of SETTING_ROWS.filter((r) => r.flag || r.env)) {
    it(`${row.flag ? `--${row.flag}` : row.env}: in --help with its description, and parsed`, () => {
      const head = [row.flag && `--${row.flag}${row.arg ? ` ${row.arg}` : ''}`, row.env].filter(Boolean).join('  ');
      assert.ok(HELP.includes(`  ${head}`), `--help shows ${head}`);
      assert.ok(HELP.replace(/\s+/g, ' ').includes(row.description), `--help describes ${head}`);
      if (!row.flag) return;
      const withHttp = row.http ? ['--http'] : [];
      // A value flag without its value is refused by name: the parser knows the flag.
      if (row.type !== 'boolean') assert.throws(() => parseConfig([...withHttp, `--${row.flag}`], {}), new RegExp(`--${row.flag} needs a value`));
      else assert.equal((parseConfig([`--${row.flag}`], {}) as unknown as Record<string, unknown>)[row.launch ?? row.server!], true);
    });
  }

  it('refuses what util.parseArgs would take but is not ours: positionals, short options, values on switches', () => {
    assert.throws(() => parseConfig(['serve'], {}), /^Error: Unexpected argument "serve"; see --help\.$/);
    assert.throws(() => parseConfig(['-r', 'eu'], {}), /Unexpected argument "-r"/);
    assert.throws(() => parseConfig(['--', '--region'], {}), /Unexpected argument "--"/);
    assert.throws(() => parseConfig(['--http=false'], {}), /--http takes no value/);
    assert.throws(() => parseConfig(['--region', '--toolsets', 'incidents'], {}), /--region needs a value/);
    assert.throws(() => parseConfig(['--tool-surface', 'mixed'], {}), /^Error: Tool surface must be "classic" or "hosted", got "mixed" \(--tool-surface \/ PAGERDUTY_TOOL_SURFACE\)\.$/);
    const config = parseConfig(['--region=eu', '--toolsets', 'all'], {});
    assert.ok(config !== 'help' && config.region === 'eu' && config.toolsets!.length === TOOLSETS.length);
  });
});
