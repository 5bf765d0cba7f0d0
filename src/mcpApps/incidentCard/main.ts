/**
 * The incident card, an MCP App rendered by the host in a sandboxed iframe. It shows the data get_incident's result
 * carries in _meta (never fetched from elsewhere) and acts through the host's tools/call, so the host's confirmation
 * applies to Acknowledge, Resolve and Add note. PagerDuty text is only ever set as textContent.
 */
import { App } from '@modelcontextprotocol/ext-apps';

const CARD_META = 'pagerduty/incidentCard';

interface Ref {
  id: string;
  name: string;
}
interface CardData {
  incident: {
    id: string;
    number: number;
    title: string;
    status: 'triggered' | 'acknowledged' | 'resolved';
    urgency: string;
    priority?: Ref | null;
    service?: Ref | null;
    escalation_policy?: Ref | null;
    assignees?: Ref[];
    html_url?: string;
  };
  alerts: { id: string; summary: string; status?: string; severity?: string; created_at?: string }[];
  notes: { id: string; content: string; created_at?: string; user?: Ref | null }[];
}
interface ToolResult {
  isError?: boolean;
  content?: { type: string; text?: string }[];
  _meta?: Record<string, unknown>;
}

const app = new App({ name: 'PagerDuty incident card', version: '1.0.0' });
const root = document.getElementById('card')!;
let current: CardData | undefined;
let busy = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: (Node | undefined)[]) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) if (child) node.append(child);
  return node;
}

function row(label: string, value: string | undefined) {
  return value ? el('div', { className: 'row' }, el('span', { className: 'label', text: label }), el('span', { text: value })) : undefined;
}

function button(label: string, action: string, primary = false) {
  const b = el('button', { text: label, className: primary ? 'primary' : '' });
  b.dataset.action = action;
  b.disabled = busy;
  b.addEventListener('click', () => void act(action));
  return b;
}

function render(message?: string) {
  root.replaceChildren();
  if (!current) {
    root.append(el('p', { className: 'muted', text: message ?? 'Loading incident…' }));
    return;
  }
  const i = current.incident;
  root.append(
    el('header', {}, el('strong', { text: `#${i.number} ` }), el('span', { className: 'title', text: i.title })),
    el('div', { className: 'badges' }, el('span', { className: `badge ${i.status}`, text: i.status }), el('span', { className: `badge ${i.urgency}`, text: `${i.urgency} urgency` })),
    el(
      'div',
      { className: 'rows' },
      row('Service', i.service?.name),
      row('Priority', i.priority?.name ?? 'none'),
      row('Assigned to', i.assignees?.map((a) => a.name).join(', ') || 'nobody'),
      row('Escalation policy', i.escalation_policy?.name),
    ),
  );
  if (current.alerts.length) {
    root.append(el('h3', { text: 'Latest alerts' }), el('ul', {}, ...current.alerts.map((a) => el('li', { text: `${a.severity ? `[${a.severity}] ` : ''}${a.summary}${a.status ? ` (${a.status})` : ''}` }))));
  }
  if (current.notes.length) {
    root.append(el('h3', { text: 'Latest notes' }), el('ul', {}, ...current.notes.map((n) => el('li', { text: `${n.user?.name ? `${n.user.name}: ` : ''}${n.content}` }))));
  }
  const actions = el('div', { className: 'actions' });
  if (i.status === 'triggered') actions.append(button('Acknowledge', 'acknowledge', true));
  if (i.status !== 'resolved') actions.append(button('Resolve', 'resolve'));
  const note = el('textarea') as HTMLTextAreaElement;
  note.placeholder = 'Add a note';
  note.id = 'note';
  note.disabled = busy;
  actions.append(note, button('Add note', 'note'));
  root.append(actions);
  if (message) root.append(el('p', { className: 'message', text: message }));
}

function cardFrom(result: ToolResult): CardData | undefined {
  return result._meta?.[CARD_META] as CardData | undefined;
}

function textOf(result: ToolResult): string {
  return (result.content ?? []).map((c) => c.text ?? '').join('\n');
}

async function refresh(message?: string) {
  if (!current) return;
  const result = (await app.callServerTool({ name: 'get_incident', arguments: { incident_id: current.incident.id } })) as ToolResult;
  current = cardFrom(result) ?? current;
  render(message);
}

async function act(action: string) {
  if (!current || busy) return;
  const id = current.incident.id;
  const noteText = (document.getElementById('note') as HTMLTextAreaElement | null)?.value.trim() ?? '';
  if (action === 'note' && !noteText) return render('Write the note first.');
  const call =
    action === 'note'
      ? { name: 'add_note_to_incident', arguments: { incident_id: id, note: noteText } }
      : { name: 'manage_incidents', arguments: { incident_ids: [id], status: action === 'acknowledge' ? 'acknowledged' : 'resolved' } };
  busy = true;
  render('Waiting for confirmation…');
  try {
    const result = (await app.callServerTool(call)) as ToolResult;
    busy = false;
    await refresh(result.isError ? textOf(result) : 'Done.');
  } catch (error) {
    busy = false;
    render(`Not done: ${error instanceof Error ? error.message : String(error)}`);
  }
}

app.ontoolresult = (result) => {
  current = cardFrom(result as ToolResult);
  render(current ? undefined : textOf(result as ToolResult) || 'No incident to show.');
};
render();
void app.connect();
