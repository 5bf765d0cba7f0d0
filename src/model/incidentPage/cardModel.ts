/**
 * What the incident card in chat (MCP Apps) shows: the incident page's view model cut to a card (header, key facts,
 * latest alerts and notes, Acknowledge / Resolve), or a list of open incidents as rows. Pure functions, no `vscode`:
 * the MCP server builds these and sends them in a result's _meta, the card renders them with the page's DOM pieces.
 */
import type { IncidentPageResults } from '../toolResults';
import type { IncidentSummary } from '../shapes';
import type { Translate } from '../translate';
import { buildIncidentView, headOf, incidentActions, incidentRowView, pageLabels, type ActionView, type IncidentHead, type IncidentRowView, type IncidentView, type PageLabel } from './viewModel';

/** Alerts and notes on a card: the latest few; the rest is one click away in the incident page. */
export const CARD_ITEMS = 5;
/** Rows on a list card; more would make a chat message longer than the conversation around it. */
export const CARD_ROWS = 20;

const CARD_ACTIONS = new Set(['acknowledge', 'resolve', 'openInPagerDuty']);

export type CardLabel = PageLabel | 'openIncidents' | 'noOpenIncidents' | 'more' | 'back' | 'readOnly' | 'confirming';

export type CardLabels = Record<CardLabel, string>;

export type IncidentCardView = IncidentHead & Pick<IncidentView, 'url' | 'facts' | 'actions' | 'alerts' | 'notes'>;

/** A list row with the card's actions (not Open in PagerDuty: the row's title opens the incident's card). */
export type CardRow = IncidentRowView & { actions: ActionView[] };

export type CardData =
  /** canWrite: the Acknowledge / Resolve buttons (manage_incidents); canNote: the note form (add_note_to_incident). */
  | { kind: 'incident'; incident: IncidentCardView; labels: CardLabels; canWrite: boolean; canNote: boolean }
  | { kind: 'list'; rows: CardRow[]; more: number; labels: CardLabels; canWrite: boolean };

export function cardLabels(t: Translate): CardLabels {
  return {
    ...pageLabels(t),
    openIncidents: t('Open incidents'),
    noOpenIncidents: t('No open incidents in this answer.'),
    more: t('{0} more open incidents are in the answer; ask Copilot or open the PagerDuty sidebar.'),
    back: t('All incidents'),
    readOnly: t('PagerDuty write tools are off (setting pagerduty.enableWriteTools): this card can only show.'),
    confirming: t('Confirm in VS Code…'),
  };
}

/** The page's actions a card offers: Acknowledge and Resolve only when writes are on, and those the status allows. */
function cardActions(actions: ActionView[], canWrite: boolean, row = false): ActionView[] {
  return actions.filter((a) => CARD_ACTIONS.has(a.action) && (a.action === 'openInPagerDuty' ? !row : canWrite && a.enabled));
}

/** The card of one incident; none when get_incident failed (the host shows the tool's error text instead). */
export function incidentCard(
  results: Pick<IncidentPageResults, 'incident' | 'alerts' | 'notes'>,
  now: number,
  t: Translate,
  canWrite: boolean,
  canNote = canWrite,
): CardData | undefined {
  const view = buildIncidentView(results, now, t);
  if ('error' in view) return undefined;
  return {
    kind: 'incident',
    incident: {
      ...headOf(view),
      url: view.url,
      // Status and urgency are the badges already.
      facts: view.facts.slice(2),
      actions: cardActions(view.actions, canWrite),
      alerts: { ...view.alerts, items: view.alerts.items.slice(-CARD_ITEMS) },
      notes: { ...view.notes, items: view.notes.items.slice(-CARD_ITEMS) },
    },
    labels: cardLabels(t),
    canWrite,
    canNote,
  };
}

/** The card of a list_incidents answer: its open incidents, newest first as listed. */
export function listCard(incidents: IncidentSummary[], now: number, t: Translate, canWrite: boolean): CardData {
  const open = incidents.filter((i) => i.status !== 'resolved');
  return { kind: 'list', rows: open.slice(0, CARD_ROWS).map((i) => ({ ...incidentRowView(i, now, t), actions: cardActions(incidentActions(i, t), canWrite, true) })), more: Math.max(0, open.length - CARD_ROWS), labels: cardLabels(t), canWrite };
}
