// Tree nodes of the On-Call view: my own status, then escalation policy → level → who is on call.
// Rebuilt on every refresh (the data is small).
import * as vscode from 'vscode';
import type { MessageNode } from './messageNode';
import { formatWhen, webUrl, type LevelGroup, type MyStatus, type PolicyGroup } from './stores/oncall';
import type { OncallEntry } from './stores/types';
import type { TreeNode } from './treeNode';

export type OncallTreeNode = MeNode | PolicyNode | LevelNode | EntryNode | MessageNode;

/** Who looks at the tree: my id (my rows get my icon) and my account's web address (for the links). */
export interface Viewer {
  meId?: string;
  origin?: string;
}

/** Am I on call, until when, or when is my next shift. */
export class MeNode implements TreeNode {
  readonly kind = 'me';
  constructor(readonly status: MyStatus) {}

  toTreeItem(now: number): vscode.TreeItem {
    const status = this.status;
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
    // What the row shows (label, description), then the policies: read aloud and in the tooltip alike.
    const shown = vscode.l10n.t('{0}, {1}', label, description);
    item.tooltip = policies ? vscode.l10n.t('{0} ({1})', shown, policies) : shown;
    item.accessibilityInformation = { label: item.tooltip };
    return item;
  }
}

export class PolicyNode implements TreeNode {
  readonly kind = 'policy';
  constructor(readonly group: PolicyGroup, private readonly viewer: Viewer) {}

  get url(): string | undefined {
    return webUrl(this.viewer.origin, 'escalation_policies', this.group.policy.id);
  }

  children(): LevelNode[] {
    return this.group.levels.map((level) => new LevelNode(this.group.policy.id, level, this.viewer));
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.group.policy.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `oncall/policy/${this.group.policy.id}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = `escalationPolicy;${this.url ? 'link;' : ''}`;
    item.tooltip = this.group.policy.name;
    item.accessibilityInformation = { label: vscode.l10n.t('Escalation policy {0}', this.group.policy.name) };
    return item;
  }
}

export class LevelNode implements TreeNode {
  readonly kind = 'level';
  constructor(readonly policyId: string, readonly level: LevelGroup, private readonly viewer: Viewer) {}

  children(): EntryNode[] {
    return this.level.entries.map((entry) => new EntryNode(this.policyId, entry, this.viewer));
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Level {0}', String(this.level.level)), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `oncall/policy/${this.policyId}/level/${this.level.level}`;
    item.iconPath = new vscode.ThemeIcon('list-ordered');
    item.contextValue = 'escalationLevel;';
    item.accessibilityInformation = { label: String(item.label) };
    return item;
  }
}

/** One person on call at one level, through a schedule or directly. */
export class EntryNode implements TreeNode {
  readonly kind = 'entry';
  constructor(readonly policyId: string, readonly entry: OncallEntry, private readonly viewer: Viewer) {}

  get url(): string | undefined {
    return webUrl(this.viewer.origin, 'users', this.entry.user.id);
  }

  toTreeItem(now: number): vscode.TreeItem {
    const e = this.entry;
    const item = new vscode.TreeItem(e.user.name, vscode.TreeItemCollapsibleState.None);
    item.id = `oncall/policy/${this.policyId}/level/${e.escalation_level}/user/${e.user.id}/${e.schedule?.id ?? 'direct'}`;
    const until = e.end ? vscode.l10n.t('until {0}', formatWhen(e.end, now)) : vscode.l10n.t('always');
    item.description = [e.schedule?.name, until].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(e.user.id === this.viewer.meId ? 'account' : 'person');
    item.contextValue = `oncallUser;${this.url ? 'link;' : ''}`;
    const how = e.schedule ? vscode.l10n.t('Schedule: {0}', e.schedule.name) : vscode.l10n.t('Directly on the policy');
    const when = e.end ? vscode.l10n.t('On call until {0}', formatWhen(e.end, now)) : vscode.l10n.t('On call always');
    item.tooltip = [e.user.name, how, when].join('\n');
    // The name and description as shown (the same local time), then whether it is me.
    const shown = vscode.l10n.t('{0}, {1}', e.user.name, item.description);
    item.accessibilityInformation = { label: e.user.id === this.viewer.meId ? vscode.l10n.t('{0} (you)', shown) : shown };
    return item;
  }
}
