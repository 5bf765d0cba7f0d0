/**
 * PagerDuty: Draft Post-Incident Review (page title bar, tree, palette) → a new, unsaved Markdown document whose
 * suggested path is `docs/postmortems/<date>-<number>-<slug>.md` in the first local workspace folder, built without a
 * model (src/model/postIncidentReview.ts) from what the incident page loads. Nothing is written until the person saves.
 *
 *   pagerduty.draftPostIncidentReview  (id | number | tree node | nothing = the active incident page, else asks)
 *                                      → { uri, path } of the opened document
 */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { commitsBetween } from '../lm/commitLog';
import type { CodeRef } from '../model/codeRefs';
import { codeRefsOf } from '../model/codeRefs';
import type { WorkspaceFile } from '../model/codeRefResolve';
import { alertText, section } from '../model/incidentPage/viewModel';
import { commitWindow, reviewMarkdown, reviewPath } from '../model/postIncidentReview';
import { resultText } from '../model/callResult';
import { readIncident } from '../model/toolAnswers';
import { resolveInWorkspace } from '../views/codeFiles';
import type { IncidentKey } from '../model/incidentRef';
import type { PagerDutyApi } from '../model/pagerdutyApi';
import { activePageIncident } from './addToChat';
import { askIncidentRef, incidentRefFromArg } from './incidentPage';

export interface DraftReviewDeps {
  api: PagerDutyApi;
  log: Logger;
}

const t = vscode.l10n.t;

export async function draftPostIncidentReview(deps: DraftReviewDeps, arg: unknown): Promise<{ uri: string; path: string } | undefined> {
  const given = arg === undefined || arg instanceof vscode.Uri ? activePageIncident() : arg;
  const ref = incidentRefFromArg(given) ?? (given === undefined ? await askIncidentRef(t('Draft Post-Incident Review')) : undefined);
  if (!ref) {
    if (given !== undefined) void vscode.window.showErrorMessage(t('Not an incident id or number: {0}', String(typeof given === 'object' ? JSON.stringify(given) : given).slice(0, 60)));
    return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Drafting the post-incident review of {0}…', ref) }, () => draft(deps, ref));
}

async function draft(deps: DraftReviewDeps, ref: IncidentKey): Promise<{ uri: string; path: string } | undefined> {
  const results = await deps.api.incidents.page(ref);
  const incident = readIncident(results.incident);
  if (results.incident.isError || !incident) {
    void vscode.window.showErrorMessage(t('Could not draft the review of {0}: {1}', ref, resultText(results.incident) || t('PagerDuty returned no incident.')));
    return undefined;
  }
  const now = Date.now();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const path = reviewPath(incident, now, timeZone);

  // Frames → workspace files, once for all alerts.
  const refs = section(results.alerts, 'alerts').items.flatMap((a) => codeRefsOf(alertText(a)));
  const resolutions = await resolveInWorkspace(refs);
  const files = new Map<string, WorkspaceFile>();
  refs.forEach((r, i) => {
    const res = resolutions[i]!;
    if (res.kind === 'resolved') files.set(r.path, res.file);
  });
  const lookup = (r: CodeRef) => files.get(r.path);

  const window = commitWindow(results, now);
  // A repository's own git config can run programs; Restricted Mode means the person has not vouched for it.
  const commits = !folder
    ? { unavailable: t('No local folder is open, so no commits are listed.') }
    : !vscode.workspace.isTrusted
      ? { unavailable: t('This workspace is not trusted (Restricted Mode), so git is not run and no commits are listed.') }
      : await commitsBetween(folder.uri.fsPath, window.since, window.until);

  const markdown = reviewMarkdown({ results, now, timeZone, doc: { folder: folder?.name ?? '', path }, fileOf: lookup, commits, window });
  const target = folder ? vscode.Uri.joinPath(folder.uri, path).with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: path.split('/').pop()! });
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), markdown));
  if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  deps.log.info(`Drafted the post-incident review of #${incident.number} (${path}).`);
  return { uri: document.uri.toString(), path };
}
