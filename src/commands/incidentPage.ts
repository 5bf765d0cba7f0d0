/**
 * The incident page's ways in, and Investigate with Copilot. Automation arguments (also used by the e2e tests):
 *   pagerduty.openIncidentPage      (id | number | {id} | tree node)  → {id, number, title, status} once shown
 *   pagerduty.investigateIncident   ({id, number} | id | tree node)   → {query, opened: boolean} (in the Incident Expert agent)
 * and the URI handler for vscode://<extension id>/incident/<id or number>.
 */
import * as vscode from 'vscode';
import { EXPERT_AGENT } from '../contributions';
import type { Logger } from '../log';
import type { Toolbox } from '../mcp/registry';
import { incidentRefFromUriPath, investigateRequest, type InvestigateTarget } from '../views/incidentPage/investigate';
import type { IncidentPages } from '../views/incidentPage/panel';
import { isIncidentKey, parseIncidentRef, type IncidentKey } from '../model/incidentRef';
import type { PagerDutyApi } from '../model/pagerdutyApi';

export interface IncidentPageCommandDeps {
  pages: IncidentPages;
  api: PagerDutyApi;
  log: Logger;
  /** The tools Copilot sees with the current settings (the MCP server's selection). */
  modelTools(): Pick<Toolbox, 'enabled'>;
}

export interface InvestigateResult {
  query: string;
  opened: boolean;
}

const t = vscode.l10n.t;

/**
 * An incident id or number from a command argument: a string/number, {id}, or a tree node {incident}. Where a
 * reference enters from a command: checked and normalised here, then passed on as an IncidentKey.
 */
export function incidentRefFromArg(arg: unknown): IncidentKey | undefined {
  if (typeof arg === 'number' && Number.isInteger(arg) && arg > 0) return parseIncidentRef(String(arg));
  if (typeof arg === 'string') return parseIncidentRef(arg);
  if (arg && typeof arg === 'object') {
    const o = arg as { id?: unknown; incident?: { id?: unknown } };
    return incidentRefFromArg(o.incident?.id ?? o.id);
  }
  return undefined;
}

/** The two command handlers (registered with every other command in extension.ts) and the URI handler. */
export function registerIncidentPageCommands(deps: IncidentPageCommandDeps) {
  return {
    openPage: (arg?: unknown) => openPage(deps, arg),
    investigate: (arg?: unknown) => investigate(deps, arg),
    /** The incident id for a command argument (looked up by number if needed), for Add to Chat. */
    incidentId: async (arg: unknown) => (await target(deps, arg))?.id,
    uriHandler: vscode.window.registerUriHandler({ handleUri: (uri) => handleUri(deps, uri) }),
  };
}

async function openPage(deps: IncidentPageCommandDeps, arg: unknown) {
  let ref = incidentRefFromArg(arg);
  if (arg !== undefined && !ref) {
    void vscode.window.showErrorMessage(t('Not an incident id or number: {0}', String(typeof arg === 'object' ? JSON.stringify(arg) : arg).slice(0, 60)));
    return undefined;
  }
  ref ??= await askIncidentRef(t('Open Incident'));
  return ref && openKey(deps, ref);
}

function openKey(deps: IncidentPageCommandDeps, ref: IncidentKey) {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Opening incident {0}…', ref) }, () => deps.pages.open(ref));
}

/** Asks for an incident number or id; undefined when the person cancels. */
export async function askIncidentRef(title: string): Promise<IncidentKey | undefined> {
  const typed = await vscode.window.showInputBox({
    title,
    prompt: t('Incident number (e.g. 1056) or id (e.g. Q1ABC23)'),
    validateInput: (v) => (parseIncidentRef(v) ? undefined : t('Letters and digits only, e.g. 1056 or Q1ABC23.')),
  });
  return typed === undefined ? undefined : parseIncidentRef(typed);
}

async function handleUri(deps: IncidentPageCommandDeps, uri: vscode.Uri): Promise<void> {
  const ref = incidentRefFromUriPath(uri.path);
  if (!ref) {
    deps.log.warn(`Ignored a link with an unknown path: ${uri.path.slice(0, 80)}`);
    void vscode.window.showErrorMessage(t('PagerDuty links look like {0}/incident/<id or number>; this one does not.', `${vscode.env.uriScheme}://<extension id>`));
    return;
  }
  await openKey(deps, ref);
}

async function target(deps: IncidentPageCommandDeps, arg: unknown): Promise<InvestigateTarget | undefined> {
  const o = (arg && typeof arg === 'object' ? ((arg as { incident?: unknown }).incident ?? arg) : undefined) as { id?: unknown; number?: unknown } | undefined;
  if (typeof o?.id === 'string' && isIncidentKey(o.id) && typeof o.number === 'number') return { id: o.id, number: o.number };
  const ref = incidentRefFromArg(arg);
  if (!ref) return undefined;
  const got = await deps.api.incidents.get(ref);
  if (!got.ok) {
    void vscode.window.showErrorMessage(t('Could not find incident {0}: {1}', ref, got.error));
    return undefined;
  }
  return { id: got.value.id, number: got.value.number };
}

/**
 * Opens Chat with the request typed in, ready to send, in the PagerDuty Incident Expert agent; without Chat, copies
 * it and says so. `mode` takes a custom agent's name, and where VS Code does not know it (no custom agents, or the
 * user removed it) it keeps the current mode: so switch to agent mode first, which the second call then refines.
 */
async function investigate(deps: IncidentPageCommandDeps, arg: unknown): Promise<InvestigateResult | undefined> {
  const incident = await target(deps, arg ?? (await openPage(deps, undefined)));
  if (!incident) return undefined;
  const query = investigateRequest(incident, deps.modelTools());
  const available = (await vscode.commands.getCommands(true)).includes('workbench.action.chat.open');
  if (available) {
    try {
      await vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'agent' });
      await vscode.commands.executeCommand('workbench.action.chat.open', { query, mode: EXPERT_AGENT, isPartialQuery: true });
      return { query, opened: true };
    } catch (error) {
      deps.log.warn(`Could not open Chat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await vscode.env.clipboard.writeText(query);
  void vscode.window.showInformationMessage(t('Chat is not available in this window, so the investigation request for #{0} was copied to the clipboard. Paste it into your AI assistant.', String(incident.number)));
  return { query, opened: false };
}
