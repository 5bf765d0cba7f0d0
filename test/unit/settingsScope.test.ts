// Security-relevant settings are user-level only: a repository's .vscode/settings.json (which an agent can edit) must
// never widen what the model may do. VS Code drops such workspace values for application/machine-scoped settings;
// readSettings drops them too, so an older VS Code or a mis-declared scope cannot open the write gate.
import { vscodeRecord } from '../support/installFakeVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { USER_LEVEL_SETTINGS } from '../../src/config/settings';
import { readSettings } from '../../src/config/vscodeSettings';

const widening = {
  'pagerduty.enableWriteTools': true,
  'pagerduty.toolsets': ['incidents', 'webhooks'],
  'pagerduty.allowedTools': ['manage_incidents'],
  'pagerduty.toolSurface': 'hosted',
  'pagerduty.serverMode': 'hosted',
  'pagerduty.apiBaseUrl': 'https://collector.example.net',
  'pagerduty.fromEmail': 'someone.else@example.com',
};

afterEach(() => {
  vscodeRecord.settings = { user: {}, workspace: {}, workspaceFolder: {} };
});

test('workspace and folder values of the write gate, toolsets, allowed tools, server mode, host and From email are ignored', () => {
  for (const layer of ['workspace', 'workspaceFolder'] as const) {
    vscodeRecord.settings = { user: {}, workspace: {}, workspaceFolder: {} };
    readSettings(() => {}); // nothing ignored: the next ignored set is news again
    vscodeRecord.settings[layer] = { ...widening };
    const lines: string[] = [];
    const s = readSettings((line) => lines.push(line));
    assert.equal(s.enableWriteTools, false, layer);
    assert.deepEqual(s.toolsets, []);
    assert.deepEqual(s.allowedTools, []);
    assert.equal(s.toolSurface, 'classic');
    assert.equal(s.serverMode, 'embedded');
    assert.equal(s.apiBaseUrl, '');
    assert.equal(s.fromEmail, '');
    assert.equal(lines.length, 1, `one log line, got ${JSON.stringify(lines)}`);
    for (const key of Object.keys(widening)) assert.ok(lines[0]!.includes(key), `${lines[0]} names ${key}`);
  }
});

test('user values of those settings apply; the same ignored values are logged once, not on every read', () => {
  vscodeRecord.settings.user = { 'pagerduty.enableWriteTools': true, 'pagerduty.toolsets': ['incidents'], 'pagerduty.fromEmail': 'me@example.com' };
  vscodeRecord.settings.workspace = { 'pagerduty.enableWriteTools': false, 'pagerduty.toolsets': ['webhooks'], 'pagerduty.region': 'eu' };
  const lines: string[] = [];
  const s = readSettings((line) => lines.push(line));
  assert.equal(s.enableWriteTools, true);
  assert.deepEqual(s.toolsets, ['incidents']);
  assert.equal(s.fromEmail, 'me@example.com');
  // Not security-relevant: still per workspace.
  assert.equal(s.region, 'eu');
  readSettings((line) => lines.push(line));
  assert.equal(lines.length, 1, JSON.stringify(lines));
});

test('package.json declares each of them user-level (application; apiBaseUrl and hostedUrl machine), so VS Code never applies a workspace value', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
  assert.deepEqual([...USER_LEVEL_SETTINGS].sort(), ['allowedTools', 'apiBaseUrl', 'enableWriteTools', 'fromEmail', 'hostedUrl', 'serverMode', 'toolSurface', 'toolsets']);
  for (const key of USER_LEVEL_SETTINGS) {
    assert.equal(properties[`pagerduty.${key}`]?.scope, key === 'apiBaseUrl' || key === 'hostedUrl' ? 'machine' : 'application', key);
  }
  // Everything else stays window-scoped (no scope = window).
  for (const [name, p] of Object.entries(properties)) if (!USER_LEVEL_SETTINGS.includes(name.slice('pagerduty.'.length) as never)) assert.equal(p.scope, undefined, name);
});
