// Tree nodes of the Incidents view. Node instances are kept per incident id, so a poll that changes an incident
// updates its node in place (selection and clicks keep working mid-refresh).
import * as vscode from 'vscode';
import { incidentContextValue, incidentDescription, incidentTooltip, type OpenStatus } from './model/incidents';
import type { ViewError } from './model/errors';
import type { Incident } from './model/types';

export type IncidentTreeNode = GroupNode | IncidentNode | MessageNode | LoadMoreNode;

export class GroupNode {
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
    return item;
  }
}

export class IncidentNode {
  readonly kind = 'incident';
  constructor(
    public incident: Incident,
    public parent: GroupNode,
  ) {}

  toTreeItem(now: number): vscode.TreeItem {
    const i = this.incident;
    const item = new vscode.TreeItem(i.title || `#${i.number}`, vscode.TreeItemCollapsibleState.None);
    item.id = `incident/${i.id}`;
    item.description = incidentDescription(i, now);
    item.contextValue = incidentContextValue(i);
    item.iconPath = urgencyIcon(i);
    const tooltip = new vscode.MarkdownString(incidentTooltip(i, now, (m) => vscode.l10n.t(m)));
    // PagerDuty text is untrusted: no command links, no HTML.
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0}, {1} urgency, {2}, incident {3}', i.title, i.urgency, i.status, String(i.number)),
    };
    return item;
  }
}

function urgencyIcon(i: Incident): vscode.ThemeIcon {
  if (i.urgency === 'high') {
    return new vscode.ThemeIcon('flame', new vscode.ThemeColor(i.status === 'triggered' ? 'charts.red' : 'charts.orange'));
  }
  return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor(i.status === 'triggered' ? 'charts.yellow' : 'descriptionForeground'));
}

/** Error, empty and loading states, with the way out as the click action. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly id: string,
    readonly label: string,
    readonly icon: string,
    readonly command?: vscode.Command,
    readonly tooltip?: string,
  ) {}

  static fromError(error: ViewError, viewId: string): MessageNode {
    const command: vscode.Command =
      error.action === 'signIn'
        ? { command: 'pagerduty.signIn', title: vscode.l10n.t('Sign In') }
        : { command: 'pagerduty.refresh', title: vscode.l10n.t('Retry') };
    const hint = error.action === 'signIn' ? vscode.l10n.t('Click to sign in.') : vscode.l10n.t('Click to retry now.');
    return new MessageNode(`${viewId}/error/${error.kind}`, error.message, error.kind === 'offline' ? 'debug-disconnect' : 'warning', command, `${error.detail}\n\n${hint}`);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.command = this.command;
    item.tooltip = this.tooltip;
    item.contextValue = this.id.includes('/error/') ? 'error;' : 'message;';
    return item;
  }
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(readonly shown: number, readonly total: number | undefined) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = 'incidents/loadMore';
    item.description = this.total !== undefined ? vscode.l10n.t('{0} of {1}', String(this.shown), String(this.total)) : undefined;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: 'pagerduty.loadMoreIncidents', title: vscode.l10n.t('Load more') };
    item.contextValue = 'loadMore;';
    return item;
  }
}
