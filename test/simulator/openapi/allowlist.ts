/**
 * Known defects in PagerDuty's published OpenAPI document, corrected at load time so the simulator
 * can answer the way the live API does and still validate everything else strictly.
 * Keep each entry to one defect with a one-line reason; prefer patching the document over ignoring
 * whole classes of violations.
 */
import type { JsonObject } from './spec';

export interface SpecPatch {
  why: string;
  apply(doc: JsonObject): void;
}

function op(doc: JsonObject, path: string, method: string): JsonObject {
  const paths = doc.paths as JsonObject;
  const item = paths[path] as JsonObject | undefined;
  const operation = item?.[method] as JsonObject | undefined;
  if (!operation) throw new Error(`allowlist: ${method.toUpperCase()} ${path} is no longer in the spec; drop its patch`);
  return operation;
}

function schema(doc: JsonObject, name: string): JsonObject {
  const found = ((doc.components as JsonObject).schemas as JsonObject)[name] as JsonObject | undefined;
  if (!found) throw new Error(`allowlist: schema ${name} is no longer in the spec; drop its patch`);
  return found;
}

export const specPatches: SpecPatch[] = [
  {
    why: 'these operations answer invalid input with 400 and unknown ids with 404 like every other, but the spec omits those responses',
    apply(doc) {
      const missing: Array<[string, string, string]> = [
        ['/alert_grouping_settings', 'get', '400'],
        ['/incidents/{id}/alerts', 'get', '404'],
        ['/escalation_policies/{id}', 'put', '400'],
      ];
      // PagerDuty's generic error body: {error: {code, message, errors: [string]}}.
      const generic = structuredClone(((doc.components as JsonObject).responses as JsonObject).Conflict) as JsonObject;
      for (const [path, method, status] of missing) {
        const responses = op(doc, path, method).responses as JsonObject;
        responses[status] ??= generic;
      }
    },
  },
  {
    why: "incident body details is text in the live API and in the spec's own POST /incidents example, but the schema types it object",
    apply(doc) {
      const properties = schema(doc, 'IncidentBody').properties as JsonObject;
      properties.details = { anyOf: [{ type: 'string' }, { type: 'object' }], description: 'Additional incident details.' };
    },
  },
  {
    why: 'GET /incidents accepts priority_ids[] (the web UI and CLIs use it) but the spec does not document it',
    apply(doc) {
      const operation = op(doc, '/incidents', 'get');
      (operation.parameters as JsonObject[]).push({
        name: 'priority_ids[]',
        in: 'query',
        schema: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      });
    },
  },
  {
    why: 'the live API types acknowledgements as "acknowledge_log_entry"; the spec only allows "acknowledgement_log_entry"',
    apply(doc) {
      const parts = (schema(doc, 'AcknowledgeLogEntry').allOf as JsonObject[] | undefined) ?? [];
      for (const part of parts) {
        const type = (part.properties as JsonObject | undefined)?.type as JsonObject | undefined;
        if (Array.isArray(type?.enum)) type.enum.push('acknowledge_log_entry');
      }
    },
  },
  {
    why: 'on-calls from a direct user target have schedule, start and end null (the spec describes this but omits nullable)',
    apply(doc) {
      const properties = schema(doc, 'Oncall').properties as JsonObject;
      for (const key of ['schedule', 'start', 'end']) (properties[key] as JsonObject).nullable = true;
    },
  },
  {
    why: 'GET /oncalls with include[]=users / include[]=escalation_policies returns full objects; the spec allows only references',
    apply(doc) {
      const properties = schema(doc, 'Oncall').properties as JsonObject;
      properties.user = { anyOf: [{ $ref: '#/components/schemas/UserReference' }, { $ref: '#/components/schemas/User' }] };
      properties.escalation_policy = {
        anyOf: [{ $ref: '#/components/schemas/EscalationPolicyReference' }, { $ref: '#/components/schemas/EscalationPolicy' }],
      };
    },
  },
  {
    why: "Channel's oneOf branches have no required fields, so every channel matches several; anyOf is the intent",
    apply(doc) {
      const channel = schema(doc, 'Channel');
      channel.anyOf = channel.oneOf;
      delete channel.oneOf;
    },
  },
  {
    why: 'open incidents, and ones without priority or resolve reason, carry null there (the spec\'s own example does)',
    apply(doc) {
      const parts = (schema(doc, 'Incident').allOf as JsonObject[] | undefined) ?? [schema(doc, 'Incident')];
      const properties = parts.find((p) => (p.properties as JsonObject | undefined)?.priority)?.properties as JsonObject;
      for (const key of ['priority', 'resolve_reason', 'resolved_at']) (properties[key] as JsonObject).nullable = true;
    },
  },
  {
    why: 'Service timeouts are null when the feature is off (the spec\'s own description says so) but are typed integer only',
    apply(doc) {
      const parts = (schema(doc, 'Service').allOf as JsonObject[] | undefined) ?? [schema(doc, 'Service')];
      const properties = parts.find((p) => (p.properties as JsonObject | undefined)?.auto_resolve_timeout)?.properties as JsonObject;
      for (const key of ['auto_resolve_timeout', 'acknowledgement_timeout']) (properties[key] as JsonObject).nullable = true;
    },
  },
  {
    why: 'status page lists page with limit/offset/total like every list (their responses echo them) but the spec omits the parameters',
    apply(doc) {
      const lists = [
        '/status_pages',
        '/status_pages/{id}/severities',
        '/status_pages/{id}/impacts',
        '/status_pages/{id}/statuses',
        '/status_pages/{id}/services',
        '/status_pages/{id}/posts',
        '/status_pages/{id}/posts/{post_id}/post_updates',
      ];
      for (const path of lists) {
        const parameters = op(doc, path, 'get').parameters as JsonObject[];
        for (const name of ['limit', 'offset']) parameters.push({ name, in: 'query', schema: { type: 'integer' } });
        parameters.push({ name: 'total', in: 'query', schema: { type: 'boolean' } });
      }
    },
  },
  {
    why: 'a new post\'s updates cannot reference the post that does not exist yet, but the shared update schema requires "post"',
    apply(doc) {
      const post = schema(doc, 'StatusPagePostPostRequest');
      const updates = (post.properties as JsonObject).updates as JsonObject;
      const update = structuredClone(schema(doc, 'StatusPagePostUpdateRequest'));
      update.required = (update.required as string[]).filter((name) => name !== 'post');
      updates.items = update;
    },
  },
  {
    why: 'analytics responder_id is a user id such as "PABC123" but the spec types it integer',
    apply(doc) {
      const properties = schema(doc, 'AnalyticsResponderMetrics').properties as JsonObject;
      properties.responder_id = { type: 'string', description: 'Responder (user) id' };
    },
  },
  {
    why: 'with include[]=teams, users carry full Team objects (type "team"); the spec allows only team references',
    apply(doc) {
      const parts = schema(doc, 'User').allOf as JsonObject[];
      const properties = parts.find((p) => (p.properties as JsonObject | undefined)?.teams)?.properties as JsonObject;
      (properties.teams as JsonObject).items = { anyOf: [{ $ref: '#/components/schemas/TeamReference' }, { $ref: '#/components/schemas/Team' }] };
    },
  },
  {
    why: 'GET /teams/{id}/members with include[]=users returns full User objects; the spec allows only user references',
    apply(doc) {
      const response = (op(doc, '/teams/{id}/members', 'get').responses as JsonObject)['200'] as JsonObject;
      const parts = ((response.content as JsonObject)['application/json'] as JsonObject).schema as JsonObject;
      const members = (parts.allOf as JsonObject[]).find((p) => (p.properties as JsonObject | undefined)?.members)!.properties as JsonObject;
      const item = (members.members as JsonObject).items as JsonObject;
      (item.properties as JsonObject).user = { anyOf: [{ $ref: '#/components/schemas/UserReference' }, { $ref: '#/components/schemas/User' }] };
    },
  },
  {
    why: "GET /services/{id} with include[]=integrations returns full Integration objects (the spec's own description says so); its items allow only references",
    apply(doc) {
      const parts = (schema(doc, 'Service').allOf as JsonObject[] | undefined) ?? [schema(doc, 'Service')];
      const properties = parts.find((p) => (p.properties as JsonObject | undefined)?.integrations)?.properties as JsonObject;
      (properties.integrations as JsonObject).items = {
        anyOf: [{ $ref: '#/components/schemas/IntegrationReference' }, { $ref: '#/components/schemas/Integration' }],
      };
    },
  },
  {
    why: "an Events API v2 integration carries its integration_key (the routing key events are sent with), which the spec's Integration omits",
    apply(doc) {
      const parts = schema(doc, 'Integration').allOf as JsonObject[];
      const properties = parts.find((p) => (p.properties as JsonObject | undefined)?.vendor)!.properties as JsonObject;
      properties.integration_key = { type: 'string', pattern: '^[A-Za-z0-9]{32}$', readOnly: true };
    },
  },
  {
    why: 'DELETE /teams/{id} answers 404 for an unknown team, like its sibling endpoints, but the spec omits it',
    apply(doc) {
      (op(doc, '/teams/{id}', 'delete').responses as JsonObject)['404'] = { $ref: '#/components/responses/NotFound' };
    },
  },
  {
    why: 'change event since/until carry the literal pattern "YYYY-MM-DDThh:mm:ssZ" (a format hint, not a regex), which no timestamp matches',
    apply(doc) {
      const parameters = (doc.components as JsonObject).parameters as JsonObject;
      for (const name of ['change_since', 'change_until']) delete ((parameters[name] as JsonObject).schema as JsonObject).pattern;
    },
  },
  {
    why: 'GET /incident_workflows/{id} documents its success as 201; the live API answers 200 with the same body',
    apply(doc) {
      const responses = op(doc, '/incident_workflows/{id}', 'get').responses as JsonObject;
      responses['200'] = responses['201'];
    },
  },
  {
    why: 'PUT /incidents/{id} answers invalid input (already resolved, missing From) with 400 like PUT /incidents; the spec omits it',
    apply(doc) {
      const responses = op(doc, '/incidents/{id}', 'put').responses as JsonObject;
      responses['400'] ??= { $ref: '#/components/responses/ArgumentError' };
    },
  },
  {
    why: 'GET /event_orchestrations answers with offset/limit/more/total like every offset list but does not document the total parameter',
    apply(doc) {
      (op(doc, '/event_orchestrations', 'get').parameters as JsonObject[]).push({ name: 'total', in: 'query', schema: { type: 'boolean' } });
    },
  },
  {
    why: 'the Webhook* error responses document no body, but PagerDuty sends its standard {"error": …} body on them as everywhere else',
    apply(doc) {
      const responses = (doc.components as JsonObject).responses as JsonObject;
      const standard = (responses.NotFound as JsonObject).content;
      for (const name of ['WebhookBadRequest', 'WebhookUnauthorized', 'WebhookForbidden', 'WebhookNotFound']) {
        const response = responses[name] as JsonObject | undefined;
        if (!response) throw new Error(`allowlist: response ${name} is no longer in the spec; drop its patch`);
        response.content ??= structuredClone(standard);
      }
    },
  },
  {
    why: "an incident's alert grouping has ended_at null while it is still active (the spec's own example does), but it is typed string only",
    apply(doc) {
      const parts = (schema(doc, 'Incident').allOf as JsonObject[] | undefined) ?? [schema(doc, 'Incident')];
      const grouping = parts.find((p) => (p.properties as JsonObject | undefined)?.alert_grouping)?.properties as JsonObject;
      (((grouping.alert_grouping as JsonObject).properties as JsonObject).ended_at as JsonObject).nullable = true;
    },
  },
  {
    why: "an incident's alert_grouping is null when it has no alerts (its own description says so), but it is typed object only",
    apply(doc) {
      const parts = (schema(doc, 'Incident').allOf as JsonObject[] | undefined) ?? [schema(doc, 'Incident')];
      const grouping = parts.find((p) => (p.properties as JsonObject | undefined)?.alert_grouping)?.properties as JsonObject;
      (grouping.alert_grouping as JsonObject).nullable = true;
    },
  },
  {
    why: 'past incidents answer total null unless total=true is sent (the parameter says so), but total is typed number only',
    apply(doc) {
      const answer = ((op(doc, '/incidents/{id}/past_incidents', 'get').responses as JsonObject)['200'] as JsonObject).content as JsonObject;
      const properties = ((answer['application/json'] as JsonObject).schema as JsonObject).properties as JsonObject;
      (properties.total as JsonObject).nullable = true;
    },
  },
  {
    why: "support hours are wall-clock times in the service's time zone (\"09:00:00\", as the spec's own example), but format time demands an offset",
    apply(doc) {
      const properties = schema(doc, 'SupportHours').properties as JsonObject;
      for (const key of ['start_time', 'end_time']) (properties[key] as JsonObject).format = 'iso-time';
    },
  },
];
