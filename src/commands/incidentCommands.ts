/**
 * Incident commands for the palette, the tree menus and automation (registered in src/extension.ts). Every read
 * and write goes through the toolset (session.callTool). Automation arguments (also used by the e2e tests) are
 * documented in docs/sidebar.md:
 *   pagerduty.acknowledgeIncidents  (ids: string[] | {ids})            → {results, succeeded, failed}
 *   pagerduty.resolveIncidents      ({ids, note?} | ids: string[])      → {results, succeeded, failed}
 *   pagerduty.addNote               ({id, note})                        → {ok, error?}
 *   pagerduty.openIncident          ({id, open?: boolean} | id)          → the incident (its page opened unless open: false)
 *   pagerduty.setIncidentScope      ('workspace' | 'assigned' | 'teams' | 'all')
 *   pagerduty.refresh               ()
 */
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../contributions';
import type { Logger } from '../log';
import type { PagerDutySession } from '../session';
import type { ViewsApi } from '../views';
import { isScope, scopeLabel, SCOPES } from '../views/stores/scope';
import type { Incident } from '../views/stores/types';
import { bulkSummary, incidentIdsFromArgs, type BulkOutcome } from './bulkSummary';
import { IncidentPicker } from './incidentPicker';
import type { IncidentStatusFilter } from '../model/pagerdutyApi';
import { incidentRefFromArg } from './incidentPage';
import type { BulkRow } from '../model/shapes';

export interface IncidentCommandDeps {
  session: Pick<PagerDutySession, 'api'>;
  log: Logger;
  /** The loaded incidents, the tree selection, scope and refresh. */
  views: Pick<ViewsApi, 'incidents' | 'selection' | 'refresh' | 'setScope'>;
}

export interface BulkResult {
  results: BulkOutcome[];
  succeeded: number;
  failed: number;
  /** The summary message shown to the user. */
  message?: string;
}

const t = vscode.l10n.t;

export class IncidentCommands {
  private readonly picker: IncidentPicker;

  constructor(private readonly deps: IncidentCommandDeps) {
    this.picker = new IncidentPicker(deps.session.api);
  }

  private get api() {
    return this.deps.session.api;
  }

  refresh(): Thenable<void> {
    return vscode.window.withProgress({ location: { viewId: VIEWS.incidents } }, () => this.deps.views.refresh());
  }

  async setScope(arg: unknown): Promise<void> {
    let scope = isScope(arg) ? arg : undefined;
    if (!scope) {
      const current = this.deps.views.incidents.scope;
      const picked = await vscode.window.showQuickPick(
        SCOPES.map((s) => ({ label: scopeLabel(s, t), scope: s, description: s === current ? t('current') : undefined })),
        { title: t('Show Incidents'), placeHolder: t('Which incidents the PagerDuty view shows') },
      );
      scope = picked?.scope;
    }
    if (scope) this.deps.views.setScope(scope);
  }

  async acknowledge(args: unknown[]): Promise<BulkResult | undefined> {
    const ids = await this.targetIds(args, ['triggered'], t('Acknowledge Incidents'));
    if (!ids?.length) return undefined;
    return this.manage(ids, 'acknowledged');
  }

