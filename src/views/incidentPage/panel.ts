/**
 * One webview panel per incident (revealed when already open). Data comes from the toolset (the typed API's
 * incidents.page → viewModel.ts);
 * while the panel is visible it reloads every refresh interval, hidden it polls nothing.
 */
import * as vscode from 'vscode';
import { PANELS } from '../../contributions';
import type { Logger } from '../../log';
import type { IncidentSummary } from '../../model/shapes';
import type { PagerDutyApi } from '../../model/pagerdutyApi';
import { readIncident } from '../../model/toolAnswers';
import { clipDeep } from '../../model/untrusted';
import { runPageAction } from './actions';
import { openCommit } from './commits';
import { PageFrames } from './frames';
import { pageHtml } from './html';
import { isSafeLink, parsePageMessage, safeLink, type HostMessage, type PageAction, type PageMessage } from '../../model/incidentPage/protocol';
import { buildIncidentView, type IncidentView } from '../../model/incidentPage/viewModel';
import { isIncidentKey, type IncidentKey } from '../../model/incidentRef';

export interface IncidentPageDeps {
  api: PagerDutyApi;
  log: Logger;
  extensionUri: vscode.Uri;
  refreshIntervalSeconds(): number;
  /** A change was made from the page: the sidebar polls now. */
  changed(): void;
  investigate(incident: { id: string; number: number }): Thenable<unknown>;
}

/** What `pagerduty.openIncidentPage` returns, for automation and tests. */
export interface OpenedIncidentPage {
  id: string;
  number: number;
  title: string;
  status: string;
}

export class IncidentPages implements vscode.Disposable {
  private readonly panels = new Set<IncidentPanel>();

  constructor(private readonly deps: IncidentPageDeps) {}

  /** Opens (or reveals) the page of an incident by id or number; resolves once its data is shown or failed. */
  async open(key: IncidentKey): Promise<OpenedIncidentPage | undefined> {
    const existing = this.find(key);
    if (existing) {
      existing.reveal();
      return existing.summary();
    }
    const panel = new IncidentPanel(key, this.deps, () => this.panels.delete(panel));
    this.panels.add(panel);
    await panel.loaded;
    // Opened by number while the same incident was already open by id: keep the older panel.
    const twin = [...this.panels].find((p) => p !== panel && p.incident?.id === panel.incident?.id);
    if (twin) {
      panel.dispose();
      twin.reveal();
      return twin.summary();
    }
    return panel.summary();
  }

  private find(key: IncidentKey): IncidentPanel | undefined {
    return [...this.panels].find((p) => p.ref === key || p.incident?.id === key || String(p.incident?.number) === key);
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
  }
}

class IncidentPanel {
  readonly panel: vscode.WebviewPanel;
  readonly loaded: Promise<void>;
  incident?: IncidentSummary;
  private view?: IncidentView;
  private error?: string;
  private pageReady = false;
  private timer?: ReturnType<typeof setInterval>;
  private loading?: Promise<void>;
  private source = new vscode.CancellationTokenSource();
  private lastLoad = 0;
  private disposed = false;
  private readonly frames = new PageFrames();
  private readonly assets: vscode.Uri;

