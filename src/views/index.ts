/**
 * createViews(): the sidebar (Incidents, On-Call), the status bar item, notifications and the poll loop that keeps
 * them current. All data comes from the toolset through the session's typed API (session.api). Registers no command:
 * it returns what the commands need, and src/extension.ts hands that to them.
 *
 * The poll loop knows the stores only as the `sections` list (src/views/stores/polled.ts): a new store joins with one
 * entry there (its store and view), after the stores whose data it uses.
 */
import * as vscode from 'vscode';
import { CONTEXT_KEYS, VIEWS } from '../contributions';
import type { Logger } from '../log';
import type { PagerDutySession } from '../session';
import type { IncidentNode, IncidentTreeNode } from './incidentNodes';
import { IncidentsTreeProvider } from './incidentsTreeProvider';
import { IncidentsStore } from './stores/incidentsStore';
import { OncallStore } from './stores/oncallStore';
import { pollStores, type PolledStore } from './stores/polled';
import { PollScheduler, type Clock, type PollOutcome } from './stores/scheduler';
import type { Scope } from './stores/scope';
import { scopeControl, scopeMemory } from './scopeControl';
import { IncidentNotifier } from './notifications';
import type { OncallTreeNode } from './oncallNodes';
import { OncallTreeProvider } from './oncallTreeProvider';
import { PagerDutyStatusBar } from './statusBar';
import { WorkspaceServices } from './workspaceServices';

/** workspaceState and globalState key of the scope the Incidents view showed last. */
const SCOPE_KEY = 'pagerduty.incidentsScope';
const realClock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

/** What the views expose to the commands (wired in src/extension.ts) and to the e2e tests. Not a public API. */
export interface ViewsApi {
  incidents: IncidentsStore;
  oncall: OncallStore;
  incidentsTree: IncidentsTreeProvider;
  oncallTree: OncallTreeProvider;
  statusBar: vscode.StatusBarItem;
  /** This workspace's PagerDuty services (catalog-info.yaml, pagerduty.workspaceServices). */
  workspaceServices: WorkspaceServices;
  /** Polls now and resolves when done. */
  refresh(): Promise<void>;
  /** The incidents selected in the Incidents view. */
  selection(): IncidentNode[];
  /** Shows another scope, remembers it and polls. */
  setScope(scope: Scope): void;
}

/** A section of the sidebar: its store (polled in list order) and its view; `pollOnShow`: showing the view polls at once when due. */
interface Section {
  store: PolledStore;
  view: vscode.TreeView<unknown>;
  pollOnShow?: boolean;
}

/** One poll over the sections; cancel() stops the one in flight (the session switched). */
function poller(signedIn: () => boolean, sections: readonly Section[], log: Logger) {
  let inFlight: vscode.CancellationTokenSource | undefined;
  const poll = async (): Promise<PollOutcome> => {
    if (!signedIn()) return 'signedOut';
    inFlight = new vscode.CancellationTokenSource();
    try {
      return await pollStores(
        sections.map(({ store, view }) => ({ store, visible: () => view.visible })),
        inFlight.token,
      );
    } catch (error) {
      log.error('PagerDuty poll failed', error);
      return 'error';
    } finally {
      inFlight.dispose();
      inFlight = undefined;
    }
  };
  return { poll, cancel: () => inFlight?.cancel() };
}

function pollConditions(session: PagerDutySession, signedIn: boolean, viewVisible: boolean) {
  return {
    signedIn,
    viewVisible,
    focused: vscode.window.state.focused,
    notificationsEnabled: session.settings.notificationsEnabled,
    intervalSeconds: session.settings.refreshIntervalSeconds,
  };
}

