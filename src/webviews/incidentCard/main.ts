/**
 * The incident card, an MCP App the host renders in a sandboxed iframe under get_incident and list_incidents. It shows
 * the data the result carries in _meta (src/model/incidentPage/cardModel.ts) with the incident page's own DOM pieces
 * and stylesheet, and acts only through the host's tools/call: incident_card_action asks the person to confirm in
 * VS Code before it writes. PagerDuty text is only ever set as textContent.
 */
import { App, applyDocumentTheme, applyHostStyleVariables } from '@modelcontextprotocol/ext-apps';
import type { CardData, CardRow, IncidentCardView } from '../../model/incidentPage/cardModel';
import { headOf, type ActionView } from '../../model/incidentPage/viewModel';
import { setTabStop, toolbar } from '../parts/toolbar';
import { actionButton, alertItem, announce, el, factList, focusKey, incidentHeader, incidentRow, liveRegion, noteForm, noteItem, restoreFocus, section } from '../parts/incident';

const CARD_META = 'pagerduty/incidentCard';
const ACTION_TOOL = 'incident_card_action';

interface ToolResult {
  isError?: boolean;
  content?: { type: string; text?: string }[];
  _meta?: Record<string, unknown>;
}

const app = new App({ name: 'PagerDuty incident card', version: '1.0.0' });
const root = document.getElementById('card')!;
/**
 * What a render replaces, and the card's one live region beside it: created once and never re-rendered, so "Confirm in
 * VS Code…", the outcome and errors are announced (a region re-created with its text is not).
 */
const content = el('div');
const status = liveRegion();
root.replaceChildren(content, status);
/** What the tool answered; `detail` is an incident opened from a list card (with a way back). */
let data: CardData | undefined;
let detail: Extract<CardData, { kind: 'incident' }> | undefined;
/** The running action, as "<incident id> <action>", so only its button spins. */
let busy: string | undefined;
let message: { text: string; error: boolean } | undefined;
let noteDraft = '';

const cardOf = (result: ToolResult) => result._meta?.[CARD_META] as CardData | undefined;
const textOf = (result: ToolResult) => (result.content ?? []).map((c) => c.text ?? '').join('\n');
const openLink = (url: string) => void app.openLink({ url });

/** While anything runs every button is disabled; only the running one (this incident, this action) spins. */
function buttonsFor(id: string, actions: ActionView[]): HTMLButtonElement[] {
  return actions.map((a) =>
    actionButton(a, busy === undefined ? undefined : busy === `${id} ${a.action}` ? a.action : 'other', () =>
      a.action === 'openInPagerDuty' ? openLink(view(id)?.url ?? '') : void act(id, a.action as 'acknowledge' | 'resolve'),
    ),
  );
}

/** The incident's actions as the page has them: one Tab stop, arrow keys within (src/webviews/parts/toolbar.ts). */
function actionsToolbar(label: string, buttons: HTMLButtonElement[]): HTMLElement {
  const bar = toolbar(label);
  bar.append(...buttons);
  setTabStop(bar);
  return bar;
}

function view(id: string): IncidentCardView | undefined {
  const shown = detail ?? data;
  return shown?.kind === 'incident' && shown.incident.id === id ? shown.incident : undefined;
}

function incidentCard(card: Extract<CardData, { kind: 'incident' }>, back: boolean): HTMLElement[] {
  const i = card.incident;
  const L = card.labels;
  const toList = back ? el('button', { cls: 'link back', text: `← ${L.back}`, attrs: { type: 'button', 'data-action': 'back' } }) : undefined;
  toList?.addEventListener('click', () => {
    detail = undefined;
    message = undefined;
    render();
  });
  const parts: (HTMLElement | undefined)[] = [
    toList,
    incidentHeader(i),
    factList(i.facts, openLink),
    actionsToolbar(L.actions, buttonsFor(i.id, i.actions)),
    section('alerts', L.alerts, i.alerts, L.noAlerts, (a) => alertItem(a, L, openLink)),
    section('notes', L.notes, i.notes, L.noNotes, noteItem),
  ];
  if (card.canNote) {
    parts.push(noteForm({ labels: L, draft: noteDraft, busy, busyAction: `${i.id} add_note`, onDraft: (text) => (noteDraft = text), onSubmit: (note) => void act(i.id, 'add_note', note) }));
  } else if (!card.canWrite) {
    parts.push(el('p', { cls: 'muted', text: L.readOnly }));
  }
  return parts.filter((p): p is HTMLElement => Boolean(p));
}

