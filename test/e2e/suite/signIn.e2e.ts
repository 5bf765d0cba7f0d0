// Activation and sign-in, in a real VS Code against the simulator (settings point at it; see scripts/e2e/run.ts).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignInResult } from '../../../src/commands/signIn';
import { after, suite, test } from '../runner';
import { e2e, extensionApi, waitFor } from './env';
import { record } from './transcript';
import { WRONG_TOKEN_COMMAND } from '../wrongTokens';

const signIn = async (args: { token: string; fromEmail?: string }) => {
  const result = await vscode.commands.executeCommand<SignInResult>('pagerduty.signIn', args);
  record('pagerduty.signIn result', JSON.stringify(result));
  return result;
};

suite('activation and sign-in', () => {
  test('activates, registers its commands and reads the simulator URL from settings', async () => {
    const started = Date.now();
    const api = await extensionApi();
    console.log(`activated in ${Date.now() - started} ms`);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['pagerduty.signIn', 'pagerduty.signOut', 'pagerduty.showLogs']) assert.ok(commands.includes(id), id);
    assert.equal(vscode.workspace.getConfiguration('pagerduty').get('apiBaseUrl'), e2e.simulatorUrl());
    await api.session.ready;
    assert.equal(api.session.state, 'signedOut');
  });

  test('a wrong token gets the 401 guidance and is not stored', async () => {
    const api = await extensionApi();
    const result = await signIn({ token: WRONG_TOKEN_COMMAND });
    assert.equal(result.outcome, 'rejected');
    assert.equal(result.outcome === 'rejected' && result.reason, 'unauthorized');
    const message = result.outcome === 'rejected' ? result.message : '';
    assert.match(message, /401/);
    assert.match(message, /invalid, expired or revoked/);
    assert.match(message, /Create API User Token/);
    assert.ok(!message.includes(WRONG_TOKEN_COMMAND), 'the token is not echoed');
    assert.equal(api.session.state, 'signedOut');
  });

  test('an account-level key needs the From email, which is then stored in settings', async () => {
    const api = await extensionApi();
    const without = await signIn({ token: e2e.accountKey() });
    assert.equal(without.outcome === 'rejected' && without.reason, 'needsFromEmail');
    assert.equal(api.session.state, 'signedOut');

    const withEmail = await signIn({ token: e2e.accountKey(), fromEmail: e2e.me().email });
    assert.deepEqual(withEmail.outcome === 'signedIn' && [withEmail.accountKey, withEmail.user], [true, undefined]);
    assert.equal(vscode.workspace.getConfiguration('pagerduty').get('fromEmail'), e2e.me().email);
    await waitFor('signed-in session', () => api.session.state === 'signedIn');
  });

  test('a pasted "Bearer …" token is cleaned, checked against /users/me and stored', async () => {
    const api = await extensionApi();
    const result = await signIn({ token: `Bearer ${e2e.userToken()}` });
    assert.equal(result.outcome, 'signedIn');
    if (result.outcome !== 'signedIn') return;
    assert.equal(result.strippedPrefix, 'Bearer');
    assert.deepEqual(result.user, e2e.me());
    assert.equal(result.accountKey, false);
    await waitFor('the session to use the user token', async () => (await api.session.me())?.email === e2e.me().email);
    await vscode.workspace.getConfiguration('pagerduty').update('fromEmail', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the session runs tools in-process for the views', async () => {
    const api = await extensionApi();
    const result = await api.session.callTool('get_user_data', {});
    record('callTool get_user_data', JSON.stringify(result));
    assert.ok(!result.isError, result.content[0]?.text);
    assert.match(result.content[0]!.text, new RegExp(e2e.me().name));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('pagerduty').update('fromEmail', undefined, vscode.ConfigurationTarget.Global);
  });
});
