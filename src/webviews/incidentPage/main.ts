/// <reference lib="dom" />
/**
 * The incident page's script (bundled by esbuild into dist/webview/incidentPage/page.js). It only renders what the
 * extension sends and reports clicks, with the DOM pieces it shares with the chat card (../parts/incident.ts).
 */
import { parseHostMessage, type PageAction, type PageMessage } from '../../model/incidentPage/protocol';
import type { IncidentLinkView, IncidentView } from '../../model/incidentPage/viewModel';
import { actionButton, alertItem, el, factList, focusKey, icon, incidentHeader, linkButton, localTime, noteForm, noteItem, restoreFocus, section, statusLine } from '../parts/incident';

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void; getState(): unknown; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let current: IncidentView | undefined;
let busy: string | undefined;
let actionError: { action: string; message: string } | undefined;
let noteDraft = '';

function post(message: PageMessage) {
  vscode.postMessage(message);
}

const openLink = (url: string) => post({ type: 'openLink', url });

function incidentLink(item: IncidentLinkView): HTMLElement {
  return el('div', { cls: 'row' }, linkButton(item.title || item.id, () => post({ type: 'openIncident', id: item.id })), item.detail ? el('span', { cls: 'muted', text: ` ${item.detail}` }) : undefined);
}

function render(view: IncidentView) {
  const L = view.labels;
  const focused = focusKey();
  const actions = el('div', { cls: 'actions', attrs: { role: 'toolbar', 'aria-label': L.actions } }, ...view.actions.map((a) => actionButton(a, busy, () => post({ type: 'action', action: a.action as PageAction }))));
  const status = statusLine(L, busy, actionError ? { text: actionError.message, error: true } : undefined);
  const alerts = section('alerts', L.alerts, view.alerts, L.noAlerts, (a) => alertItem(a, L, openLink));
  const notes = section('notes', L.notes, view.notes, L.noNotes, noteItem);
  notes.appendChild(noteForm({ labels: L, draft: noteDraft, busy, busyAction: 'addNote', onDraft: (text) => (noteDraft = text), onSubmit: (note) => post({ type: 'addNote', note }) }));

  const timeline = section('timeline', L.timeline, view.timeline, L.noTimeline, (e) =>
    el('div', { cls: 'row' }, icon(e.icon), el('span', { cls: 'kind', text: ` ${e.kind}: ` }), el('span', { text: e.summary }), el('span', { cls: 'muted', text: e.channel ? ` (${e.channel}) ` : ' ' }), localTime(e.at)),
  );

  const changes = section('changes', L.changes, view.changes, L.noChanges, (c) =>
    el(
      'div',
      {},
      el('div', { cls: 'row' }, icon('git-commit'), el('strong', { text: ` ${c.summary} ` }), localTime(c.at), c.source ? el('span', { cls: 'muted', text: ` ${c.source}` }) : undefined),
      c.reason ? el('div', { cls: 'muted', text: c.reason }) : undefined,
      el(
        'div',
        { cls: 'row' },
        ...c.commits.map((commit) => linkButton(`${L.openCommit} ${commit.sha.slice(0, 10)}`, () => post({ type: 'openCommit', sha: commit.sha, ...(commit.url ? { url: commit.url } : {}) }))),
        ...c.links.filter((l) => !c.commits.some((k) => k.url === l.href)).map((l) => linkButton(l.text, () => openLink(l.href))),
      ),
    ),
  );

  const related = section('related', L.related, view.related, L.noRelated, incidentLink);
  const past = section('past', L.past, view.past, L.noPast, incidentLink);
  const outlier = view.outlier ? el('p', { cls: 'muted' }, el('strong', { text: `${L.outlier}: ` }), el('span', { text: view.outlier })) : undefined;

  root.replaceChildren(el('main', { attrs: { 'aria-labelledby': 'incident-title' } }, incidentHeader(view), factList(view.facts, openLink), actions, status, alerts, notes, timeline, changes, related, past, outlier ?? el('span')));
  restoreFocus(root, focused);
}

window.addEventListener('message', (event) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'view':
      current = message.view;
      break;
    case 'busy':
      busy = message.action;
      actionError = undefined;
      break;
    case 'done':
      busy = undefined;
      actionError = message.error ? { action: message.action, message: message.error } : undefined;
      if (message.action === 'addNote' && !message.error) noteDraft = '';
      break;
    case 'loadError':
      if (!current) root.replaceChildren(el('p', { cls: 'error', text: message.message, attrs: { role: 'alert' } }));
      return;
  }
  if (current) render(current);
});

post({ type: 'ready' });
