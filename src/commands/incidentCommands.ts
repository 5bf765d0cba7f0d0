/**
 * Incident commands for the palette, the tree menus and automation. Every read and write goes through the
 * toolset (session.callTool). Automation arguments (also used by the e2e tests) are documented in README.md:
 *   pagerduty.acknowledgeIncidents  (ids: string[] | {ids})            → {results, succeeded, failed}
 *   pagerduty.resolveIncidents      ({ids, note?} | ids: string[])      → {results, succeeded, failed}
 *   pagerduty.addNote               ({id, note})                        → {ok, error?}
 *   pagerduty.openIncident          ({id, open?: boolean} | id)          → the incident, or undefined
 *   pagerduty.setIncidentScope      ('assigned' | 'teams' | 'all')
 *   pagerduty.refresh               ()
 */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { IncidentNode } from '../views/incidentNodes';
import { isWebUrl, parseIncidentList } from '../views/model/incidents';
import { SCOPES, type CallTool, type Incident, type Scope } from '../views/model/types';
import { bulkSummary, incidentIdsFromArgs, type BulkOutcome } from './bulkSummary';

export interface IncidentCommandDeps {
  callTool: CallTool;
  log: Logger;
  /** Loaded incidents, for labels and the tree selection. */
  find(id: string): Incident | undefined;
  selection(): readonly IncidentNode[];
  /** manage_incidents returned these: move them in the tree now. */
  applyUpdates(incidents: Incident[]): void;
  /** Poll again (after a change, or the Refresh button). */
  refresh(): Promise<void>;
  scope(): Scope;
  setScope(scope: Scope): void;
}

export interface BulkResult {
  results: BulkOutcome[];
  succeeded: number;
  failed: number;
  /** The summary message shown to the user. */
  message?: string;
}

const t = vscode.l10n.t;

export function registerIncidentCommands(deps: IncidentCommandDeps): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg('pagerduty.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'pagerduty.incidents' } }, () => deps.refresh()),
    ),
    reg('pagerduty.setIncidentScope', (scope?: unknown) => setScope(deps, scope)),
    reg('pagerduty.acknowledgeIncidents', (...args: unknown[]) => acknowledge(deps, args)),
    reg('pagerduty.resolveIncidents', (...args: unknown[]) => resolve(deps, args)),
    reg('pagerduty.addNote', (...args: unknown[]) => addNote(deps, args)),
    reg('pagerduty.openIncident', (arg?: unknown) => openIncident(deps, arg)),
    reg('pagerduty.copyIncidentLink', async (node?: { incident?: Incident }) => {
      const url = node?.incident?.html_url;
      if (!isWebUrl(url)) return;
      await vscode.env.clipboard.writeText(url);
      vscode.window.setStatusBarMessage(t('Copied link to incident #{0}', String(node!.incident!.number)), 3000);
    }),
  ];
}