  constructor(
    readonly ref: IncidentKey,
    private readonly deps: IncidentPageDeps,
    private readonly onDispose: () => void,
  ) {
    this.assets = vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', 'incidentPage');
    this.panel = vscode.window.createWebviewPanel(PANELS.incident, `#${ref}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [this.assets],
    });
    this.panel.webview.html = pageHtml(this.panel.webview, this.assets, vscode.l10n.t('PagerDuty incident'), vscode.env.language);
    // A failing click (openExternal, a tool) is logged: as a floating promise it would be an unhandled rejection.
    this.panel.webview.onDidReceiveMessage((raw: unknown) =>
      this.receive(raw).catch((error: unknown) => this.deps.log.warn(`Incident page: ${describeMessage(raw)} failed: ${error instanceof Error ? error.message : String(error)}`)),
    );
    this.panel.onDidChangeViewState(() => this.schedule());
    this.panel.onDidDispose(() => this.dispose());
    this.loaded = this.reload();
    this.schedule();
  }

  reveal(): void {
    this.panel.reveal();
  }

  summary(): OpenedIncidentPage | undefined {
    return this.view ? { id: this.view.id, number: this.view.number, title: this.view.title, status: this.view.status } : undefined;
  }

  /** Polls only while visible; becoming visible after a pause reloads at once. */
  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.disposed || !this.panel.visible) return;
    const interval = Math.max(15, this.deps.refreshIntervalSeconds()) * 1000;
    if (Date.now() - this.lastLoad >= interval) void this.reload();
    this.timer = setInterval(() => void this.reload(), interval);
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    this.lastLoad = Date.now();
    // Once read, by its id: a page opened by number then loads in one round trip.
    const id = this.incident?.id;
    const results = await this.deps.api.incidents.page(id && isIncidentKey(id) ? id : this.ref, this.source.token);
    if (this.disposed) return;
    const built = buildIncidentView(results, Date.now(), vscode.l10n.t);
    if ('error' in built) {
      this.error = built.error;
      if (!this.view) this.panel.title = vscode.l10n.t('Incident {0}', this.ref);
      this.post({ type: 'loadError', message: built.error });
      return;
    }
    this.error = undefined;
    // Built from cleaned results; cleaned again as a whole, as the card's data is, so no field can slip past.
    const view = clipDeep(built);
    this.view = view;
    this.incident = readIncident(results.incident);
    this.panel.title = `#${view.number} ${view.title}`;
    const icon = (name: string) => vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'incidentPage', `${name}.svg`);
    this.panel.iconPath = icon(view.status);
    this.post({ type: 'view', view });
    // The first paint does not wait for the workspace search; the frames found become links a moment later.
    if (await this.frames.resolve(view).catch(() => false)) if (this.view === view && !this.disposed) this.post({ type: 'view', view });
  }

  private post(message: HostMessage): void {
    if (this.pageReady && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.deps.log.warn(`Incident page: ignored an unexpected message (${describeMessage(raw)}).`);
      return;
    }
    await this.handle(message);
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // Also after the panel was hidden and shown again: the page is rebuilt then and needs the data again.
        this.pageReady = true;
        if (this.view) this.post({ type: 'view', view: this.view });
        else if (this.error) this.post({ type: 'loadError', message: this.error });
        return;
      case 'openLink':
        if (isSafeLink(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'openIncident':
        await vscode.commands.executeCommand('pagerduty.openIncidentPage', message.id);
        return;
      case 'openCommit':
        await openCommit(message.sha, message.url);
        return;
      case 'openFrame':
        await this.frames.open(message.alert, message.frame);
        return;
      case 'addNote':
        return this.act('addNote', () => this.deps.api.incidents.addNote(this.incident!.id, message.note));
      case 'action':
        return this.action(message.action);
    }
  }

  private async action(action: PageAction): Promise<void> {
    const incident = this.incident;
    if (!incident) return;
    switch (action) {
      case 'refresh':
        return this.act('refresh', async () => ({}), false);
      case 'openInPagerDuty': {
        const url = safeLink(incident.html_url);
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url, true));
        return;
      }
      case 'investigate':
        await this.deps.investigate({ id: incident.id, number: incident.number });
        return;
      default:
        return this.act(action, () => runPageAction(action, incident, this.deps.api));
    }
  }

  /** Progress on the button, then the error in place or the page reloaded at once (and the sidebar told). */
  private async act(action: PageAction | 'addNote', run: () => Promise<{ error?: string } | 'cancelled'>, changes = true): Promise<void> {
    if (!this.incident) return;
    this.post({ type: 'busy', action });
    let outcome: { error?: string } | 'cancelled';
    try {
      outcome = await run();
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome !== 'cancelled' && !outcome.error) {
      await this.loading; // a poll that started before the change would show the old state
      await this.reload();
      if (changes) this.deps.changed();
    }
    this.post({ type: 'done', action, ...(outcome === 'cancelled' ? { cancelled: true } : outcome.error ? { error: outcome.error } : {}) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.source.cancel();
    this.source.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

/** A page message named for a log line: its type only (the rest is the page's data). */
function describeMessage(raw: unknown): string {
  return typeof raw === 'object' && raw ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
}
