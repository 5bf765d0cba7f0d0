/** The extension's settings reach the spawned server through its environment: what goes in must come out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchSettings, serverEnv } from '../../src/config/serverLaunch';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/settings';
import { parseConfig } from '../../src/mcp/config';
import { decodeFlag, decodeList, encodeLaunchEnv, type LaunchSettings } from '../../src/mcp/launchEnv';

const CASES: Partial<Settings>[] = [
  {},
  { region: 'eu', enableWriteTools: true },
  { apiBaseUrl: 'http://127.0.0.1:9', fromEmail: 'oncall@example.com', toolsets: ['incidents', 'oncall', 'schedules_v3'] },
  { allowedTools: ['get_incident', 'list_incidents'], toolsets: ['incidents'] },
  { toolSurface: 'hosted', allowedTools: ['browse_incidents', 'list_priorities'] },
];

function readBack(env: Record<string, string>): LaunchSettings {
  const config = parseConfig([], env);
  assert.ok(config !== 'help');
  const { region, apiHost, fromEmail, enableWrites, toolsets, allowTools, toolSurface } = config;
  return { region, apiHost, fromEmail, enableWrites, toolsets, allowTools, toolSurface };
}

test('settings written into the environment are read back by the server unchanged', () => {
  for (const partial of CASES) {
    const settings = { ...DEFAULT_SETTINGS, ...partial };
    assert.deepEqual(readBack(serverEnv(settings)), launchSettings(settings), JSON.stringify(partial));
  }
});

test('the codec alone round-trips, and empty lists stay out of the environment', () => {
  const s: LaunchSettings = { region: 'us', enableWrites: false, toolsets: ['incidents'], allowTools: ['get_incident'] };
  assert.deepEqual(readBack(encodeLaunchEnv(s)), { ...s, apiHost: undefined, fromEmail: undefined, toolSurface: 'classic' });
  assert.deepEqual(Object.keys(encodeLaunchEnv({ region: 'eu', enableWrites: true, toolsets: [], allowTools: [] })).sort(), ['PAGERDUTY_ENABLE_WRITE_TOOLS', 'PAGERDUTY_REGION']);
});

test('lists and flags decode as people write them by hand', () => {
  assert.deepEqual(decodeList(' a, b ,,c '), ['a', 'b', 'c']);
  assert.equal(decodeList(' , '), undefined);
  assert.equal(decodeFlag('YES'), true);
  assert.equal(decodeFlag('false'), false);
  assert.equal(decodeFlag(undefined), false);
});
