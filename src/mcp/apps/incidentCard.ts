/**
 * The incident card (MCP Apps): for hosts that render MCP Apps, get_incident's tool points at a small HTML app
 * (ui://pagerduty/incident-card) and its result carries the card's data in `_meta`. The model still receives only the
 * tool's concise fenced text: the data is not in `content` or `structuredContent`, which hosts give the model.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { CallResult, Toolbox } from '../registry';
import type { ToolContext } from '../tools/types';

export const CARD_URI = 'ui://pagerduty/incident-card';
/** MCP Apps' HTML resource type and client capability (@modelcontextprotocol/ext-apps RESOURCE_MIME_TYPE, EXTENSION_ID). */
export const APP_MIME = 'text/html;profile=mcp-app';
const UI_EXTENSION = 'io.modelcontextprotocol/ui';
/** Where a get_incident result carries the card's data. */
export const CARD_META = 'pagerduty/incidentCard';
export const CARD_TOOL = 'get_incident';
/** Alerts and notes shown on the card: the latest few, as on the incident page's summary. */
const CARD_ITEMS = 5;

declare const __INCIDENT_CARD_HTML__: string | undefined;
const CARD_HTML = typeof __INCIDENT_CARD_HTML__ === 'string' ? __INCIDENT_CARD_HTML__ : undefined;

export function supportsApps(capabilities: ClientCapabilities | undefined): boolean {
  const ui = (capabilities as { extensions?: Record<string, { mimeTypes?: string[] }> } | undefined)?.extensions?.[UI_EXTENSION];
  return Boolean(CARD_HTML && ui?.mimeTypes?.includes(APP_MIME));
}

/** tools/list for an MCP Apps host: get_incident names the card. */
export function withCard<T extends { name: string }>(tools: T[]): (T & { _meta?: Record<string, unknown> })[] {
  return tools.map((t) => (t.name === CARD_TOOL ? { ...t, _meta: { ui: { resourceUri: CARD_URI } } } : t));
}

/**
 * get_incident for an MCP Apps host: the same text, plus the card's data (incident, latest alerts and notes) in _meta.
 * `reader` has structured output on; what the model is given keeps only `content` (and structuredContent if the
 * server publishes it anyway).
 */
export async function callWithCard(reader: Toolbox, args: unknown, ctx: ToolContext, keepStructured: boolean): Promise<CallResult> {
  const result = await reader.call(CARD_TOOL, args, ctx);
  const incident = result.structuredContent?.incident as { id: string } | undefined;
  if (result.isError || !incident) return keepStructured ? result : { ...result, structuredContent: undefined };
  const list = async (tool: string, key: string) => {
    const r = await reader.call(tool, { incident_id: incident.id, ...(tool === 'list_alerts_from_incident' ? { limit: CARD_ITEMS } : {}) }, ctx);
    return r.isError ? [] : ((r.structuredContent?.[key] as unknown[]) ?? []).slice(-CARD_ITEMS);
  };
  const [alerts, notes] = await Promise.all([list('list_alerts_from_incident', 'alerts'), list('list_incident_notes', 'notes')]);
  const { structuredContent, ...rest } = result;
  return { ...rest, ...(keepStructured ? { structuredContent } : {}), _meta: { ...(result._meta as object), [CARD_META]: { incident, alerts, notes } } };
}

/** The card's HTML, readable but not listed (it is not context for a person to attach). */
export function registerCard(server: McpServer): void {
  if (!CARD_HTML) return;
  server.registerResource('incident-card', new ResourceTemplate('ui://pagerduty/{app}', { list: undefined }), { title: 'PagerDuty incident card', mimeType: APP_MIME }, (uri) => {
    if (uri.href !== CARD_URI) throw new Error(`No such app: ${uri.href}`);
    return { contents: [{ uri: CARD_URI, mimeType: APP_MIME, text: CARD_HTML, _meta: { ui: { prefersBorder: true } } }] };
  });
}
