/**
 * V3 webhook subscriptions and the extension-schema catalogue. Per-simulator state in a WeakMap with its own
 * PRNG, so the core seed's ids do not move. Subscriptions keep their signing secret, which the API shows only
 * in the response to the create call.
 */
import type { SimState } from '../state';
import { Prng } from './prng';

/** Event types PagerDuty's V3 webhooks deliver; one list shared with the tool's enum so they cannot drift. */
export { WEBHOOK_EVENTS } from '../../../src/mcp/tools/webhooks';

export type FilterType = 'account_reference' | 'service_reference' | 'team_reference';

export interface WebhookRec {
  id: string;
  deliveryId: string;
  url: string;
  secret: string;
  custom_headers: { name: string; value: string }[];
  description: string;
  events: string[];
  filter: { type: FilterType; id?: string };
  active: boolean;
  temporarily_disabled: boolean;
}

export interface ExtensionSchemaRec {
  id: string;
  key: string;
  label: string;
  description: string;
  send_types: string[];
}

export interface WebhooksState {
  prng: Prng;
  subscriptions: Map<string, WebhookRec>;
  schemas: Map<string, ExtensionSchemaRec>;
}

const SCHEMAS: Omit<ExtensionSchemaRec, 'id'>[] = [
  { key: 'generic_v2_webhook', label: 'Generic V2 Webhook', description: 'Send incident events to any HTTP endpoint (V2 format).', send_types: ['trigger', 'acknowledge', 'resolve', 'delegate', 'escalate', 'unacknowledge', 'assign'] },
  { key: 'custom_webhook', label: 'Custom Incident Action', description: 'A button on incidents that POSTs the incident to a URL.', send_types: ['custom'] },
  { key: 'slack_v2', label: 'Slack V2', description: 'Post incident notifications to a Slack channel.', send_types: ['trigger', 'acknowledge', 'resolve', 'escalate', 'assign'] },
  { key: 'servicenow', label: 'ServiceNow (v7)', description: 'Sync incidents with ServiceNow.', send_types: ['trigger', 'acknowledge', 'resolve', 'delegate', 'escalate', 'assign', 'custom'] },
];

const all = new WeakMap<SimState, WebhooksState>();

export function webhooksOf(state: SimState): WebhooksState {
  let found = all.get(state);
  if (!found) {
    found = seedWebhooks(state);
    all.set(state, found);
  }
  return found;
}

export function newWebhookSecret(prng: Prng): string {
  return prng.token(48).toLowerCase();
}

function seedWebhooks(state: SimState): WebhooksState {
  const prng = new Prng(6363);
  const wh: WebhooksState = { prng, subscriptions: new Map(), schemas: new Map() };
  for (const schema of SCHEMAS) {
    const rec = { id: 'P' + prng.token(6), ...schema };
    wh.schemas.set(rec.id, rec);
  }
  const checkout = [...state.services.values()].find((s) => s.name === 'Checkout Service');
  const seeds: Omit<WebhookRec, 'id' | 'deliveryId' | 'secret'>[] = [
    {
      url: 'https://hooks.acme-sim.example/pagerduty',
      custom_headers: [{ name: 'X-Api-Key', value: 'seeded-header-secret' }],
      description: 'All incident events to the ops bot',
      events: ['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.escalated'],
      filter: { type: 'account_reference' },
      active: true,
      temporarily_disabled: false,
    },
    {
      url: 'https://payments.acme-sim.example/hooks/pd',
      custom_headers: [],
      description: 'Checkout incidents to the payments dashboard',
      events: ['incident.triggered', 'incident.resolved'],
      filter: checkout ? { type: 'service_reference', id: checkout.id } : { type: 'account_reference' },
      active: false,
      temporarily_disabled: false,
    },
  ];
  for (const seed of seeds) {
    const rec: WebhookRec = { id: 'P' + prng.token(6), deliveryId: 'P' + prng.token(6), secret: newWebhookSecret(prng), ...seed };
    wh.subscriptions.set(rec.id, rec);
  }
  return wh;
}
