/**
 * Code references against this workspace: which files they name (one findFiles for all their file names, then the
 * longest-suffix rule of src/model/codeRefResolve.ts) and opening one at its line. Shared by the incident page, the
 * code hints, the post-incident review and the language-model tool.
 */
import * as vscode from 'vscode';
import type { CodeRef } from '../model/codeRefs';
import { baseNamesOf, resolveCodeRef, type Resolution, type WorkspaceFile } from '../model/codeRefResolve';

/** Never the workspace's own code; also keeps the search small. */
const EXCLUDE = '**/{node_modules,.git,.venv,venv,.tox,dist,out,build,target,vendor,bower_components,__pycache__}/**';
const MAX_FILES = 2000;

/** A file name is only globbed when it is a plain name (no glob syntax from PagerDuty's text). */
const PLAIN_NAME = /^[\w.@+-]{1,120}$/;

export async function resolveInWorkspace(refs: readonly Pick<CodeRef, 'path'>[]): Promise<Resolution[]> {
  const names = baseNamesOf(refs).filter((n) => PLAIN_NAME.test(n));
  if (!names.length || !vscode.workspace.workspaceFolders?.length) return refs.map(() => ({ kind: 'unresolved', why: 'notFound' }));
  const uris = await vscode.workspace.findFiles(`**/{${names.join(',')}}`, EXCLUDE, MAX_FILES);
  const files = uris.flatMap((uri): WorkspaceFile[] => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? [{ folder: folder.name, path: vscode.workspace.asRelativePath(uri, false) }] : [];
  });
  return refs.map((ref) => resolveCodeRef(ref, files));
}

export function uriOf(file: WorkspaceFile): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === file.folder);
  return folder ? vscode.Uri.joinPath(folder.uri, ...file.path.split('/')) : undefined;
}

/** Opens the file at the line (and column) beside nothing else: in the active editor group. */
export async function openAt(file: WorkspaceFile, line: number, column?: number): Promise<void> {
  const uri = uriOf(file);
  if (!uri) return;
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, (column ?? 1) - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true, viewColumn: vscode.ViewColumn.One });
}

/** One file, or the person picks among several (ties are offered, never guessed). */
export async function openResolution(resolution: Resolution, ref: Pick<CodeRef, 'line' | 'column'>): Promise<boolean> {
  if (resolution.kind === 'resolved') {
    await openAt(resolution.file, ref.line, ref.column);
    return true;
  }
  if (resolution.kind !== 'ambiguous') return false;
  const picked = await vscode.window.showQuickPick(
    resolution.files.map((file) => ({ label: file.path, description: file.folder, file })),
    { title: vscode.l10n.t('Which file is it?'), placeHolder: vscode.l10n.t('Several workspace files end with this path') },
  );
  if (!picked) return false;
  await openAt(picked.file, ref.line, ref.column);
  return true;
}
