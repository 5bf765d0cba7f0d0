// Raises one notification per new triggered incident assigned to me (NotificationGate decides which).
import * as vscode from 'vscode';
import { COMMANDS, focusCommand, VIEWS } from '../contributions';
import type { Logger } from '../log';
import type { IncidentsStore } from './stores/incidentsStore';
import { NotificationGate } from './stores/notificationGate';
import type { Incident } from './stores/types';

const SEEN_KEY = 'pagerduty.notifiedIncidentIds';

export class IncidentNotifier implements vscode.Disposable {
  private readonly gate: NotificationGate;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly memento: vscode.Memento,
    private readonly store: IncidentsStore,
    private readonly enabled: () => boolean,
    private readonly log: Logger,
  ) {
    this.gate = new NotificationGate(memento.get<string[]>(SEEN_KEY, []));
    this.subscription = store.onDidChange((change) => {
      if (change.mineChanged && store.mineIsLoaded && !store.error) void this.check();
    });
  }

  private async check(): Promise<void> {
    // Always run the gate, even with notifications off, so turning them on later does not flood.
    const plan = this.gate.consider(this.store.mine, this.store.me?.id);
    if (plan.kind === 'none') return;
    await this.memento.update(SEEN_KEY, [...this.gate.remembered]);
    if (!this.enabled()) return;
    if (plan.kind === 'summary') {
      void this.summary(plan.count);
    } else {
      for (const incident of plan.incidents) void this.single(incident);
    }
  }

  private async single(incident: Incident): Promise<void> {
    const ack = vscode.l10n.t('Acknowledge');
    const open = vscode.l10n.t('Open');
    const never = vscode.l10n.t("Don't Show Again");
    const service = incident.service ? ` (${incident.service.name})` : '';
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('PagerDuty: new {0}-urgency incident #{1}: {2}{3}', incident.urgency, String(incident.number), incident.title, service),
      ack,
      open,
      never,
    );
    if (choice === ack) await vscode.commands.executeCommand(COMMANDS.acknowledgeIncidents, [incident.id]);
    else if (choice === open) await vscode.commands.executeCommand(COMMANDS.openIncident, { id: incident.id });
    else if (choice === never) await this.disable();
  }

  private async summary(count: number): Promise<void> {
    const show = vscode.l10n.t('Show Incidents');
    const never = vscode.l10n.t("Don't Show Again");
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('PagerDuty: {0} triggered incidents are assigned to you.', String(count)), show, never);
    if (choice === show) await vscode.commands.executeCommand(focusCommand(VIEWS.incidents));
    else if (choice === never) await this.disable();
  }

  private async disable(): Promise<void> {
    await vscode.workspace.getConfiguration('pagerduty').update('notifications.enabled', false, vscode.ConfigurationTarget.Global);
    this.log.info('Incident notifications turned off (pagerduty.notifications.enabled = false).');
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
