/**
 * `pagerduty_commit`, the language-model tool the Incident Expert uses instead of a terminal: the workspace's open
 * folders and trust come from VS Code, the lookup itself (validation, git without a shell) from commitLookup.ts.
 */
import * as vscode from 'vscode';
import { COMMIT_TOOL, CommitLookupError, lookupCommit, parseCommitInput, runGit, type CommitInput, type RunGit } from './commitLookup';

/** The folders git may run in: local ones only (a virtual folder has no path for git). */
function localFolders() {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: f.uri.fsPath }));
}

function shaShown(input: unknown): string {
  try {
    return parseCommitInput(input).sha.slice(0, 12);
  } catch {
    return vscode.l10n.t('(invalid hash)');
  }
}

export function registerCommitTool(run: RunGit = runGit): vscode.Disposable {
  return vscode.lm.registerTool<CommitInput>(COMMIT_TOOL, {
    prepareInvocation: (options) => ({ invocationMessage: vscode.l10n.t('Looking up commit {0} in the workspace', shaShown(options.input)) }),
    async invoke(options, token) {
      // A repository's own git config can run programs (fsmonitor, diff drivers); Restricted Mode means the user has not vouched for it.
      if (!vscode.workspace.isTrusted) throw new Error(`${COMMIT_TOOL}: this workspace is not trusted (Restricted Mode), so git is not run in it. Trust the folder, or look the commit up yourself.`);
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        const text = await lookupCommit(options.input, localFolders(), run, abort.signal);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
      } catch (error) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        // Our refusals are written for the model; anything else is unexpected and said as such, without a stack.
        throw error instanceof CommitLookupError ? error : new Error(`${COMMIT_TOOL} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        cancelled.dispose();
      }
    },
  });
}
