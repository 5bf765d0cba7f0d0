/// <reference lib="dom" />
/**
 * The incident page's script (bundled by esbuild into dist/webview/incidentPage/page.js). It only renders what the
 * extension sends and reports clicks; every PagerDuty string goes into the DOM as text (textContent), never HTML.
 */
import { parseHostMessage, type PageAction, type PageMessage } from '../../views/incidentPage/protocol';
import type { ActionView, IncidentLinkView, IncidentView, Section } from '../../views/incidentPage/viewModel';

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void; getState(): unknown; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let current: IncidentView | undefined;
let busy: string | undefined;
let actionError: { action: string; message: string } | undefined;
let noteDraft = '';

/** Creates an element with text (never HTML) and optional class and attributes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: { text?: string; cls?: string; attrs?: Record<string, string> } = {}, ...children: (Node | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.cls) node.className = opts.cls;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

function icon(name: string): HTMLElement {
  return el('span', { cls: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

function localTime(iso: string | undefined): HTMLElement | undefined {
  if (!iso) return undefined;
  const parsed = new Date(iso);
  const text = Number.isNaN(parsed.getTime()) ? iso : parsed.toLocaleString();
  return el('time', { text, attrs: { datetime: iso, title: iso } });
}

function linkButton(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const b = el('button', { text, cls: 'link', attrs: { type: 'button', ...(label ? { 'aria-label': label } : {}) } });
  b.addEventListener('click', onClick);
  return b;
}

function post(message: PageMessage) {
  vscode.postMessage(message);
}

function actionButton(a: ActionView): HTMLButtonElement {
  const b = el('button', { cls: a.primary ? 'primary' : 'secondary', attrs: { type: 'button', 'data-action': a.action, title: a.label } }, icon(busy === a.action ? 'loading codicon-modifier-spin' : a.icon), el('span', { text: a.label }));
  b.disabled = !a.enabled || busy !== undefined;
  if (busy === a.action) b.setAttribute('aria-busy', 'true');
  b.addEventListener('click', () => post({ type: 'action', action: a.action as PageAction }));
  return b;
}

function section<T>(id: string, title: string, data: Section<T>, empty: string, render: (item: T) => HTMLElement): HTMLElement {
  const heading = el('h2', { text: title, attrs: { id: `${id}-heading` } }, el('span', { cls: 'count', text: data.error ? '' : ` ${data.items.length}` }));
  const body = data.error
    ? el('p', { cls: 'error', text: data.error, attrs: { role: 'alert' } })
    : data.items.length
      ? el('ul', { cls: 'items' }, ...data.items.map((item) => el('li', {}, render(item))))
      : el('p', { cls: 'empty', text: empty });
  return el('section', { attrs: { id, 'aria-labelledby': `${id}-heading` } }, heading, body);
}

function incidentLink(item: IncidentLinkView): HTMLElement {
  return el('div', { cls: 'row' }, linkButton(item.title || item.id, () => post({ type: 'openIncident', id: item.id })), item.detail ? el('span', { cls: 'muted', text: ` ${item.detail}` }) : undefined);
}

function render(view: IncidentView) {
  const L = view.labels;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.action ?? document.activeElement.id : undefined;
  const header = el(
    'header',
    {},
    el('h1', {}, el('span', { cls: 'number', text: `#${view.number} ` }), el('span', { cls: 'title', text: view.title, attrs: { id: 'incident-title' } })),
    el('div', { cls: 'badges' }, el('span', { cls: `badge status-${view.status}`, text: view.statusLabel }), el('span', { cls: `badge urgency-${view.urgency}`, text: view.urgencyLabel })),
  );
  const facts = el('dl', { cls: 'facts' });
  for (const f of view.facts) {
    facts.appendChild(el('dt', { text: f.label }));
    const value = f.url ? el('dd', {}, linkButton(f.value, () => post({ type: 'openLink', url: f.url! }))) : el('dd', { text: f.value });
    if (f.time) value.title = f.time;
    facts.appendChild(value);
  }
  const actions = el('div', { cls: 'actions', attrs: { role: 'toolbar', 'aria-label': L.actions } }, ...view.actions.map(actionButton));
  const status = el('p', { cls: actionError ? 'error' : 'status', attrs: { role: 'status', 'aria-live': 'polite', id: 'action-status' } });
  if (actionError) status.textContent = actionError.message;
  else if (busy) status.textContent = L.working;

  const alerts = section('alerts', L.alerts, view.alerts, L.noAlerts, (a) =>
    el(
      'article',
      { cls: 'alert' },
      el('div', { cls: 'row' }, el('span', { cls: `badge severity-${a.severity}`, text: a.severity }), el('strong', { cls: 'summary', text: ` ${a.summary} ` }), el('span', { cls: 'muted', text: a.status }), a.source ? el('span', { cls: 'muted', text: ` · ${L.via} ${a.source} · ` }) : undefined, localTime(a.createdAt)),
      a.details.length
        ? el('details', { attrs: { open: '' } }, el('summary', { text: L.details }), el('dl', { cls: 'kv' }, ...a.details.flatMap((d) => [el('dt', { text: d.key }), el('dd', {}, el('pre', { text: d.value }))])))
        : undefined,
      a.url ? linkButton(L.openInPagerDuty, () => post({ type: 'openLink', url: a.url! })) : undefined,
    ),
  );

  const noteBox = el('textarea', { attrs: { id: 'note-input', rows: '3', placeholder: L.notePlaceholder, 'aria-label': L.notePlaceholder, maxlength: '25000' } });
  noteBox.value = noteDraft;
  noteBox.addEventListener('input', () => (noteDraft = noteBox.value));
  const addNote = el('button', { cls: 'secondary', attrs: { type: 'button', id: 'note-add' } }, icon(busy === 'addNote' ? 'loading codicon-modifier-spin' : 'comment'), el('span', { text: L.addNote }));
  addNote.disabled = busy !== undefined;
  const submitNote = () => {
    if (noteBox.value.trim()) post({ type: 'addNote', note: noteBox.value });
  };
  addNote.addEventListener('click', submitNote);
  noteBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submitNote();
  });
  const notes = section('notes', L.notes, view.notes, L.noNotes, (n) =>
    el('article', { cls: 'note' }, el('div', { cls: 'row muted' }, el('span', { text: `${n.author} · ` }), localTime(n.createdAt)), el('p', { cls: 'content', text: n.content })),
  );
  notes.appendChild(el('div', { cls: 'note-form' }, noteBox, addNote));

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
        ...c.links.filter((l) => !c.commits.some((k) => k.url === l.href)).map((l) => linkButton(l.text, () => post({ type: 'openLink', url: l.href }))),
      ),
    ),
  );

  const related = section('related', L.related, view.related, L.noRelated, incidentLink);
  const past = section('past', L.past, view.past, L.noPast, incidentLink);
  const outlier = view.outlier ? el('p', { cls: 'muted' }, el('strong', { text: `${L.outlier}: ` }), el('span', { text: view.outlier })) : undefined;

  root.replaceChildren(el('main', { attrs: { 'aria-labelledby': 'incident-title' } }, header, facts, actions, status, alerts, notes, timeline, changes, related, past, outlier ?? el('span')));
  if (focused) (root.querySelector<HTMLElement>(`[data-action="${CSS.escape(focused)}"]`) ?? document.getElementById(focused))?.focus();
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