export async function openUrl(url: string | undefined): Promise<void> {
  if (isWebUrl(url)) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function setScope(deps: IncidentCommandDeps, arg: unknown): Promise<void> {
  let scope = typeof arg === 'string' && (SCOPES as readonly string[]).includes(arg) ? (arg as Scope) : undefined;
  if (!scope) {
    const labels: Record<Scope, string> = { assigned: t('Assigned to me'), teams: t('My teams'), all: t('All incidents') };
    const picked = await vscode.window.showQuickPick(
      SCOPES.map((s) => ({ label: labels[s], scope: s, description: s === deps.scope() ? t('current') : undefined })),
      { title: t('Show Incidents'), placeHolder: t('Which incidents the PagerDuty view shows') },
    );
    scope = picked?.scope;
  }
  if (scope) deps.setScope(scope);
}

function label(deps: IncidentCommandDeps, id: string): string {
  const incident = deps.find(id) ?? [...(lastPicked.values())].find((i) => i.id === id || String(i.number) === id);
  return incident ? `#${incident.number} ${truncate(incident.title, 60)}` : id;
}
/** Incidents picked in the last quick pick, for labels when they are not in the tree. */
const lastPicked = new Map<string, Incident>();

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Ids from args, else the tree selection (view title), else a multi-select quick pick of my open incidents. */
async function targetIds(deps: IncidentCommandDeps, args: readonly unknown[], statuses: string[], title: string): Promise<string[] | undefined> {
  const fromArgs = incidentIdsFromArgs(args);
  if (fromArgs) return fromArgs;
  const selected = deps.selection().filter((n) => statuses.includes(n.incident.status));
  if (args.length === 0 && selected.length > 1) return selected.map((n) => n.incident.id);
  return pickIncidents(deps, statuses, title);
}

async function pickIncidents(deps: IncidentCommandDeps, statuses: string[], title: string): Promise<string[] | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { incident: Incident }>();
  pick.title = title;
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.placeholder = t('Loading your open incidents…');
  pick.busy = true;
  pick.show();
  const source = new vscode.CancellationTokenSource();
  const result = await deps.callTool('list_incidents', { scope: 'assigned', statuses, limit: 100 }, source.token);
  if (result.isError) {
    pick.dispose();
    void vscode.window.showErrorMessage(result.content[0]?.text ?? t('Could not list your incidents.'));
    return undefined;
  }
  const { incidents } = parseIncidentList(result.structuredContent);
  lastPicked.clear();
  for (const i of incidents) lastPicked.set(i.id, i);
  pick.items = incidents.map((incident) => ({
    label: `$(${incident.urgency === 'high' ? 'flame' : 'circle-outline'}) ${incident.title}`,
    description: `#${incident.number} · ${incident.status}${incident.service ? ` · ${incident.service.name}` : ''}`,
    incident,
  }));
  pick.busy = false;
  pick.placeholder = incidents.length ? t('Select incidents (Space to toggle, Enter to confirm)') : t('You have no matching open incidents.');
  return new Promise((done) => {
    pick.onDidAccept(() => {
      done(pick.selectedItems.map((i) => i.incident.id));
      pick.hide();
    });
    pick.onDidHide(() => {
      source.cancel();
      done(undefined);
      pick.dispose();
    });
  });
}

async function acknowledge(deps: IncidentCommandDeps, args: unknown[]): Promise<BulkResult | undefined> {
  const ids = await targetIds(deps, args, ['triggered'], t('Acknowledge Incidents'));
  if (!ids?.length) return undefined;
  return manage(deps, ids, 'acknowledged', new Map());
}

async function resolve(deps: IncidentCommandDeps, args: unknown[]): Promise<BulkResult | undefined> {
  const ids = await targetIds(deps, args, ['triggered', 'acknowledged'], t('Resolve Incidents'));
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
  const noteFailures = new Map<string, string>();
  return manage(deps, ids, 'resolved', noteFailures, note);
}

/** Adds the note (if any), then changes the status; ends with one summary message. */
async function manage(deps: IncidentCommandDeps, ids: string[], status: 'acknowledged' | 'resolved', noteFailures: Map<string, string>, note?: string): Promise<BulkResult | undefined> {
  const verb = status === 'acknowledged' ? t('Acknowledging') : t('Resolving');
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('{0} {1} incident(s)…', verb, String(ids.length)), cancellable: true },
    async (progress, token): Promise<BulkResult | undefined> => {
      let targets = ids;
      if (note) {
        progress.report({ message: t('adding the resolution note') });
        const added = await Promise.all(ids.map((id) => deps.callTool('add_note_to_incident', { incident_id: id, note }, token)));
        added.forEach((r, i) => {
          if (r.isError) noteFailures.set(ids[i]!, t('note not added, so not resolved: {0}', r.content[0]?.text ?? ''));
        });
        targets = ids.filter((id) => !noteFailures.has(id));
      }
      if (token.isCancellationRequested) return undefined;
      let results: BulkOutcome[] = [];
      if (targets.length) {
        progress.report({ message: t('updating PagerDuty') });
        const result = await deps.callTool('manage_incidents', { incident_ids: targets, status }, token);
        if (result.isError) {
          results = targets.map((id) => ({ incident_id: id, ok: false, error: result.content[0]?.text }));
        } else {
          const structured = result.structuredContent as { results?: (BulkOutcome & { incident?: Incident })[] } | undefined;
          const rows = structured?.results ?? [];
          results = rows;
          deps.applyUpdates(rows.filter((r) => r.ok && r.incident).map((r) => r.incident!));
        }
      }
      for (const [id, error] of noteFailures) results.push({ incident_id: id, ok: false, error });
      const succeeded = results.filter((r) => r.ok).length;
      return { results: results.map(({ incident_id, ok, error }) => ({ incident_id, ok, ...(error ? { error } : {}) })), succeeded, failed: results.length - succeeded };
    },
  );
  if (!outcome) return undefined;
  const summary = bulkSummary(status, outcome.results, (id) => label(deps, id), t);
  deps.log.info(summary.message);
  const show = summary.severity === 'info' ? vscode.window.showInformationMessage : summary.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void show(summary.message);
  void deps.refresh();
  return { ...outcome, message: summary.message };
}

