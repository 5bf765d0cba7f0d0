// The agent, skill and prompt files as VS Code registered them from the extension (the development folder, and in
// the .vsix phase the installed package): the workbench's own list of extension-contributed chat files.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from '../runner';
import { EXTENSION_ID, extensionApi, waitFor } from './env';

type Kind = 'chatAgents' | 'chatSkills' | 'chatPromptFiles';
const TYPES: Record<Kind, string> = { chatAgents: 'agent', chatSkills: 'skill', chatPromptFiles: 'prompt' };

interface Listed {
  uri: { path: string };
  type: string;
  extensionId: string;
}

suite('chat customizations', () => {
  test('after activation, VS Code lists the extension\'s agent, skill and prompt files as registered (_listExtensionPromptFiles)', async () => {
    await extensionApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = ext.packageJSON.contributes as Record<Kind, { path: string }[]>;
    const expected = (Object.keys(TYPES) as Kind[]).flatMap((kind) => contributes[kind].map((e) => `${TYPES[kind]} ${vscode.Uri.joinPath(ext.extensionUri, e.path).path}`)).sort();
    assert.equal(expected.length, 8, 'the agent, the skill and six prompt files');
    const listed = await waitFor('the workbench to list our chat files', async () => {
      const all = (await vscode.commands.executeCommand<Listed[]>('_listExtensionPromptFiles')) ?? [];
      const ours = all.filter((f) => f.extensionId.toLowerCase() === EXTENSION_ID).map((f) => `${f.type} ${f.uri.path}`).sort();
      return ours.length >= expected.length ? ours : undefined;
    });
    assert.deepEqual(listed, expected);
  });
});
