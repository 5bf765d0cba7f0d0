/**
 * `pagerduty_incidents_for_code`, the language-model tool (and the command PagerDuty: Check My Change Against Past
 * Incidents) over src/lm/codeIncidents.ts: the workspace's services and files, git for the changed files and a
 * commit's files (commitLog.ts / runGit, no shell), all in the open local folders and not in Restricted Mode.
 */
import * as vscode from 'vscode';
import type { PagerDutyApi } from '../model/pagerdutyApi';
import { resolveInWorkspace } from '../views/codeFiles';
import type { WorkspaceServices } from '../views/workspaceServices';
import { CodeIncidentsError, INCIDENTS_FOR_CODE_TOOL, incidentsForCode, parseCodeIncidentsInput, type CodeIncidentsInput } from './codeIncidents';
import { changedFiles } from './commitLog';
import { runGit } from './commitLookup';

export interface CodeIncidentsToolDeps {
  api: PagerDutyApi;
  services: WorkspaceServices;
}

function localFolders() {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

/** The files a commit changed, relative to the folder that has it; undefined when no open folder has it. */
async function commitFiles(sha: string): Promise<string[] | undefined> {
  for (const folder of localFolders()) {
    const shown = await runGit(folder.uri.fsPath, ['--no-pager', 'show', '--no-color', '--no-ext-diff', '--relative', '--name-only', '--format=', sha, '--']);
    if (shown.code === 0) return shown.stdout.split('\n').filter(Boolean);
  }
  return undefined;
}

/** Runs the check: the answer text (fenced), or a CodeIncidentsError written for the model and the person. */
export async function checkCode(deps: CodeIncidentsToolDeps, input: CodeIncidentsInput, token?: vscode.CancellationToken): Promise<string> {
  // A repository's own git config can run programs; Restricted Mode means the person has not vouched for it.
  if (!vscode.workspace.isTrusted) throw new CodeIncidentsError(`${INCIDENTS_FOR_CODE_TOOL}: this workspace is not trusted (Restricted Mode), so git is not run in it. Trust the folder first.`);
  if (!deps.services.loaded) await deps.services.reload();
  let files = input.files;
  if (!files) {
    const changed = await Promise.all(localFolders().map((f) => changedFiles(f.uri.fsPath)));
    const unavailable = changed.find((c): c is { unavailable: string } => !Array.isArray(c));
    if (unavailable && !changed.some(Array.isArray)) throw new CodeIncidentsError(`${INCIDENTS_FOR_CODE_TOOL}: ${unavailable.unavailable} Pass "files" instead.`);
    files = [...new Set(changed.flatMap((c) => (Array.isArray(c) ? c : [])))];
  }
  return incidentsForCode({
    api: deps.api,
    services: deps.services.services.map((s) => ({ id: s.id, name: s.name })),
    files,
    resolve: (refs) => resolveInWorkspace(refs),
    commitFiles,
    now: Date.now(),
    days: input.days,
    token,
  });
}

export function registerCodeIncidentsTool(deps: CodeIncidentsToolDeps): vscode.Disposable {
  return vscode.lm.registerTool<CodeIncidentsInput>(INCIDENTS_FOR_CODE_TOOL, {
    prepareInvocation: (options) => {
      const files = Array.isArray((options.input as { files?: unknown })?.files) ? ((options.input as { files: unknown[] }).files.length) : undefined;
      return {
        invocationMessage:
          files === undefined ? vscode.l10n.t("Checking the working tree's changes against PagerDuty incidents") : vscode.l10n.t('Checking {0} files against PagerDuty incidents', String(files)),
      };
    },
    async invoke(options, token) {
      try {
        const text = await checkCode(deps, parseCodeIncidentsInput(options.input), token);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
      } catch (error) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        throw error instanceof CodeIncidentsError ? error : new Error(`${INCIDENTS_FOR_CODE_TOOL} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}
