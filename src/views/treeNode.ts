import type * as vscode from 'vscode';

/**
 * What every node of the Incidents and On-Call trees is: a class with a `kind` to tell them apart that renders
 * itself. `url` is the node's PagerDuty web page, when it has one (Open in PagerDuty, the `link;` menu capability).
 */
export interface TreeNode {
  readonly kind: string;
  readonly url?: string;
  toTreeItem(now: number): vscode.TreeItem;
}
