/**
 * The incident page's script (bundled by esbuild into dist/webview/incidentPage/page.js). It only renders what the
 * extension sends and reports clicks, with the DOM pieces it shares with the chat card (../parts/incident.ts).
 */
import { parseHostMessage, type PageMessage } from '../../model/incidentPage/protocol';
import type { IncidentLinkView, IncidentView } from '../../model/incidentPage/viewModel';
import { actionButton, alertItem, announce, el, factList, focusKey, icon, incidentHeader, isUnavailable, linkButton, liveRegion, localTime, noteForm, noteItem, paintActionButton, restoreFocus, section } from '../parts/incident';
import { nextAvailable, setTabStop, toolbar } from '../parts/toolbar';

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void; getState(): unknown; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let current: IncidentView | undefined;
let busy: string | undefined;
/** Why the last reload failed while a view was shown (the next done must not say "done"). */
let reloadError: string | undefined;
let noteDraft = '';

/**
 * What stays across renders: the toolbar (its buttons updated in place, so the focused one keeps focus) and the one
 * live region. Only `top` and `rest` are rebuilt.
 */
let shell: { top: HTMLElement; bar: HTMLElement; buttons: Map<string, HTMLButtonElement>; status: HTMLElement; rest: HTMLElement } | undefined;

function post(message: PageMessage) {
  vscode.postMessage(message);
}

const openLink = (url: string) => post({ type: 'openLink', url });

function incidentLink(item: IncidentLinkView): HTMLElement {
  return el('div', { cls: 'row' }, linkButton(item.text, () => post({ type: 'openIncident', id: item.id }), item.name), item.detail ? el('span', { cls: 'muted', text: ` ${item.detail}` }) : undefined);
}

function shellFor(view: IncidentView) {
  if (shell) return shell;
  shell = { top: el('div'), bar: toolbar(view.labels.actions), buttons: new Map(), status: liveRegion(), rest: el('div') };
  root.replaceChildren(el('main', { attrs: { 'aria-labelledby': 'incident-title' } }, shell.top, shell.bar, shell.status, shell.rest));
  return shell;
}

function syncToolbar(view: IncidentView) {
  const { bar, buttons } = shellFor(view);
  view.actions.forEach((a, index) => {
    let b = buttons.get(a.action);
    if (b) paintActionButton(b, a, busy);
    else buttons.set(a.action, (b = actionButton(a, busy, () => post({ type: 'action', action: a.action }))));
    if (bar.children[index] !== b) bar.insertBefore(b, bar.children[index] ?? null);
  });
  setTabStop(bar);
}

function changeItem(c: IncidentView['changes']['items'][number], L: IncidentView['labels']): HTMLElement {
  return el(
    'div',
    {},
    el('div', { cls: 'row' }, icon('git-commit'), el('strong', { text: ` ${c.summary} ` }), localTime(c.at), c.source ? el('span', { cls: 'muted', text: ` ${c.source}` }) : undefined),
    c.reason ? el('div', { cls: 'muted', text: c.reason }) : undefined,
    el(
      'div',
      { cls: 'row' },
      ...c.commits.map((commit) => linkButton(`${L.openCommit} ${commit.sha.slice(0, 10)}`, () => post({ type: 'openCommit', sha: commit.sha, ...(commit.url ? { url: commit.url } : {}) }))),
      ...c.links.filter((l) => !c.commits.some((k) => k.url === l.href)).map((l) => linkButton(l.text, () => openLink(l.href), l.name)),
    ),
  );
}

function render(view: IncidentView) {
  const L = view.labels;
  const focused = focusKey();
  const { top, rest } = shellFor(view);
  top.replaceChildren(incidentHeader(view), factList(view.facts, openLink));
  syncToolbar(view);
  const alerts = section('alerts', L.alerts, view.alerts, L.noAlerts, (a) => {
    const alert = view.alerts.items.indexOf(a);
    return alertItem(a, L, openLink, (frame) => post({ type: 'openFrame', alert, frame }));
  });
  const notes = section('notes', L.notes, view.notes, L.noNotes, noteItem);
  notes.appendChild(noteForm({ labels: L, draft: noteDraft, busy, busyAction: 'addNote', onDraft: (text) => (noteDraft = text), onSubmit: (note) => post({ type: 'addNote', note }) }));
  const timeline = section('timeline', L.timeline, view.timeline, L.noTimeline, (e) =>
    el('div', { cls: 'row' }, icon(e.icon), el('span', { cls: 'kind', text: ` ${e.kind}: ` }), el('span', { text: e.summary }), el('span', { cls: 'muted', text: e.channel ? ` (${e.channel}) ` : ' ' }), localTime(e.at)),
  );
  const changes = section('changes', L.changes, view.changes, L.noChanges, (c) => changeItem(c, L));
  const related = section('related', L.related, view.related, L.noRelated, incidentLink);
  const past = section('past', L.past, view.past, L.noPast, incidentLink);
  const outlier = view.outlier ? el('p', { cls: 'muted' }, el('strong', { text: `${L.outlier}: ` }), el('span', { text: view.outlier })) : undefined;
  rest.replaceChildren(alerts, notes, timeline, changes, related, past, outlier ?? el('span'));
  // Busy while an action runs or the first view is awaited; the live region sits outside the busy parts, so it is heard.
  root.setAttribute('aria-busy', 'false');
  for (const part of [top, rest]) part.setAttribute('aria-busy', String(busy !== undefined));
  restoreFocus(root, focused);
}

/** The name an announcement gives an action: its button's label without the "…" of a pick. */
function actionName(view: IncidentView, action: string): string {
  const label = action === 'addNote' ? view.labels.addNote : (view.actions.find((a) => a.action === action)?.label ?? action);
  return label.replace(/…$/, '');
}

/**
 * After an action, focus goes back to the control used, or to the next available one when it is no longer available
 * (Acknowledge once acknowledged). Only when focus is still there or was lost: never pulled from where the person went.
 */
function focusAfter(action: string) {
  const used = action === 'addNote' ? document.getElementById('note-add') : shell?.buttons.get(action);
  const active = document.activeElement;
  if (!used || !(active === used || active === document.body || active === null || !active.isConnected)) return;
  const target = isUnavailable(used) && shell && used.parentElement === shell.bar ? nextAvailable(shell.bar, used) : used;
  target?.focus();
}

function onDone(message: { action: string; error?: string; cancelled?: boolean }) {
  busy = undefined;
  if (message.action === 'addNote' && !message.error && !message.cancelled) noteDraft = '';
  if (!current || !shell) return;
  const name = actionName(current, message.action);
  const L = current.labels;
  const error = message.error ?? reloadError;
  announce(shell.status, error ?? (message.cancelled ? L.cancelledAction : L.doneAction).replace('{0}', name), error !== undefined);
  render(current);
  focusAfter(message.action);
}

window.addEventListener('message', (event) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'view':
      current = message.view;
      reloadError = undefined;
      break;
    case 'busy':
      busy = message.action;
      reloadError = undefined;
      if (current && shell) announce(shell.status, current.labels.busyAction.replace('{0}', actionName(current, message.action)));
      break;
    case 'done':
      return onDone(message);
    case 'loadError':
      if (!current) {
        root.replaceChildren(el('p', { cls: 'error', text: message.message, attrs: { role: 'alert' } }));
        root.setAttribute('aria-busy', 'false');
      } else if (shell) {
        reloadError = message.message;
        announce(shell.status, message.message, true);
      }
      return;
  }
  if (current) render(current);
});

post({ type: 'ready' });