export function createViews(context: vscode.ExtensionContext, session: PagerDutySession, log: Logger): ViewsApi {
  const t = (m: string, ...a: string[]) => vscode.l10n.t(m, ...a);
  const signedIn = () => session.state === 'signedIn';
  const memory = scopeMemory(context, SCOPE_KEY);
  // Not polled: re-read when catalog-info.yaml, the folders or the setting change; its on-call rides on the incidents poll.
  const workspaceServices = new WorkspaceServices(session, log);
  const incidents = new IncidentsStore(session.api, memory.initial, t, () => workspaceServices.ids);
  const oncall = new OncallStore(session.api, () => incidents.me, Date.now, t);
  const incidentsTree = new IncidentsTreeProvider(incidents, signedIn, Date.now, workspaceServices);
  const oncallTree = new OncallTreeProvider(oncall, () => incidents.me, signedIn);
  const incidentsView = vscode.window.createTreeView<IncidentTreeNode>(VIEWS.incidents, { treeDataProvider: incidentsTree, canSelectMany: true, showCollapseAll: false });
  const oncallView = vscode.window.createTreeView<OncallTreeNode>(VIEWS.oncall, { treeDataProvider: oncallTree });
  incidentsTree.attach(incidentsView);
  const statusBar = new PagerDutyStatusBar(incidents, oncall, signedIn);
  const notifier = new IncidentNotifier(context.globalState, incidents, () => session.settings.notificationsEnabled, log);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.incidentsScope, memory.initial);

  // Polled in this order: on-call reads for the user the incidents store read.
  const sections: Section[] = [
    { store: incidents, view: incidentsView },
    // Opening On-Call for the first time needs the full list, not just my own shifts.
    { store: oncall, view: oncallView, pollOnShow: true },
  ];
  const { poll, cancel } = poller(signedIn, sections, log);

  const conditions = () => pollConditions(session, signedIn(), sections.some(({ view }) => view.visible));
  const scheduler = new PollScheduler(realClock, poll, { ...conditions(), signedIn: false });
  const replan = () => scheduler.update(conditions());
  const refresh = async () => {
    for (const { store } of sections) store.invalidate();
    await scheduler.pollNow();
  };

  const host = () => `${session.settings.region}|${session.settings.apiBaseUrl}`;
  let lastState = session.state;
  let lastHost = host();
  // Fires on sign-in/out, token change (maybe another user) and any pagerduty.* setting change.
  const onSessionChange = () => {
    const switched = session.state !== lastState || host() !== lastHost;
    lastState = session.state;
    lastHost = host();
    if (switched) {
      cancel();
      // Each store says it changed, so its tree and the status bar follow (the welcome view when signed out).
      for (const { store } of sections) store.clear();
    }
    if (signedIn()) {
      incidents.revalidateUser(); // a new token may belong to someone else: the store drops the data then
      void refresh();
    }
    replan();
  };

  const selection = () => incidentsView.selection.filter((n): n is IncidentNode => n.kind === 'incident');
  const control = scopeControl(memory, incidents, workspaceServices, () => (statusBar.update(), void scheduler.pollNow()));

  // Ages ("12m") drift between polls; re-render them once a minute while the view is visible.
  const ageTimer = setInterval(() => {
    if (incidentsView.visible && incidents.loaded) incidentsTree.refreshAll();
  }, 60_000);

  context.subscriptions.push(
    workspaceServices,
    control,
    incidentsTree,
    oncallTree,
    incidentsView,
    oncallView,
    statusBar,
    notifier,
    { dispose: () => scheduler.dispose() },
    { dispose: () => clearInterval(ageTimer) },
    session.onDidChange(onSessionChange),
    ...sections.map(({ store, view, pollOnShow }) =>
      view.onDidChangeVisibility(() => {
        if (pollOnShow && view.visible && store.isDue(true)) void scheduler.pollNow();
        replan();
      }),
    ),
    vscode.window.onDidChangeWindowState(replan),
  );

  void session.ready.then(() => {
    void workspaceServices.reload();
    lastState = session.state;
    statusBar.update();
    incidentsTree.refreshAll();
    replan();
  });

  return { incidents, oncall, incidentsTree, oncallTree, statusBar: statusBar.item, workspaceServices, refresh, selection, setScope: control.setScope };
}