  async resolve(args: unknown[]): Promise<BulkResult | undefined> {
    const ids = await this.targetIds(args, ['triggered', 'acknowledged'], t('Resolve Incidents'));
    if (!ids?.length) return undefined;
    const automation = args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]) && 'ids' in (args[0] as object);
    let note: string | undefined;
    if (automation) {
      const raw = (args[0] as { note?: unknown }).note;
      note = typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
    } else {
      const typed = await vscode.window.showInputBox({
        title: t('Resolve {0} incident(s)', String(ids.length)),
        prompt: t('Resolution note (optional): added to each incident before it is resolved. Leave empty for none.'),
        placeHolder: t('What fixed it?'),
      });
      if (typed === undefined) return undefined; // Escape cancels the whole action
      note = typed.trim() || undefined;
    }
    return this.manage(ids, 'resolved', note);
  }

  async addNote(args: unknown[]): Promise<{ ok: boolean; error?: string } | undefined> {
    const arg = args[0] as { id?: unknown; note?: unknown } | undefined;
    let id = incidentIdsFromArgs(args)?.[0];
    if (!id) id = (await this.picker.pickMine(['triggered', 'acknowledged'], t('Add Note to Incident')))?.[0];
    if (!id) return undefined;
    let note = typeof arg?.note === 'string' ? arg.note.trim() : undefined;
    if (!note) {
      note = (
        await vscode.window.showInputBox({
          title: t('Add note to {0}', this.label(id)),
          prompt: t('Notes are added to the incident timeline and cannot be edited later.'),
          validateInput: (v) => (v.trim() ? undefined : t('The note must not be empty.')),
        })
      )?.trim();
    }
    if (!note) return undefined;
    const { error } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Adding note…') }, (_p, token) =>
      this.api.incidents.addNote(id, note, token),
    );
    if (error) {
      void vscode.window.showErrorMessage(t('Could not add the note to {0}: {1}', this.label(id), error));
      return { ok: false, error };
    }
    vscode.window.setStatusBarMessage(t('Note added to {0}', this.label(id)), 4000);
    return { ok: true };
  }

  /** By number or id (typed), or picked from open incidents; opens it in PagerDuty. */
  async openIncident(arg: unknown): Promise<Incident | undefined> {
    const automation = arg && typeof arg === 'object' ? (arg as { id?: unknown; open?: unknown }) : undefined;
    const given = [arg, automation?.id].find((v) => typeof v === 'string' || typeof v === 'number');
    let ref = incidentRefFromArg(given);
    if (given !== undefined && given !== '' && !ref) {
      void vscode.window.showErrorMessage(t('Not an incident id or number: {0}', String(given).slice(0, 60)));
      return undefined;
    }
    ref ??= await this.picker.askRef(this.deps.views.incidents.scope);
    if (!ref) return undefined;
    const key = ref;
    const got = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Opening incident…') }, (_p, token) =>
      this.api.incidents.get(key, token),
    );
    if (!got.ok) {
      void vscode.window.showErrorMessage(t('Could not open incident {0}: {1}', ref, got.error));
      return undefined;
    }
    if (automation?.open !== false) await vscode.commands.executeCommand(COMMANDS.openIncidentPage, got.value.id);
    return got.value;
  }

  /** "#12 Disk full" when the incident is loaded or was just listed, else the id. */
  private label(id: string): string {
    const incident = this.deps.views.incidents.find(id) ?? this.picker.find(id);
    return incident ? `#${incident.number} ${truncate(incident.title, 60)}` : id;
  }

  /** Ids from args, else the tree selection (view title), else a multi-select quick pick of my open incidents. */
  private async targetIds(args: readonly unknown[], statuses: IncidentStatusFilter[], title: string): Promise<string[] | undefined> {
    const fromArgs = incidentIdsFromArgs(args);
    if (fromArgs) return fromArgs;
    const selected = this.deps.views.selection().filter((n) => statuses.includes(n.incident.status));
    if (args.length === 0 && selected.length > 1) return selected.map((n) => n.incident.id);
    return this.picker.pickMine(statuses, title);
  }

  /** Adds the note (if any), then changes the status; ends with one summary message. */
  private async manage(ids: string[], status: 'acknowledged' | 'resolved', note?: string): Promise<BulkResult | undefined> {
    const { views, log } = this.deps;
    const verb = status === 'acknowledged' ? t('Acknowledging') : t('Resolving');
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('{0} {1} incident(s)…', verb, String(ids.length)), cancellable: true },
      async (progress, token): Promise<BulkResult | undefined> => {
        let rows: BulkRow[] | undefined;
        if (status === 'acknowledged') {
          if (token.isCancellationRequested) return undefined;
          progress.report({ message: t('updating PagerDuty') });
          rows = await this.api.incidents.acknowledge(ids, token);
        } else {
          if (note) progress.report({ message: t('adding the resolution note') });
          rows = await this.api.incidents.resolve(ids, note, {
            token,
            beforeResolve: () => {
              progress.report({ message: t('updating PagerDuty') });
              return !token.isCancellationRequested;
            },
          });
        }
        if (!rows) return undefined;
        views.incidents.applyUpdates(rows.filter((r) => r.ok && r.incident).map((r) => r.incident!));
        const results: BulkOutcome[] = rows.map(({ incident_id, ok, error, noteFailed }) => ({
          incident_id,
          ok,
          ...(error ? { error: noteFailed ? t('note not added, so not resolved: {0}', error) : error } : {}),
        }));
        const succeeded = results.filter((r) => r.ok).length;
        return { results, succeeded, failed: results.length - succeeded };
      },
    );
    if (!outcome) return undefined;
    const summary = bulkSummary(status, outcome.results, (id) => this.label(id), t);
    log.info(summary.message);
    const show = summary.severity === 'info' ? vscode.window.showInformationMessage : summary.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    void show(summary.message);
    void views.refresh();
    return { ...outcome, message: summary.message };
  }
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
