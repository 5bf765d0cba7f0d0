import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLaunch, hostedUrlProblem, launchVersion, SERVER_NODE_FLAGS, TOKEN_ENV, withToken } from '../../src/config/serverLaunch';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../src/config/settings';
import { COMPILE_CACHE_DIR_ENV } from '../../src/mcp/launchEnv';

const inputs = (settings: Partial<Settings> = {}) => ({
  settings: { ...DEFAULT_SETTINGS, ...settings },
  extensionVersion: '1.2.3',
  serverScript: '/ext/dist/mcp-server.js',
  execPath: '/usr/bin/electron',
});

test('embedded launch runs the bundled server with the runtime as Node and only non-secret env', () => {
  const launch = buildLaunch(inputs({ apiBaseUrl: 'http://127.0.0.1:9', toolsets: ['incidents', 'oncall'], fromEmail: 'a@b.co' }));
  assert.equal(launch.kind, 'stdio');
  if (launch.kind !== 'stdio') return;
  assert.equal(launch.command, '/usr/bin/electron');
  assert.deepEqual(launch.args, [...SERVER_NODE_FLAGS, '/ext/dist/mcp-server.js']);
  assert.deepEqual(launch.env, {
    ELECTRON_RUN_AS_NODE: '1',
    PAGERDUTY_REGION: 'us',
    PAGERDUTY_ENABLE_WRITE_TOOLS: 'false',
    PAGERDUTY_API_HOST: 'http://127.0.0.1:9',
    PAGERDUTY_FROM_EMAIL: 'a@b.co',
    PAGERDUTY_TOOLSETS: 'incidents,oncall',
  });
  assert.ok(!(TOKEN_ENV in launch.env));
});

test('the compile cache folder VS Code names (its extension storage) reaches the server, and nothing when none is named', () => {
  const launch = buildLaunch({ ...inputs(), compileCacheDir: '/home/u/.vscode/globalStorage/pd/compile-cache' });
  assert.equal(launch.kind === 'stdio' && launch.env[COMPILE_CACHE_DIR_ENV], '/home/u/.vscode/globalStorage/pd/compile-cache');
  assert.equal(launch.version, buildLaunch(inputs()).version, 'where the cache lives changes no tool');
  const without = buildLaunch(inputs());
  assert.ok(without.kind === 'stdio' && !(COMPILE_CACHE_DIR_ENV in without.env));
});

test('the token is added only by withToken, without changing the version', () => {
  const launch = buildLaunch(inputs());
  const resolved = withToken(launch, 'u+secret-token');
  assert.equal(resolved.kind === 'stdio' && resolved.env[TOKEN_ENV], 'u+secret-token');
  assert.equal(resolved.version, launch.version);
  assert.ok(launch.kind === 'stdio' && !(TOKEN_ENV in launch.env), 'the unresolved launch is not mutated');
});

test('hosted mode targets the region\'s hosted MCP URL and sends the token only after resolve', () => {
  const launch = buildLaunch(inputs({ serverMode: 'hosted', region: 'eu' }));
  assert.deepEqual(launch.kind === 'http' && [launch.url, launch.headers], ['https://mcp.eu.pagerduty.com/mcp', {}]);
  const resolved = withToken(launch, 'tok123456');
  assert.deepEqual(resolved.kind === 'http' && resolved.headers, { Authorization: 'Token token=tok123456' });
});

test('hosted mode with pagerduty.hostedUrl targets a team\'s own server: https, or http to this machine only', () => {
  for (const url of ['https://pagerduty-mcp.example.com/mcp', 'http://127.0.0.1:3000/mcp', 'http://localhost:8080/mcp', 'http://[::1]:3000/mcp']) {
    const launch = buildLaunch(inputs({ serverMode: 'hosted', hostedUrl: url }));
    assert.deepEqual(launch.kind === 'http' && [launch.url, launch.problem], [url, undefined], url);
  }
  for (const [url, why] of [
    ['http://mcp.example.com/mcp', /cleartext http, which would send your token unencrypted/],
    ['http://mcp.localhost:3000/mcp', /cleartext http, which would send your token unencrypted/],
    ['ftp://mcp.example.com', /must be an https URL, got "ftp:"/],
    ['not a url', /"not a url" is not a URL; expected e\.g\. https:/],
    ['https://user:pw@mcp.example.com/mcp', /must not contain a user name or password/],
  ] as const) {
    const launch = buildLaunch(inputs({ serverMode: 'hosted', hostedUrl: url, region: 'eu' }));
    assert.ok(launch.kind === 'http');
    assert.match(launch.problem ?? '', why, url);
    assert.equal(launch.url, 'https://mcp.eu.pagerduty.com/mcp', 'never the refused URL');
    assert.equal(hostedUrlProblem(url), launch.problem);
  }
  // The embedded server ignores it; it changes the launch's version only where it matters to the tool cache.
  assert.equal(buildLaunch(inputs({ hostedUrl: 'http://mcp.example.com' })).kind, 'stdio');
  assert.notEqual(launchVersion('1.2.3', { ...DEFAULT_SETTINGS, hostedUrl: 'https://a.example/mcp' }), launchVersion('1.2.3', DEFAULT_SETTINGS));
  assert.equal(parseSettings((k) => (k === 'hostedUrl' ? '  https://a.example/mcp ' : undefined)).hostedUrl, 'https://a.example/mcp');
});

test('version changes with settings that affect the tools and not with view-only settings', () => {
  const base = launchVersion('1.2.3', DEFAULT_SETTINGS);
  assert.match(base, /^1\.2\.3\+[0-9a-f]{12}$/);
  assert.equal(launchVersion('1.2.3', { ...DEFAULT_SETTINGS }), base, 'stable');
  assert.notEqual(launchVersion('1.2.4', DEFAULT_SETTINGS), base, 'extension update');
  assert.notEqual(launchVersion('1.2.3', { ...DEFAULT_SETTINGS, enableWriteTools: true }), base, 'writes');
  assert.notEqual(launchVersion('1.2.3', { ...DEFAULT_SETTINGS, toolsets: ['incidents'] }), base, 'toolsets');
  assert.notEqual(launchVersion('1.2.3', { ...DEFAULT_SETTINGS, allowedTools: ['get_user_data'] }), base, 'allowed tools');
  assert.equal(launchVersion('1.2.3', { ...DEFAULT_SETTINGS, refreshIntervalSeconds: 300, notificationsEnabled: false }), base);
});

test('parseSettings falls back to defaults on hand-edited nonsense', () => {
  const raw: Record<string, unknown> = {
    region: 'mars',
    apiBaseUrl: '  http://x  ',
    enableWriteTools: 'yes',
    toolsets: ['incidents', 'bogus', 'incidents', 3],
    allowedTools: [' list_incidents ', ''],
    serverMode: 'cloud',
    refreshIntervalSeconds: 2,
    'notifications.enabled': undefined,
  };
  const s = parseSettings((k) => raw[k]);
  assert.deepEqual(s, {
    ...DEFAULT_SETTINGS,
    apiBaseUrl: 'http://x',
    toolsets: ['incidents'],
    allowedTools: ['list_incidents'],
    refreshIntervalSeconds: 15,
  });
});
