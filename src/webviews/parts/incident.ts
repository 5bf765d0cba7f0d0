/**
 * The DOM pieces of an incident, shared by the incident page (a VS Code webview) and the incident card in chat (an
 * MCP App): both render the same view model (src/model/incidentPage/viewModel.ts) with these functions and the same
 * stylesheet. Every PagerDuty string goes into the DOM as text (textContent), never HTML.
 */
import type { ActionView, AlertView, Fact, IncidentRowView, IncidentView, NoteView, PageLabel, Section } from '../../model/incidentPage/viewModel';

/** Creates an element with text (never HTML) and optional class and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: { text?: string; cls?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.cls) node.className = opts.cls;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

export function icon(name: string): HTMLElement {
  return el('span', { cls: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

export function localTime(iso: string | undefined): HTMLElement | undefined {
  if (!iso) return undefined;
  const parsed = new Date(iso);
  const text = Number.isNaN(parsed.getTime()) ? iso : parsed.toLocaleString();
  return el('time', { text, attrs: { datetime: iso, title: iso } });
}

/** A link-styled button; `label` is its accessible name when the text alone does not say which one (it must contain the text). */
export function linkButton(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  // data-focus: what a re-render finds it by to give focus back (see restoreFocus).
  const b = el('button', { text, cls: 'link', attrs: { type: 'button', 'data-focus': label ?? text, ...(label ? { 'aria-label': label } : {}) } });
  b.addEventListener('click', onClick);
  return b;
}

/** Status and urgency badges (their classes carry the theme colours). */
export function badges(view: Pick<IncidentView, 'status' | 'statusLabel' | 'urgency' | 'urgencyLabel'>): HTMLElement {
  return el('div', { cls: 'badges' }, el('span', { cls: `badge status-${view.status}`, text: view.statusLabel }), el('span', { cls: `badge urgency-${view.urgency}`, text: view.urgencyLabel }));
}

export function incidentHeader(view: Pick<IncidentView, 'number' | 'title' | 'status' | 'statusLabel' | 'urgency' | 'urgencyLabel'>, titleId = 'incident-title'): HTMLElement {
  return el('header', {}, el('h1', {}, el('span', { cls: 'number', text: `#${view.number} ` }), el('span', { cls: 'title', text: view.title, attrs: { id: titleId } })), badges(view));
}

export function factList(facts: Fact[], openLink: (url: string) => void): HTMLElement {
  const list = el('dl', { cls: 'facts' });
  for (const f of facts) {
    list.appendChild(el('dt', { text: f.label }));
    const value = f.url ? el('dd', {}, linkButton(f.value, () => openLink(f.url!))) : el('dd', { text: f.value });
    if (f.time) value.title = f.time;
    list.appendChild(value);
  }
  return list;
}

/**
 * One action button; while `busy` names an action, every button is unavailable and that one spins. Unavailable is
 * aria-disabled, not `disabled`: a disabled button drops keyboard focus, and the person would start again at the top.
 */
export function actionButton(a: ActionView, busy: string | undefined, onClick: () => void): HTMLButtonElement {
  const b = el('button', { attrs: { type: 'button', 'data-action': a.action } });
  paintActionButton(b, a, busy);
  b.addEventListener('click', () => {
    if (!isUnavailable(b)) onClick();
  });
  return b;
}

/** Updates a button in place (label, icon, availability), so a focused button keeps its focus across renders. */
export function paintActionButton(b: HTMLButtonElement, a: ActionView, busy: string | undefined): void {
  b.className = a.primary ? 'primary' : 'secondary';
  b.title = a.label;
  b.replaceChildren(icon(busy === a.action ? 'loading codicon-modifier-spin' : a.icon), el('span', { text: a.label }));
  unavailableIf(b, !a.enabled || busy !== undefined);
  if (busy === a.action) b.setAttribute('aria-busy', 'true');
  else b.removeAttribute('aria-busy');
}

export function isUnavailable(b: HTMLElement): boolean {
  return b.getAttribute('aria-disabled') === 'true';
}

function unavailableIf(b: HTMLButtonElement, unavailable: boolean): void {
  if (unavailable) b.setAttribute('aria-disabled', 'true');
  else b.removeAttribute('aria-disabled');
}

/** A page's or card's one live region: created once and kept, only its text changes (a re-created region is not announced). */
export function liveRegion(): HTMLElement {
  return el('p', { cls: 'status', attrs: { role: 'status', 'aria-live': 'polite', id: 'action-status' } });
}

export function announce(region: HTMLElement, text: string, error = false): void {
  region.className = error ? 'error' : 'status';
  region.textContent = text;
}

