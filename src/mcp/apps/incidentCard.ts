/**
 * The incident card (MCP Apps): for hosts that render MCP Apps, get_incident and list_incidents (on the hosted surface
 * browse_incidents, whose get and list run them) point at a small HTML app (ui://pagerduty/incident-card) and their
 * results carry the card's data in `_meta`. The model still receives only
 * the tool's concise fenced text: the data is not in `content` or `structuredContent`, which hosts give the model.
 * The card's buttons call the app-only incident_card_action (cardAction.ts), listed only when one of its writes
 * (manage_incidents, add_note_to_incident) is enabled by the write setting, toolsets and allowed tools.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProtocolError, ProtocolErrorCode, ResourceTemplate, type ClientCapabilities, type McpServer, type ServerContext } from '@modelcontextprotocol/server';
import { formatOnly } from '../../model/translate';
import { incidentCard, listCard, type CardData, type IncidentCardView } from '../../model/incidentPage/cardModel';
import { HOSTED_FORM } from '../hosted/table';
import type { CallResult, PublishedTool, RoutedCall, Toolbox } from '../registry';
import type { ToolContext } from '../tools/types';
import { ANSWER_MAX_CHARS, clipDeep, sanitize, truncate } from '../../model/untrusted';
import { readIncidentList, readIncident } from '../../model/toolAnswers';
import { requestApi } from './requestApi';

export const CARD_URI = 'ui://pagerduty/incident-card';
/** MCP Apps' HTML resource type and client capability (@modelcontextprotocol/ext-apps RESOURCE_MIME_TYPE, EXTENSION_ID). */
export const APP_MIME = 'text/html;profile=mcp-app';
const UI_EXTENSION = 'io.modelcontextprotocol/ui';
/** Where a result carries the card's data. */
export const CARD_META = 'pagerduty/incidentCard';
/** The tools whose answers show as a card. */
export const CARD_TOOLS: readonly string[] = ['get_incident', 'list_incidents'];
/** The tools listed with the card: those, and on the hosted surface the tool whose actions they are (browse_incidents). */
const CARD_LISTED: ReadonlySet<string> = new Set([...CARD_TOOLS, ...CARD_TOOLS.flatMap((t) => HOSTED_FORM.get(t)?.tool ?? [])]);
/** The card's data, as JSON, is held to the cap of a tool's text: it is rendered in the chat, and sent in one message. */
export const CARD_MAX_CHARS = ANSWER_MAX_CHARS;

/**
 * The card's page, built beside the server bundle (scripts/build-mcp-app.mjs). Read once, and only for MCP Apps hosts:
 * compiled in, its 270 KB were parsed on every server start. Without the file (running from source) there is no card.
 */
const CARD_FILE = join(__dirname, 'mcp-apps', 'incident-card.html');
let cardFile: { html?: string } | undefined;
function cardHtml(): string | undefined {
  if (!cardFile) {
    try {
      cardFile = { html: readFileSync(CARD_FILE, 'utf8') };
    } catch {
      cardFile = {};
    }
  }
  return cardFile.html;
}

export function supportsApps(capabilities: ClientCapabilities | undefined): boolean {
  const ui = (capabilities as { extensions?: Record<string, { mimeTypes?: string[] }> } | undefined)?.extensions?.[UI_EXTENSION];
  return Boolean(ui?.mimeTypes?.includes(APP_MIME) && cardHtml());
}

/** tools/list for an MCP Apps host: the card tools name the card; the card's own action tool is for the app only. */
export function withCard(tools: PublishedTool[], appOnly: PublishedTool[]): (PublishedTool & { _meta?: Record<string, unknown> })[] {
  return [
    ...tools.map((t) => (CARD_LISTED.has(t.name) ? { ...t, _meta: { ui: { resourceUri: CARD_URI } } } : t)),
    ...appOnly.map((t) => ({ ...t, _meta: { ui: { resourceUri: CARD_URI, visibility: ['app'] } } })),
  ];
}

/**
 * A card tool for an MCP Apps host: the same text, plus the card's data in _meta. `reader` has structured output on;
 * what the model is given keeps only `content` (and structuredContent if the server publishes it anyway). `call` is
 * as the model's toolbox routes it (Toolbox.route): on the hosted surface, browse_incidents get/list as its twin, with
 * errors in hosted terms.
 */
export async function callWithCard(
  { tool: name, args, view }: RoutedCall,
  reader: Toolbox,
  ctx: ToolContext,
  opts: { keepStructured: boolean; status: boolean; note: boolean },
): Promise<CallResult> {
  const result = await reader.call(name, args, ctx, view);
  const card = result.isError ? undefined : boundedCard(clipDeep(await cardOf(name, result, reader, ctx, opts)));
  const { structuredContent, ...rest } = result;
  const meta = typeof result._meta === 'object' ? result._meta : undefined;
  return { ...rest, ...(opts.keepStructured ? { structuredContent } : {}), ...(card ? { _meta: { ...meta, [CARD_META]: card } } : {}) };
}

const size = (value: unknown) => JSON.stringify(value).length;

/**
 * The card within CARD_MAX_CHARS: a list loses rows from its end (counted in `more`), an incident its oldest alerts
 * and notes; a card still too large (huge facts) is not sent, and the host shows the tool's text instead.
 */
export function boundedCard(card: CardData | undefined): CardData | undefined {
  if (!card) return undefined;
  // At most CARD_ROWS rows or 2 × CARD_ITEMS items to drop, each a re-measure of a card of at most a few MB.
  while (size(card) > CARD_MAX_CHARS) {
    if (card.kind === 'list' && card.rows.length) {
      card = { ...card, rows: card.rows.slice(0, -1), more: card.more + 1 };
    } else if (card.kind === 'incident' && (card.incident.alerts.items.length || card.incident.notes.items.length)) {
      const incident: IncidentCardView = card.incident;
      const { alerts, notes } = incident;
      const cut = <T>(section: { items: T[] }) => ({ ...section, items: section.items.slice(1) });
      const fromAlerts = size(alerts.items) >= size(notes.items);
      card = { ...card, incident: { ...incident, alerts: fromAlerts ? cut(alerts) : alerts, notes: fromAlerts ? notes : cut(notes) } };
    } else {
      return undefined;
    }
  }
  return card;
}

async function cardOf(name: string, result: CallResult, reader: Toolbox, ctx: ToolContext, writes: { status: boolean; note: boolean }): Promise<CardData | undefined> {
  const now = ctx.now().getTime();
  if (name === 'list_incidents') return listCard(readIncidentList(result).incidents, now, formatOnly, writes.status);
  const id = readIncident(result)?.id;
  if (!id) return undefined;
  const sections = await requestApi(reader, ctx).incidents.cardSections(id);
  return incidentCard({ incident: result, ...sections }, now, formatOnly, writes.status, writes.note);
}

/**
 * The card's HTML, readable but not listed (it is not context for a person to attach), and only by MCP Apps hosts
 * (`apps`, asked at read time). The file is read at the first read, not at start.
 */
export function registerCard(server: McpServer, apps: (ctx: ServerContext) => boolean): void {
  server.registerResource('incident-card', new ResourceTemplate('ui://pagerduty/{app}', { list: undefined }), { title: 'PagerDuty incident card', mimeType: APP_MIME }, (uri, _variables, ctx) => {
    const html = uri.href === CARD_URI && apps(ctx) ? cardHtml() : undefined;
    if (!html) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No such app: ${truncate(sanitize(uri.href), 200)}`);
    return { contents: [{ uri: CARD_URI, mimeType: APP_MIME, text: html, _meta: { ui: { prefersBorder: true } } }] };
  });
}
