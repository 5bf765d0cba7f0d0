// Hosted mode against a team's own deployment: pagerduty.serverMode "hosted" with pagerduty.hostedUrl pointing at
// `node dist/mcp-server.js --http` (started by scripts/e2e/run.ts against the simulator, behind a recording proxy).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { retry, suite, test } from '../runner';
import { e2e, extensionApi, simulatorGet, waitFor } from './env';
import { record } from './transcript';

const hostedUrl = () => {
  const url = process.env.E2E_HOSTED_URL;
  if (!url) throw new Error('E2E_HOSTED_URL is not set: run the hosted phase through scripts/e2e/run.ts');
  return url;
};
const pdTools = () => vscode.lm.tools.filter((t) => /^mcp_pagerduty_/i.test(t.name));
const findTool = (tool: string) => pdTools().find((t) => t.name.endsWith(`_${tool}`));

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

suite('hosted mode: our --http server at pagerduty.hostedUrl', () => {
  test('signs in and points the MCP definition at pagerduty.hostedUrl, without the token', async () => {
    const api = await extensionApi();
    const result = await vscode.commands.executeCommand<{ outcome: string }>('pagerduty.signIn', { token: e2e.userToken() });
    assert.equal(result.outcome, 'signedIn');
    await waitFor('signed-in session', () => api.session.state === 'signedIn');
    const config = vscode.workspace.getConfiguration('pagerduty');
    assert.equal(config.get('serverMode'), 'hosted');
    assert.equal(config.inspect('hostedUrl')?.defaultValue, '');
    const [definition] = api.mcp.provideMcpServerDefinitions();
    assert.ok(definition instanceof vscode.McpHttpServerDefinition, 'an HTTP definition');
    assert.equal(definition.uri.toString(true), hostedUrl());
    assert.deepEqual(Object.keys(definition.headers), [], 'no Authorization before VS Code resolves the server');
  });

  test('VS Code connects over Streamable HTTP and lists the read tools', async () => {
    await retry(
      async () => {
        await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true, autoTrustChanges: true });
        if (!findTool('list_incidents')) throw new Error('list_incidents is not in vscode.lm.tools yet');
      },
      { timeout: 60_000 },
    );
    console.log(`${pdTools().length} PagerDuty tools over HTTP`);
    assert.ok(pdTools().length >= 20, `expected the default toolsets, got ${pdTools().length} tools`);
    assert.equal(findTool('manage_incidents'), undefined, 'write tools stay off');
  }, { timeout: 90_000 });

  test('invokeTool(list_incidents) reads the simulator through the HTTP server', async () => {
    const tool = findTool('list_incidents');
    assert.ok(tool, 'list_incidents is listed');
    const body = text(await vscode.lm.invokeTool(tool.name, { input: {}, toolInvocationToken: undefined }));
    record(`hosted ${tool.name}`, body);
    const { incidents } = await simulatorGet<{ incidents: { id: string }[] }>('/incidents?limit=100&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged');
    const seen = incidents.filter((i) => body.includes(i.id));
    assert.ok(seen.length > 0, `no simulator incident id in the tool result:\n${body.slice(0, 500)}`);
    console.log(`list_incidents over HTTP returned ${seen.length} of the simulator's ${incidents.length} open incidents`);
    const me = findTool('get_user_data');
    assert.ok(me);
    const user = text(await vscode.lm.invokeTool(me.name, { input: {}, toolInvocationToken: undefined }));
    record(`hosted ${me.name}`, user);
    assert.match(user, new RegExp(e2e.me().email.replace(/\./g, '\\.')), 'the server used the signed-in user\'s token');
  }, { timeout: 60_000 });
});
