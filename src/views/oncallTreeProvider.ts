// The On-Call tree: my own status first, then escalation policies → levels → who is on call now.
import * as vscode from 'vscode';
import { MessageNode } from './incidentNodes';
import { formatWhen, groupByPolicy, orderForMe, originOf, webUrl, type LevelGroup, type MyStatus, type PolicyGroup } from './model/oncall';
import type { OncallStore } from './model/oncallStore';
import type { CurrentUser, OncallEntry } from './model/types';

export const ONCALL_VIEW_ID = 'pagerduty.oncall';

type Node =
  | { kind: 'me'; status: MyStatus }
  | { kind: 'policy'; group: PolicyGroup }
  | { kind: 'level'; policyId: string; level: LevelGroup }
  | { kind: 'entry'; policyId: string; entry: OncallEntry }
  | MessageNode;
export type OncallTreeNode = Node;

export class OncallTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: OncallStore,
    private readonly me: () => CurrentUser | undefined,
    private readonly isSignedIn: () => boolean,
    private readonly now: () => number = Date.now,
  ) {
    // On-call data is small and changes rarely: a full refresh is cheap and simplest.
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (!this.isSignedIn()) return [];
      if (this.store.error) return [MessageNode.fromError(this.store.error, ONCALL_VIEW_ID)];
      const status = this.store.status();
      if (!status) return [new MessageNode('oncall/loading', vscode.l10n.t('Loading on-call…'), 'loading~spin')];
      const groups = orderForMe(groupByPolicy(this.store.entries, this.now()), this.me()?.id);
      const nobody = groups.length === 0 ? [new MessageNode('oncall/empty', vscode.l10n.t('Nobody is on call right now.'), 'info')] : [];
      return [{ kind: 'me', status }, ...groups.map((group) => ({ kind: 'policy' as const, group })), ...nobody];
    }
    if (node.kind === 'policy') return node.group.levels.map((level) => ({ kind: 'level', policyId: node.group.policy.id, level }));
    if (node.kind === 'level') return node.level.entries.map((entry) => ({ kind: 'entry', policyId: node.policyId, entry }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const now = this.now();
    const origin = originOf(this.me()?.html_url);
    switch (node.kind) {
      case 'message':
        return node.toTreeItem();
      case 'me':
        return this.meItem(node.status, now);
      case 'policy': {
        const item = new vscode.TreeItem(node.group.policy.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `oncall/policy/${node.group.policy.id}`;
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = `escalationPolicy;${origin ? 'link;' : ''}`;
        item.tooltip = node.group.policy.name;
        return item;
      }
      case 'level': {
        const item = new vscode.TreeItem(vscode.l10n.t('Level {0}', String(node.level.level)), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `oncall/policy/${node.policyId}/level/${node.level.level}`;
        item.iconPath = new vscode.ThemeIcon('list-ordered');
        item.contextValue = 'escalationLevel;';
        return item;
      }
      case 'entry': {
        const e = node.entry;
        const item = new vscode.TreeItem(e.user.name, vscode.TreeItemCollapsibleState.None);
        item.id = `oncall/policy/${node.policyId}/level/${e.escalation_level}/user/${e.user.id}/${e.schedule?.id ?? 'direct'}`;
        const until = e.end ? vscode.l10n.t('until {0}', formatWhen(e.end, now)) : vscode.l10n.t('always');
        item.description = [e.schedule?.name, until].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(e.user.id === this.me()?.id ? 'account' : 'person');
        item.contextValue = `oncallUser;${origin ? 'link;' : ''}`;
        item.tooltip = [e.user.name, e.schedule ? vscode.l10n.t('Schedule: {0}', e.schedule.name) : vscode.l10n.t('Directly on the policy'), e.end ? vscode.l10n.t('On call until {0}', e.end) : ''].filter(Boolean).join('\n');
        return item;
      }
    }
  }

  private meItem(status: MyStatus, now: number): vscode.TreeItem {
    let label: string;
    let description: string | undefined;
    let icon: vscode.ThemeIcon;
    switch (status.kind) {
      case 'onCall':
        label = vscode.l10n.t('You are on call');
        description = status.until ? vscode.l10n.t('until {0}', formatWhen(status.until, now)) : vscode.l10n.t('always');
        icon = new vscode.ThemeIcon('broadcast', new vscode.ThemeColor('charts.green'));
        break;
      case 'next':
        label = vscode.l10n.t('Not on call now');
        description = vscode.l10n.t('next shift {0}', formatWhen(status.start, now));
        icon = new vscode.ThemeIcon('calendar');
        break;
      default:
        label = vscode.l10n.t('Not on call');
        description = vscode.l10n.t('no shift in the next 30 days');
        icon = new vscode.ThemeIcon('circle-slash');
    }
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = 'oncall/me';
    item.description = description;
    item.iconPath = icon;
    item.contextValue = 'oncallMe;';
    const policies = status.kind === 'onCall' ? status.policies.map((p) => p.name).join(', ') : status.kind === 'next' ? status.policy.name : '';
    item.tooltip = policies ? `${label} (${policies})` : label;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The web address of an on-call node (for the Open in PagerDuty command). */
export function oncallNodeUrl(node: OncallTreeNode, me: CurrentUser | undefined): string | undefined {
  const origin = originOf(me?.html_url);
  if (node.kind === 'policy') return webUrl(origin, 'escalation_policies', node.group.policy.id);
  if (node.kind === 'entry') return webUrl(origin, 'users', node.entry.user.id);
  return undefined;
}
