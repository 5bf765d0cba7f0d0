// The quick picks the incident commands ask with when no incident was given. Remembers what it listed last, so a
// bulk summary can name incidents that are not in the tree.
import * as vscode from 'vscode';
import type { Scope } from '../views/stores/scope';
import type { Incident } from '../views/stores/types';
import { isIncidentKey, parseIncidentRef, type IncidentKey } from '../model/incidentRef';
import type { IncidentStatusFilter, PagerDutyApi } from '../model/pagerdutyApi';

const t = vscode.l10n.t;

export class IncidentPicker {
  /** The incidents the last multi-select pick listed. */
  private readonly lastListed = new Map<string, Incident>();

  constructor(private readonly api: PagerDutyApi) {}

  /** An incident the last pick listed, by id or number. */
  find(ref: string): Incident | undefined {
    return this.lastListed.get(ref) ?? [...this.lastListed.values()].find((i) => String(i.number) === ref);
  }

  /** A multi-select pick over my open incidents in `statuses`; undefined when dismissed. */
  async pickMine(statuses: IncidentStatusFilter[], title: string): Promise<string[] | undefined> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { incident: Incident }>();
    pick.title = title;
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.placeholder = t('Loading your open incidents…');
    pick.busy = true;
    const source = new vscode.CancellationTokenSource();
    const answer = settle(pick, source, () => pick.selectedItems.map((i) => i.incident.id));
    pick.show();
    const listed = await this.api.incidents.list({ scope: 'assigned', statuses, limit: 100 }, source.token);
    if (source.token.isCancellationRequested) return undefined; // dismissed while loading
    if (!listed.ok) {
      pick.hide();
      void vscode.window.showErrorMessage(listed.error || t('Could not list your incidents.'));
      return undefined;
    }
    const { incidents } = listed.value;
    this.lastListed.clear();
    for (const i of incidents) this.lastListed.set(i.id, i);
    pick.items = incidents.map((incident) => ({
      label: `$(${incident.urgency === 'high' ? 'flame' : 'circle-outline'}) ${incident.title}`,
      description: describe(incident),
      incident,
    }));
    pick.busy = false;
    pick.placeholder = incidents.length ? t('Select incidents (Space to toggle, Enter to confirm)') : t('You have no matching open incidents.');
    return answer;
  }

  /** A pick over open incidents in `scope` that also accepts a typed number or id. */
  async askRef(scope: Scope): Promise<IncidentKey | undefined> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { ref: IncidentKey }>();
    pick.title = t('Open Incident');
    pick.placeholder = t('Type an incident number or id, or search open incidents by title');
    pick.matchOnDescription = true;
    pick.busy = true;
    const source = new vscode.CancellationTokenSource();
    const answer = settle(pick, source, () => pick.selectedItems[0]?.ref);
    pick.show();
    let listed: (vscode.QuickPickItem & { ref: IncidentKey })[] = [];
    const update = () => {
      const typed = parseIncidentRef(pick.value);
      const direct = typed ? [{ label: t('Open incident {0}', typed), description: t('by number or id'), ref: typed, alwaysShow: true }] : [];
      pick.items = [...direct, ...listed];
    };
    void this.api.incidents.list({ scope, statuses: ['triggered', 'acknowledged'], limit: 100 }, source.token).then((answer) => {
      pick.busy = false;
      if (!answer.ok) return;
      listed = answer.value.incidents.flatMap((i) => (isIncidentKey(i.id) ? [{ label: i.title, description: describe(i), ref: i.id }] : []));
      update();
    });
    pick.onDidChangeValue(update);
    update();
    return answer;
  }
}

/** "#12 · triggered · Checkout API" */
function describe(incident: Incident): string {
  return `#${incident.number} · ${incident.status}${incident.service ? ` · ${incident.service.name}` : ''}`;
}

/** Resolves with `accepted()` on Enter, undefined when hidden (also while still loading); then cancels the listing and disposes the pick. */
function settle<T extends vscode.QuickPickItem, R>(pick: vscode.QuickPick<T>, listing: vscode.CancellationTokenSource, accepted: () => R): Promise<R | undefined> {
  return new Promise((done) => {
    pick.onDidAccept(() => {
      done(accepted());
      pick.hide();
    });
    pick.onDidHide(() => {
      listing.cancel();
      done(undefined);
      pick.dispose();
    });
  });
}
