/**
 * "Add to Chat": attaches an incident to the Chat input as our MCP server's resource (pagerduty://incidents/{id}),
 * so the model reads the same fenced text get_incident gives. Where VS Code cannot attach it (no Chat, the server
 * not running or without resources) it falls back to Investigate with Copilot.
 *   pagerduty.addIncidentToChat  ({id, number} | id | number | tree node | nothing = the active incident page)
 *                                → {attached: true, uri} | {attached: false, fallback: investigate's result}
 */
import * as vscode from 'vscode';
import { PANELS } from '../contributions';
import type { Logger } from '../log';
import { incidentUri } from '../mcp/resourceUris';

export interface AddToChatDeps {
  log: Logger;
  /** Our MCP server's VS Code definition id (provider.ts). */
  serverId(): string;
  /** The incident id for a command argument, looked up if needed (undefined after telling the user why). */
  incidentId(arg: unknown): Promise<string | undefined>;
  investigate(arg: unknown): Thenable<unknown>;
}

/** How VS Code names an MCP server's resource in the workbench (its mcp-resource file system, McpResourceURI). */
export function mcpResourceUri(serverId: string, resource: string): vscode.Uri {
  const url = new URL(resource);
  return vscode.Uri.from({
    scheme: 'mcp-resource',
    authority: Buffer.from(serverId, 'utf8').toString('hex'),
    path: `/${url.protocol.replace(/:$/, '')}/${url.host}${url.pathname}`,
  });
}

/** The incident shown in the active incident page: its tab reads "#<number> <title>" once loaded. */
export function activePageIncident(): string | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (!(tab?.input instanceof vscode.TabInputWebview) || !tab.input.viewType.endsWith(PANELS.incident)) return undefined;
  return /^#(\d+)\b/.exec(tab.label)?.[1];
}

export async function addIncidentToChat(deps: AddToChatDeps, arg: unknown) {
  // From the page's title bar VS Code passes the webview's own URI: the incident is the page's.
  const given = arg === undefined || arg instanceof vscode.Uri ? activePageIncident() : arg;
  if (given === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose an incident in the PagerDuty sidebar, or open its page, then Add to Chat.'));
    return undefined;
  }
  const id = await deps.incidentId(given);
  if (!id) return undefined;
  const uri = mcpResourceUri(deps.serverId(), incidentUri(id));
  try {
    // Chat's attachFiles silently skips what does not exist: reading it first (which starts the server) tells.
    await vscode.workspace.fs.stat(uri);
    await vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'agent', attachFiles: [uri], isPartialQuery: true });
    return { attached: true, uri: uri.toString() };
  } catch (error) {
    deps.log.info(`Add to Chat: could not attach ${incidentUri(id)} (${error instanceof Error ? error.message : String(error)}); opening Investigate with Copilot instead.`);
    return { attached: false, fallback: await deps.investigate({ id }) };
  }
}
