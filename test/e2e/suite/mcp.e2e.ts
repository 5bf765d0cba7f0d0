// The PagerDuty MCP server as Copilot sees it: listed by our provider, started by VS Code, tools in vscode.lm.tools,
// invoked through vscode.lm.invokeTool (the agent-mode path). Runs after signIn.e2e.ts has signed in.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { after, retry, screenshot, suite, test } from '../runner';
import { extensionApi, simulatorGet, waitFor } from './env';
import { record } from './transcript';

/** VS Code names MCP tools `mcp_<server>_<tool>`; match on the suffix so the prefix format may change. */
const pdTools = () => vscode.lm.tools.filter((t) => /^mcp_pagerduty_/i.test(t.name));
const findTool = (tool: string) => pdTools().find((t) => t.name.endsWith(`_${tool}`));

/**
 * Internal command. Called before VS Code has collected the provider's definitions it returns at once and starts
 * nothing, without throwing, so the start and the check for live tools are retried together.
 */
async function startServer(expectTool = 'list_incidents'): Promise<void> {
  await retry(
    async () => {
      await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true, autoTrustChanges: true });
      if (!findTool(expectTool)) throw new Error(`${expectTool} is not in vscode.lm.tools yet`);
    },
    { timeout: 60_000 },
  );
}

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

