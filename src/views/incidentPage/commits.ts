/**
 * Opens a change event's commit in VS Code when an open workspace folder's git repository has it (the built-in
 * git extension's API and its "View Commit" command); otherwise its link opens in the browser.
 */
import * as vscode from 'vscode';
import { isSafeLink } from '../../model/incidentPage/protocol';

interface GitRepository {
  rootUri: vscode.Uri;
  getCommit(ref: string): Promise<{ hash: string }>;
}
interface GitApi {
  repositories: GitRepository[];
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

/** True when the commit was found and opened. */
async function openCommitInWorkspace(sha: string): Promise<boolean> {
  const api = await gitApi();
  for (const repo of api?.repositories ?? []) {
    const commit = await repo.getCommit(sha).catch(() => undefined);
    if (!commit) continue;
    await vscode.commands.executeCommand('git.viewCommit', repo.rootUri, commit.hash);
    return true;
  }
  return false;
}

/** Where a change event's commit was opened: in VS Code, in the browser (its link), or nowhere (the user is told). */
export async function openCommit(sha: string, url: string | undefined): Promise<'workspace' | 'external' | 'none'> {
  if (await openCommitInWorkspace(sha)) return 'workspace';
  if (url && isSafeLink(url)) {
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return 'external';
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Commit {0} is not in an open git repository, and the change event has no link to it.', sha.slice(0, 10)));
  return 'none';
}
