// Open in PagerDuty and Copy Link, for any tree node with a web page (TreeNode.url).
import * as vscode from 'vscode';
import type { IncidentNode } from '../views/incidentNodes';
import { isWebUrl } from '../views/stores/incidents';
import type { TreeNode } from '../views/treeNode';

export async function openUrl(url: string | undefined): Promise<void> {
  if (isWebUrl(url)) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

export function openInPagerDuty(node?: Pick<TreeNode, 'url'>): Promise<void> {
  return openUrl(node?.url);
}

export async function copyIncidentLink(node?: Pick<IncidentNode, 'url' | 'incident'>): Promise<void> {
  const url = node?.url;
  if (!url) return;
  await vscode.env.clipboard.writeText(url);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied link to incident #{0}', String(node.incident.number)), 3000);
}