function listCard(card: Extract<CardData, { kind: 'list' }>): HTMLElement[] {
  const L = card.labels;
  const rows = card.rows.map((row: CardRow) => incidentRow(row, () => void open(row.id), ...buttonsFor(row.id, row.actions)));
  const parts: (HTMLElement | undefined)[] = [
    el('h2', { text: L.openIncidents, attrs: { id: 'list-heading' } }, el('span', { cls: 'count', text: ` ${card.rows.length + card.more}` })),
    rows.length ? el('ul', { cls: 'items', attrs: { 'aria-labelledby': 'list-heading' } }, ...rows.map((r) => el('li', {}, r))) : el('p', { cls: 'empty', text: L.noOpenIncidents }),
    card.more ? el('p', { cls: 'muted', text: L.more.replace('{0}', String(card.more)) }) : undefined,
    card.canWrite ? undefined : el('p', { cls: 'muted', text: L.readOnly }),
  ];
  return parts.filter((p): p is HTMLElement => Boolean(p));
}

function render(loading?: string) {
  const focused = focusKey();
  if (!data) {
    content.replaceChildren(el('p', { cls: 'muted', text: loading ?? 'Loading…' }));
    return;
  }
  const shown = detail ?? data;
  announce(status, message?.text ?? (busy ? shown.labels.working : ''), message?.error);
  content.replaceChildren(el('main', { attrs: { 'aria-labelledby': shown.kind === 'incident' ? 'incident-title' : 'list-heading' } }, ...(shown.kind === 'incident' ? incidentCard(shown, Boolean(detail)) : listCard(shown))));
  restoreFocus(root, focused);
}

/** Reads the incident again (get_incident's card), for the detail view or to update its row in a list. */
async function reload(id: string): Promise<void> {
  const fresh = cardOf((await app.callServerTool({ name: 'get_incident', arguments: { incident_id: id } })) as ToolResult);
  if (fresh?.kind !== 'incident') return;
  if (data?.kind === 'incident') data = fresh;
  if (detail) detail = fresh;
  if (data?.kind === 'list') {
    const i = fresh.incident;
    data = { ...data, rows: data.rows.map((r) => (r.id === i.id ? { ...r, ...headOf(i), actions: i.actions.filter((a) => a.action !== 'openInPagerDuty') } : r)) };
  }
}

async function open(id: string): Promise<void> {
  if (busy) return;
  const fresh = cardOf((await app.callServerTool({ name: 'get_incident', arguments: { incident_id: id } })) as ToolResult);
  if (fresh?.kind === 'incident') {
    detail = fresh;
    message = undefined;
    render();
  }
}

async function act(id: string, action: 'acknowledge' | 'resolve' | 'add_note', note?: string): Promise<void> {
  if (busy || !data) return;
  busy = `${id} ${action}`;
  message = { text: (detail ?? data).labels.confirming, error: false };
  render();
  try {
    const result = (await app.callServerTool({ name: ACTION_TOOL, arguments: { incident_id: id, action, ...(note ? { note } : {}) } })) as ToolResult;
    // The tool's name in front of an error means nothing to the person reading the card.
    message = { text: textOf(result).replace(`${ACTION_TOOL} failed: `, ''), error: Boolean(result.isError) };
    if (!result.isError && action === 'add_note') noteDraft = '';
    await reload(id);
  } catch (error) {
    message = { text: `Not done: ${error instanceof Error ? error.message : String(error)}`, error: true };
  } finally {
    busy = undefined;
    render();
  }
}

function applyHost(context: ReturnType<App['getHostContext']>) {
  if (context?.theme) applyDocumentTheme(context.theme);
  if (context?.styles?.variables) applyHostStyleVariables(context.styles.variables);
}

app.ontoolresult = (result) => {
  data = cardOf(result as ToolResult);
  detail = undefined;
  render(data ? undefined : textOf(result as ToolResult) || 'Nothing to show.');
};
app.onhostcontextchanged = (context) => applyHost(context);
render();
void app.connect().then(() => applyHost(app.getHostContext()));
