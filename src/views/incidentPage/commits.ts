/**
 * Opens a change event's commit in VS Code when an open workspace folder's git repository has it (the built-in
 * git extension's API and its "View Commit" command); otherwise the caller opens the link externally.
 */
import * as vscode from 'vscode';

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
export async function openCommitInWorkspace(sha: string): Promise<boolean> {
  const api = await gitApi();
  for (const repo of api?.repositories ?? []) {
    const commit = await repo.getCommit(sha).catch(() => undefined);
    if (!commit) continue;
    await vscode.commands.executeCommand('git.viewCommit', repo.rootUri, commit.hash);
    return true;
  }
  return false;
}