export function section<T>(id: string, title: string, data: Section<T>, empty: string, render: (item: T) => HTMLElement): HTMLElement {
  const heading = el('h2', { text: title, attrs: { id: `${id}-heading` } }, el('span', { cls: 'count', text: data.error ? '' : ` ${data.items.length}` }));
  const body = data.error
    ? el('p', { cls: 'error', text: data.error, attrs: { role: 'alert' } })
    : data.items.length
      ? el('ul', { cls: 'items' }, ...data.items.map((item) => el('li', {}, render(item))))
      : el('p', { cls: 'empty', text: empty });
  return el('section', { attrs: { id, 'aria-labelledby': `${id}-heading` } }, heading, body);
}

/**
 * An alert's code references: a link for each one the extension found in the workspace (`openFrame`, by index),
 * plain text for the rest and wherever nothing can open files (the card).
 */
function frameList(a: AlertView, title: string, openFrame?: (frame: number) => void): HTMLElement | undefined {
  if (!a.frames?.length) return undefined;
  const items = a.frames.map((f, i) => el('li', {}, f.open && openFrame ? linkButton(f.text, () => openFrame(i), f.name) : el('code', { text: f.text })));
  return el('div', { cls: 'frames' }, el('span', { cls: 'muted', text: title }), el('ul', { cls: 'frame-list' }, ...items));
}

export function alertItem(
  a: AlertView,
  L: Pick<Record<PageLabel, string>, 'via' | 'details' | 'openInPagerDuty' | 'code'>,
  openLink: (url: string) => void,
  openFrame?: (frame: number) => void,
): HTMLElement {
  return el(
    'article',
    { cls: 'alert' },
    el('div', { cls: 'row' }, el('span', { cls: `badge severity-${a.severity}`, text: a.severity }), el('strong', { cls: 'summary', text: ` ${a.summary} ` }), el('span', { cls: 'muted', text: a.status }), a.source ? el('span', { cls: 'muted', text: ` · ${L.via} ${a.source} · ` }) : undefined, localTime(a.createdAt)),
    frameList(a, L.code, openFrame),
    a.details.length
      ? el('details', { attrs: { open: '' } }, el('summary', { text: L.details }), el('dl', { cls: 'kv' }, ...a.details.flatMap((d) => [el('dt', { text: d.key }), el('dd', {}, el('pre', { text: d.value }))])))
      : undefined,
    a.url ? linkButton(L.openInPagerDuty, () => openLink(a.url!), a.openName) : undefined,
  );
}

export function noteItem(n: NoteView): HTMLElement {
  return el('article', { cls: 'note' }, el('div', { cls: 'row muted' }, el('span', { text: `${n.author} · ` }), localTime(n.createdAt)), el('p', { cls: 'content', text: n.content }));
}

/** The note box and its button; Ctrl/Cmd+Enter submits too. Empty notes are not sent. */
export function noteForm(opts: { labels: Pick<Record<PageLabel, string>, 'addNote' | 'notePlaceholder'>; draft: string; busy: string | undefined; busyAction: string; onDraft(text: string): void; onSubmit(text: string): void }): HTMLElement {
  const { labels: L } = opts;
  const box = el('textarea', { attrs: { id: 'note-input', rows: '3', placeholder: L.notePlaceholder, 'aria-label': L.notePlaceholder, maxlength: '25000' } });
  box.value = opts.draft;
  box.addEventListener('input', () => opts.onDraft(box.value));
  const add = el('button', { cls: 'secondary', attrs: { type: 'button', id: 'note-add' } }, icon(opts.busy === opts.busyAction ? 'loading codicon-modifier-spin' : 'comment'), el('span', { text: L.addNote }));
  unavailableIf(add, opts.busy !== undefined);
  const submit = () => {
    if (box.value.trim() && opts.busy === undefined) opts.onSubmit(box.value);
  };
  add.addEventListener('click', submit);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  });
  return el('div', { cls: 'note-form' }, box, add);
}

/** One incident in a list: number and title (a button that opens it), badges, and a line of facts. */
export function incidentRow(row: IncidentRowView, open: () => void, ...actions: HTMLElement[]): HTMLElement {
  return el(
    'article',
    { cls: 'incident-row', attrs: { 'data-incident': row.id } },
    el('div', { cls: 'row' }, linkButton(`#${row.number} ${row.title}`, open), badges(row)),
    el('div', { cls: 'muted', text: row.detail }),
    actions.length ? el('div', { cls: 'actions' }, ...actions) : undefined,
  );
}

/** Puts focus back on the element that had it (by action, id or link name) after a re-render replaced the DOM. */
export function focusKey(): string | undefined {
  const active = document.activeElement;
  return active instanceof HTMLElement ? (active.dataset.action ?? (active.id || active.dataset.focus)) : undefined;
}

export function restoreFocus(root: HTMLElement, key: string | undefined): void {
  // Nothing to do while the focused element is still in the page (it was updated in place, not replaced).
  if (!key || (document.activeElement !== document.body && document.activeElement?.isConnected)) return;
  const escaped = CSS.escape(key);
  (root.querySelector<HTMLElement>(`[data-action="${escaped}"]`) ?? document.getElementById(key) ?? root.querySelector<HTMLElement>(`[data-focus="${escaped}"]`))?.focus();
}
