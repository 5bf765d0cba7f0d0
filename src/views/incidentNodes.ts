// Tree nodes of the Incidents view. Node instances are kept per incident id, so a poll that changes an incident
// updates its node in place (selection and clicks keep working mid-refresh).
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import { incidentAccessibleLabel, incidentContextValue, incidentDescription, incidentTooltip, isWebUrl, type OpenStatus } from './stores/incidents';
import type { Incident } from './stores/types';
import type { MessageNode } from './messageNode';
import type { ServiceNode, ServicesGroupNode, UnresolvedServiceNode } from './serviceNodes';
import type { TreeNode } from './treeNode';

export type IncidentTreeNode = GroupNode | IncidentNode | MessageNode | ServicesGroupNode | ServiceNode | UnresolvedServiceNode;

export class GroupNode implements TreeNode {
  readonly kind = 'group';
  count = 0;
  constructor(readonly status: OpenStatus) {}

  toTreeItem(): vscode.TreeItem {
    const label = this.status === 'triggered' ? vscode.l10n.t('Triggered') : vscode.l10n.t('Acknowledged');
    const item = new vscode.TreeItem(label, this.count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `group/${this.status}`;
    item.description = String(this.count);
    item.contextValue = `incidentGroup;${this.status};`;
    item.iconPath = new vscode.ThemeIcon(this.status === 'triggered' ? 'bell-dot' : 'eye');
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} incidents', label, String(this.count)) };
    return item;
  }
}

export class IncidentNode implements TreeNode {
  readonly kind = 'incident';
  constructor(
    public incident: Incident,
    public parent: GroupNode,
  ) {}

  get url(): string | undefined {
    return isWebUrl(this.incident.html_url) ? this.incident.html_url : undefined;
  }

  toTreeItem(now: number): vscode.TreeItem {
    const i = this.incident;
    const item = new vscode.TreeItem(i.title || `#${i.number}`, vscode.TreeItemCollapsibleState.None);
    item.id = `incident/${i.id}`;
    item.description = incidentDescription(i, now);
    item.contextValue = incidentContextValue(i);
    // A click opens the incident page; Open in PagerDuty stays a context action.
    item.command = { command: COMMANDS.openIncidentPage, title: vscode.l10n.t('Open Incident Page'), arguments: [i.id] };
    item.iconPath = urgencyIcon(i);
    const tooltip = new vscode.MarkdownString(incidentTooltip(i, now, vscode.l10n.t));
    // PagerDuty text is untrusted: no command links, no HTML.
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: incidentAccessibleLabel(i, now, vscode.l10n.t) };
    return item;
  }
}

function urgencyIcon(i: Incident): vscode.ThemeIcon {
  if (i.urgency === 'high') {
    return new vscode.ThemeIcon('flame', new vscode.ThemeColor(i.status === 'triggered' ? 'charts.red' : 'charts.orange'));
  }
  return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor(i.status === 'triggered' ? 'charts.yellow' : 'descriptionForeground'));
}
