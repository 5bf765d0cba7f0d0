// The one status bar item: on-call indicator and triggered incidents (mine, or this workspace's); click shows the Incidents view.
import * as vscode from 'vscode';
import { focusCommand, VIEWS } from '../contributions';
import type { IncidentsStore } from './stores/incidentsStore';
import { formatWhen } from './stores/oncall';
import type { OncallStore } from './stores/oncallStore';
import { statusBarModel } from './stores/statusBar';

export class PagerDutyStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pagerduty.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly incidents: IncidentsStore,
    private readonly oncall: OncallStore,
    private readonly isSignedIn: () => boolean,
  ) {
    this.item.name = vscode.l10n.t('PagerDuty');
    this.item.command = focusCommand(VIEWS.incidents);
    this.subscriptions = [incidents.onDidChange(() => this.update()), oncall.onDidChange(() => this.update())];
    this.update();
  }

  update(): void {
    if (!this.isSignedIn()) {
      this.item.hide();
      return;
    }
    const status = this.oncall.status();
    const store = this.incidents;
    // "This workspace's services" is counted while the view shows it: that is what the engineer chose to watch.
    const workspace = store.scope === 'workspace' ? { incidents: store.loaded ? store.incidents : undefined } : undefined;
    const model = statusBarModel(status, store.mineIsLoaded ? store.mine : undefined, !!store.error, (m, ...a) => vscode.l10n.t(m, ...a), workspace);
    this.item.text = model.text;
    this.item.accessibilityInformation = { label: model.label };
    this.item.backgroundColor = model.alert ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = [model.label];
    const now = Date.now();
    if (status?.kind === 'onCall') lines.push(status.until ? vscode.l10n.t('On call until {0}', formatWhen(status.until, now)) : vscode.l10n.t('On call'));
    else if (status?.kind === 'next') lines.push(vscode.l10n.t('Next shift: {0}', formatWhen(status.start, now)));
    if (this.incidents.error) lines.push(this.incidents.error.message);
    lines.push(vscode.l10n.t('Click to show the PagerDuty incidents.'));
    this.item.tooltip = lines.join('\n');
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
