// The services section of the Incidents view in "This workspace's services": one row per service (state, open
// incidents, who is on call) and one per mention PagerDuty could not match, with the reason.
import * as vscode from 'vscode';
import type { ServiceRow, UnresolvedSource } from './stores/workspaceServices';
import type { TreeNode } from './treeNode';

export class ServicesGroupNode implements TreeNode {
  readonly kind = 'services';
  count = 0;

  toTreeItem(): vscode.TreeItem {
    const label = vscode.l10n.t("This workspace's services");
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = 'group/services';
    item.description = String(this.count);
    item.contextValue = 'servicesGroup;';
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} services', label, String(this.count)) };
    return item;
  }
}

const STATE_ICONS = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.orange')),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
};

export class ServiceNode implements TreeNode {
  readonly kind = 'service';
  constructor(
    readonly row: ServiceRow,
    readonly url: string | undefined,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `service/${this.row.id}`;
    item.description = this.row.description;
    item.tooltip = this.row.tooltip;
    item.iconPath = STATE_ICONS[this.row.state];
    // Not `link;`: the incident menus (Copy Link names an incident number) do not apply to a service.
    item.contextValue = 'service;';
    item.accessibilityInformation = { label: this.row.accessibleLabel };
    return item;
  }
}

export class UnresolvedServiceNode implements TreeNode {
  readonly kind = 'unresolvedService';
  constructor(readonly problem: UnresolvedSource) {}

  toTreeItem(): vscode.TreeItem {
    const { source, why } = this.problem;
    const item = new vscode.TreeItem(source.kind === 'integrationKey' ? vscode.l10n.t('Integration key in {0}', source.origin) : source.value, vscode.TreeItemCollapsibleState.None);
    // An integration key is never put anywhere: whoever holds it can trigger incidents.
    item.id = `service/unresolved/${source.folder}/${source.origin}/${source.kind}/${source.kind === 'integrationKey' ? '' : source.value}`;
    item.description = why;
    item.tooltip = vscode.l10n.t('{0} ({1}: {2})', why, source.folder, source.origin);
    item.iconPath = new vscode.ThemeIcon('question');
    item.contextValue = 'unresolvedService;';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', String(item.label), why) };
    return item;
  }
}
