/**
 * MCP resources: PagerDuty objects a person can hand to the chat (Add Context… → MCP Resources). A resource's text is
 * exactly what the matching read tool answers (fenced, concise, redacted), because it is produced by that tool.
 */
import { NO_TOKEN } from './config';
import { ProtocolError, ProtocolErrorCode, ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import type { PagerDutyClient } from '../pagerduty/client';
import { redact } from '../pagerduty/redact';
import { ERROR_KIND_META, resultText, type Toolbox } from './registry';
import { incidentUri, MY_ONCALL_URI } from './resourceUris';
import { OpenIncidentWatch } from './resourceWatch';
import { sanitize, truncate } from '../model/untrusted';
import { readIncidentList } from '../model/toolAnswers';

/** Open incidents offered by resources/list: enough to pick from, few enough for a picker. */
export const LISTED_INCIDENTS = 25;
const TEXT = 'text/plain';

/** Each template and the read tool (and its id argument) that produces its text: declared once, here. */
export const RESOURCE_TEMPLATES = [
  { name: 'incident', uri: 'pagerduty://incidents/{id}', tool: 'get_incident', arg: 'incident_id', title: 'PagerDuty incident' },
  { name: 'service', uri: 'pagerduty://services/{id}', tool: 'get_service', arg: 'service_id', title: 'PagerDuty service' },
  { name: 'schedule', uri: 'pagerduty://schedules/{id}', tool: 'get_schedule', arg: 'schedule_id', title: 'PagerDuty schedule' },
  { name: 'user', uri: 'pagerduty://users/{id}', tool: 'get_user_data', arg: 'user_id', title: 'PagerDuty user' },
] as const;

/**
 * Runs a read tool for a resource; a tool error becomes a read error with the tool's own (actionable) text, as
 * invalid params (-32602) when the id was refused before any request, else as an internal error.
 */
async function read(toolbox: Toolbox, client: PagerDutyClient | undefined, noToken: string | undefined, uri: string, tool: string, args: Record<string, unknown>) {
  if (!client) throw new Error(noToken ?? NO_TOKEN);
  const result = await toolbox.call(tool, args, { client, now: () => new Date() });
  const text = resultText(result);
  if (result.isError) throw (result._meta as Record<string, unknown> | undefined)?.[ERROR_KIND_META] === 'invalid_arguments' ? new ProtocolError(ProtocolErrorCode.InvalidParams, text) : new Error(text);
  return { contents: [{ uri, mimeType: TEXT, text }] };
}

/** The id part of a resource URI, decoded; a malformed escape (%ZZ) is the caller's error, not ours. */
function idOf(uri: string, raw: unknown): string {
  try {
    return decodeURIComponent(String(raw));
  } catch {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${truncate(sanitize(uri), 200)}: the id is not valid percent-encoding.`);
  }
}

/** My open incidents, newest first, as listed resources (the watch compares their ids to notice changes). */
export async function listMine(toolbox: Toolbox, client: PagerDutyClient) {
  const result = await toolbox.call(
    'list_incidents',
    { scope: 'assigned', statuses: ['triggered', 'acknowledged'], limit: LISTED_INCIDENTS, sort_by: 'created_at:desc' },
    { client, now: () => new Date() },
  );
  if (result.isError) throw new Error(resultText(result));
  return readIncidentList(result).incidents.map((i) => ({
    uri: incidentUri(i.id),
    name: `#${i.number}`,
    // Shown in the picker, not to the model; still stripped of control characters and bounded.
    title: `#${i.number} ${truncate(sanitize(i.title), 100)}`,
    description: `${i.status}, ${i.urgency} urgency`,
    mimeType: TEXT,
  }));
}

/**
 * `reader` must be a Toolbox with the read tools enabled and structured output on, whatever the model is offered:
 * a resource is a person's choice, not a model's.
 */
/** Returns the stop of the open-incident watch, for when the server closes. */
export function registerResources(server: McpServer, reader: Toolbox, client: PagerDutyClient | undefined, pollMs: number, noToken?: string): () => void {
  const watch = client ? new OpenIncidentWatch(() => listMine(reader, client).then((r) => r.map((x) => x.uri)), () => server.sendResourceListChanged(), pollMs) : undefined;

  for (const t of RESOURCE_TEMPLATES) {
    const list =
      t.name === 'incident'
        ? async () => {
            if (!client) return { resources: [] };
            // A failed listing must not empty the whole picker (the on-call status and templates stay usable).
            const resources = await listMine(reader, client).catch(() => []);
            watch?.listed(resources.map((r) => r.uri));
            return { resources };
          }
        : undefined;
    server.registerResource(t.name, new ResourceTemplate(t.uri, { list }), { title: t.title, mimeType: TEXT }, (uri, variables) =>
      read(reader, client, noToken, uri.href, t.tool, { [t.arg]: idOf(uri.href, variables.id) }),
    );
  }

  // Listed templates are the PagerDuty objects only: the incident card's ui:// resource (apps/incidentCard.ts) is
  // readable by MCP Apps hosts but is no context for a person to pick.
  server.server.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: RESOURCE_TEMPLATES.map((t) => ({ name: t.name, uriTemplate: t.uri, title: t.title, mimeType: TEXT })),
  }));

  server.registerResource('my-oncall', MY_ONCALL_URI, { title: 'My on-call status', description: 'Where I am on call now and next', mimeType: TEXT }, async (uri) => {
    // The client's own message names the cause (revoked token, role, rate limit, outage, or an account-level key).
    const me = client ? await client.me().catch((error: Error) => Promise.reject(new Error(`My on-call status failed: ${redact(sanitize(error.message))}`))) : undefined;
    return read(reader, client, noToken, uri.href, 'list_oncalls', { user_ids: me ? [me.id] : [] });
  });
  return () => watch?.stop();
}
