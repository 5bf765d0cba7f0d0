// The one-line rows both trees show instead of data: loading, empty, error (with the way out) and "Load more".
import * as vscode from 'vscode';
import { COMMANDS, type ViewId } from '../contributions';
import type { ViewError } from './stores/errors';
import type { TreeNode } from './treeNode';

interface MessageLook {
  icon: string;
  /** What a click does. */
  command?: vscode.Command;
  tooltip?: string;
  description?: string;
  /** Menus match on it; `message;` unless said otherwise. */
  contextValue?: string;
}

export class MessageNode implements TreeNode {
  readonly kind = 'message';
  constructor(
    readonly id: string,
    readonly label: string,
    private readonly look: MessageLook,
  ) {}

  static loading(view: ViewId, label: string): MessageNode {
    return new MessageNode(`${view}/loading`, label, { icon: 'loading~spin' });
  }

  static empty(view: ViewId, label: string, icon: string): MessageNode {
    return new MessageNode(`${view}/empty`, label, { icon });
  }

  /** The error, with the way out (sign in or retry) as the click action. */
  static fromError(error: ViewError, view: ViewId): MessageNode {
    const signIn = error.action === 'signIn';
    const command: vscode.Command = signIn
      ? { command: COMMANDS.signIn, title: vscode.l10n.t('Sign In') }
      : { command: COMMANDS.refresh, title: vscode.l10n.t('Retry') };
    const hint = signIn ? vscode.l10n.t('Click to sign in.') : vscode.l10n.t('Click to retry now.');
    return new MessageNode(`${view}/error/${error.kind}`, error.message, {
      icon: error.kind === 'offline' ? 'debug-disconnect' : 'warning',
      command,
      tooltip: `${error.detail}\n\n${hint}`,
      contextValue: 'error;',
    });
  }

  /** "Load more…" below a list that PagerDuty has more of; `total` when PagerDuty counted them. */
  static loadMore(view: ViewId, shown: number, total: number | undefined): MessageNode {
    return new MessageNode(`${view}/loadMore`, vscode.l10n.t('Load more…'), {
      icon: 'ellipsis',
      command: { command: COMMANDS.loadMoreIncidents, title: vscode.l10n.t('Load more') },
      description: total !== undefined ? vscode.l10n.t('{0} of {1}', String(shown), String(total)) : undefined,
      contextValue: 'loadMore;',
    });
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.look.icon);
    item.command = this.look.command;
    item.tooltip = this.look.tooltip;
    item.description = this.look.description;
    item.contextValue = this.look.contextValue ?? 'message;';
    if (this.look.description) item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', this.label, this.look.description) };
    return item;
  }
}