async function addNote(deps: IncidentCommandDeps, args: unknown[]): Promise<{ ok: boolean; error?: string } | undefined> {
  const arg = args[0] as { id?: unknown; note?: unknown } | undefined;
  let id = incidentIdsFromArgs(args)?.[0];
  if (!id) id = (await pickIncidents(deps, ['triggered', 'acknowledged'], t('Add Note to Incident')))?.[0];
  if (!id) return undefined;
  let note = typeof arg?.note === 'string' ? arg.note.trim() : undefined;
  if (!note) {
    note = (
      await vscode.window.showInputBox({
        title: t('Add note to {0}', label(deps, id)),
        prompt: t('Notes are added to the incident timeline and cannot be edited later.'),
        validateInput: (v) => (v.trim() ? undefined : t('The note must not be empty.')),
      })
    )?.trim();
  }
  if (!note) return undefined;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Adding note…') }, (_p, token) =>
    deps.callTool('add_note_to_incident', { incident_id: id, note }, token),
  );
  if (result.isError) {
    const error = result.content[0]?.text ?? t('unknown error');
    void vscode.window.showErrorMessage(t('Could not add the note to {0}: {1}', label(deps, id), error));
    return { ok: false, error };
  }
  vscode.window.setStatusBarMessage(t('Note added to {0}', label(deps, id)), 4000);
  return { ok: true };
}

/** By number or id (typed), or picked from open incidents; opens it in PagerDuty. */
async function openIncident(deps: IncidentCommandDeps, arg: unknown): Promise<Incident | undefined> {
  const automation = arg && typeof arg === 'object' ? (arg as { id?: unknown; open?: unknown }) : undefined;
  let ref = typeof arg === 'string' || typeof arg === 'number' ? String(arg) : typeof automation?.id === 'string' || typeof automation?.id === 'number' ? String(automation.id) : undefined;
  if (!ref) ref = await askIncidentRef(deps);
  if (!ref) return undefined;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Opening incident…') }, (_p, token) =>
    deps.callTool('get_incident', { incident_id: ref.replace(/^#/, '') }, token),
  );
  if (result.isError) {
    void vscode.window.showErrorMessage(t('Could not open incident {0}: {1}', ref, result.content[0]?.text ?? ''));
    return undefined;
  }
  const incident = result.structuredContent?.incident as Incident | undefined;
  if (incident && automation?.open !== false) await openUrl(incident.html_url);
  return incident;
}

/** A quick pick over open incidents in the view's scope that also accepts a typed number or id. */
async function askIncidentRef(deps: IncidentCommandDeps): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { ref: string }>();
  pick.title = t('Open Incident');
  pick.placeholder = t('Type an incident number or id, or search open incidents by title');
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  const source = new vscode.CancellationTokenSource();
  let listed: (vscode.QuickPickItem & { ref: string })[] = [];
  void deps.callTool('list_incidents', { scope: deps.scope(), statuses: ['triggered', 'acknowledged'], limit: 100 }, source.token).then((result) => {
    pick.busy = false;
    if (result.isError) return;
    listed = parseIncidentList(result.structuredContent).incidents.map((i) => ({ label: i.title, description: `#${i.number} · ${i.status}${i.service ? ` · ${i.service.name}` : ''}`, ref: i.id }));
    update();
  });
  const update = () => {
    const typed = pick.value.trim().replace(/^#/, '');
    const direct = /^[A-Za-z0-9]{1,20}$/.test(typed) ? [{ label: t('Open incident {0}', typed), description: t('by number or id'), ref: typed, alwaysShow: true }] : [];
    pick.items = [...direct, ...listed];
  };
  pick.onDidChangeValue(update);
  update();
  return new Promise((done) => {
    pick.onDidAccept(() => {
      done(pick.selectedItems[0]?.ref);
      pick.hide();
    });
    pick.onDidHide(() => {
      source.cancel();
      done(undefined);
      pick.dispose();
    });
  });
}