suite('MCP server for Copilot', () => {
  test('the provider lists the server without a token in its definition', async () => {
    const api = await extensionApi();
    const [definition] = api.mcp.provideMcpServerDefinitions();
    assert.ok(definition instanceof vscode.McpStdioServerDefinition);
    assert.equal(definition.label, 'PagerDuty');
    assert.match(definition.args.at(-1)!, /dist[\\/]mcp-server\.js$/);
    assert.equal(definition.env.ELECTRON_RUN_AS_NODE, '1');
    assert.ok(!('PAGERDUTY_USER_API_KEY' in definition.env));
    assert.match(definition.version ?? '', /^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    // The incident card's page ships beside the server (in the .vsix too), which reads it for MCP Apps hosts.
    assert.ok(existsSync(join(dirname(definition.args.at(-1)!), 'mcp-apps', 'incident-card.html')), 'dist/mcp-apps/incident-card.html is installed');
  });

  test('the server starts and its read tools appear in vscode.lm.tools', async () => {
    await startServer();
    const listIncidents = await waitFor('mcp_pagerduty_*_list_incidents in vscode.lm.tools', () => findTool('list_incidents'), 60_000);
    console.log(`${pdTools().length} PagerDuty tools, e.g. ${listIncidents.name}`);
    assert.ok(pdTools().length >= 20, `expected the default toolsets, got ${pdTools().length} tools`);
    for (const write of ['create_incident', 'manage_incidents', 'add_note_to_incident']) {
      assert.equal(findTool(write), undefined, `${write} must be hidden while write tools are off`);
    }
    // Node's compile cache, in the extension's own storage (src/mcp/compileCache.ts): written once tools/list was answered.
    const api = await extensionApi();
    const [definition] = api.mcp.provideMcpServerDefinitions();
    assert.ok(definition instanceof vscode.McpStdioServerDefinition);
    const cacheDir = String(definition.env.PAGERDUTY_MCP_COMPILE_CACHE_DIR ?? '');
    assert.match(cacheDir, /[\\/]globalStorage[\\/]pagerduty-vscode\.pagerduty-vscode[\\/]compile-cache$/i, 'in the extension storage');
    const cached = await waitFor('a compile cache file in the extension storage', () =>
      cacheDir && existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true, withFileTypes: true }).find((e) => e.isFile()) : undefined,
    );
    console.log(`compile cache: ${join(cached.parentPath, cached.name)}`);
    assert.equal(statSync(cacheDir).mode & 0o077, 0, 'a folder only this user can use');
  }, { timeout: 90_000 });

  test('a workspace .vscode/settings.json enabling writes offers no write tool', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test window has a workspace folder');
    const before = api.mcp.provideMcpServerDefinitions()[0]!.version;
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    // As a repository (or an agent editing it, CVE-2025-53773) would; refreshIntervalSeconds is window-scoped and
    // tells when VS Code has read the file.
    const attack = { 'pagerduty.enableWriteTools': true, 'pagerduty.toolsets': ['incidents', 'webhooks'], 'pagerduty.refreshIntervalSeconds': 77 };
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(attack)));
    try {
      await waitFor('VS Code reads the workspace settings', () => vscode.workspace.getConfiguration('pagerduty').get('refreshIntervalSeconds') === 77);
      const definition = api.mcp.provideMcpServerDefinitions()[0] as vscode.McpStdioServerDefinition;
      assert.equal(definition.env.PAGERDUTY_ENABLE_WRITE_TOOLS, 'false');
      assert.equal(definition.env.PAGERDUTY_TOOLSETS, undefined);
      assert.equal(definition.version, before, 'the launch is unchanged');
      await retry(() => vscode.commands.executeCommand('workbench.mcp.restartServer', api.mcp.serverId, { autoTrustChanges: true }), { timeout: 20_000 });
      await startServer();
      for (const write of ['create_incident', 'manage_incidents', 'add_note_to_incident', 'create_webhook_subscription']) {
        assert.equal(findTool(write), undefined, `${write} must not be offered because of a workspace setting`);
      }
    } finally {
      await vscode.workspace.fs.delete(file);
      await waitFor('VS Code drops the workspace settings', () => vscode.workspace.getConfiguration('pagerduty').get('refreshIntervalSeconds') !== 77);
    }
  }, { timeout: 120_000 });

  test('invokeTool(list_incidents) returns the simulator\'s incidents', async () => {
    const tool = findTool('list_incidents');
    assert.ok(tool, 'list_incidents is listed');
    const result = await vscode.lm.invokeTool(tool.name, { input: {}, toolInvocationToken: undefined });
    const body = text(result);
    record(`invokeTool ${tool.name}`, body);
    const { incidents } = await simulatorGet<{ incidents: { id: string; title: string }[] }>(
      '/incidents?limit=100&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged',
    );
    assert.ok(incidents.length > 0, 'the simulator has open incidents');
    const seen = incidents.filter((i) => body.includes(i.id));
    assert.ok(seen.length > 0, `no simulator incident id in the tool result:\n${body.slice(0, 500)}`);
    console.log(`list_incidents returned ${seen.length} of the simulator's ${incidents.length} open incidents`);
  }, { timeout: 60_000 });

  test('screenshots: MCP: List Servers, and the server output with its tool count', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    void vscode.commands.executeCommand('workbench.mcp.listServer'); // resolves only when a server is picked
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('docs/mcp-list-servers.png');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.mcp.showOutput', api.mcp.serverId);
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('docs/mcp-server-output.png');
  }, { timeout: 30_000 });

  test('write tools appear only after enabling pagerduty.enableWriteTools', async () => {
    const api = await extensionApi();
    const before = api.mcp.provideMcpServerDefinitions()[0]!.version;
    await vscode.workspace.getConfiguration('pagerduty').update('enableWriteTools', true, vscode.ConfigurationTarget.Global);
    const definition = api.mcp.provideMcpServerDefinitions()[0] as vscode.McpStdioServerDefinition;
    assert.notEqual(definition.version, before, 'a new version makes VS Code drop its cached tool list');
    assert.equal(definition.env.PAGERDUTY_ENABLE_WRITE_TOOLS, 'true');
    await retry(() => vscode.commands.executeCommand('workbench.mcp.restartServer', api.mcp.serverId, { autoTrustChanges: true }), { timeout: 20_000 });
    await startServer('create_incident');
    await waitFor('create_incident after enabling writes', () => findTool('create_incident'), 60_000);
    assert.ok(findTool('manage_incidents'), 'manage_incidents is listed with writes on');
  }, { timeout: 120_000 });

  test('after sign-out the server is stopped and is not given a token', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('pagerduty.signOut');
    await waitFor('signed-out session', () => api.session.state === 'signedOut');
    const [definition] = api.mcp.provideMcpServerDefinitions() as vscode.McpStdioServerDefinition[];
    assert.ok(!('PAGERDUTY_USER_API_KEY' in definition!.env));
    // With a cancelled token resolve must not prompt; it must refuse to start without a token.
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    assert.equal(await api.mcp.resolveMcpServerDefinition(definition!, cancelled.token), undefined);
    const result = await api.session.callTool('list_incidents', {});
    record('callTool list_incidents (signed out)', JSON.stringify(result));
    assert.equal(result.isError, true);
    assert.match(result.content[0]!.text, /Not signed in/);
  }, { timeout: 30_000 });

  after(async () => {
    await vscode.workspace.getConfiguration('pagerduty').update('enableWriteTools', undefined, vscode.ConfigurationTarget.Global);
  });
});
