/**
 * PagerDuty: Check My Change Against Past Incidents: the working tree's changed files against this workspace's
 * incidents of the last 90 days (pagerduty_incidents_for_code, without a model). The answer opens as a text
 * document; "Summarise with Copilot" runs the prompt file /pagerduty-check-change, which calls the same tool.
 *
 *   pagerduty.checkChange  ({ files?: string[] } | nothing) → the answer's text, or undefined when it failed
 */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { CodeIncidentsError, DEFAULT_DAYS, parseCodeIncidentsInput } from '../lm/codeIncidents';
import { checkCode, type CodeIncidentsToolDeps } from '../lm/codeIncidentsTool';

export const CHECK_CHANGE_PROMPT = '/pagerduty-check-change';

export async function checkChangeCommand(deps: CodeIncidentsToolDeps & { log: Logger }, arg?: unknown): Promise<string | undefined> {
  const t = vscode.l10n.t;
  let text: string;
  try {
    const input = parseCodeIncidentsInput(arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : { days: DEFAULT_DAYS });
    text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Checking your change against PagerDuty incidents…') }, () => checkCode(deps, input));
  } catch (error) {
    const message = error instanceof CodeIncidentsError ? error.message : t('The check failed unexpectedly: {0}', error instanceof Error ? error.message : String(error));
    deps.log.info(`Check change: ${message}`);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
  await vscode.window.showTextDocument(document, { preview: true });
  const summarise = t('Summarise with Copilot');
  void vscode.window.showInformationMessage(text.split('\n')[0]!, summarise).then(async (choice) => {
    if (choice !== summarise) return;
    await Promise.resolve(vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'agent', query: CHECK_CHANGE_PROMPT })).catch(() =>
      vscode.window.showInformationMessage(t('Chat is not available here; the check is in the open document.')),
    );
  });
  return text;
}
