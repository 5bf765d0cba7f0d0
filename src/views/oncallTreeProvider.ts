// The On-Call tree: my own status first, then escalation policies → levels → who is on call now.
import * as vscode from 'vscode';
import { VIEWS } from '../contributions';
import { MessageNode } from './messageNode';
import { groupByPolicy, orderForMe, originOf } from './stores/oncall';
import type { OncallStore } from './stores/oncallStore';
import type { CurrentUser } from './stores/types';
import { MeNode, PolicyNode, type OncallTreeNode } from './oncallNodes';

export class OncallTreeProvider implements vscode.TreeDataProvider<OncallTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OncallTreeNode | undefined>();
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

  getChildren(node?: OncallTreeNode): OncallTreeNode[] {
    if (!node) return this.rootChildren();
    if (node.kind === 'policy' || node.kind === 'level') return node.children();
    return [];
  }

  getTreeItem(node: OncallTreeNode): vscode.TreeItem {
    return node.toTreeItem(this.now());
  }

  private rootChildren(): OncallTreeNode[] {
    // Signed out: no children, so the welcome view (viewsWelcome) with its Sign In button shows.
    if (!this.isSignedIn()) return [];
    if (this.store.error) return [MessageNode.fromError(this.store.error, VIEWS.oncall)];
    const status = this.store.status();
    if (!status) return [MessageNode.loading(VIEWS.oncall, vscode.l10n.t('Loading on-call…'))];
    const me = this.me();
    const viewer = { meId: me?.id, origin: originOf(me?.html_url) };
    const groups = orderForMe(groupByPolicy(this.store.entries, this.now()), me?.id);
    const nobody = groups.length === 0 ? [MessageNode.empty(VIEWS.oncall, vscode.l10n.t('Nobody is on call right now.'), 'info')] : [];
    return [new MeNode(status), ...groups.map((group) => new PolicyNode(group, viewer)), ...nobody];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
