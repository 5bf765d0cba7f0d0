import { compact, idOf, type Raw } from './common';

export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  filter_type: string;
  filter_id?: string;
  description?: string;
  active: boolean;
  temporarily_disabled?: boolean;
  /** Header names only: values often carry credentials and are never repeated back. */
  custom_header_names?: string[];
}

export interface ExtensionSchema {
  id: string;
  key?: string;
  label: string;
  description?: string;
  send_types?: string[];
  guide_url?: string;
}

export function shapeWebhook(raw: Raw): WebhookSubscription {
  const delivery = raw.delivery_method ?? {};
  const headers = Array.isArray(delivery.custom_headers) ? (delivery.custom_headers as Raw[]) : [];
  return compact({
    id: idOf(raw),
    url: String(delivery.url ?? ''),
    events: Array.isArray(raw.events) ? raw.events.map(String) : [],
    filter_type: String(raw.filter?.type ?? 'unknown').replace(/_reference$/, ''),
    filter_id: raw.filter?.id ?? undefined,
    description: raw.description || undefined,
    active: raw.active !== false,
    temporarily_disabled: delivery.temporarily_disabled === true ? true : undefined,
    custom_header_names: headers.map((h) => String(h.name ?? '')).filter(Boolean),
  });
}

export function webhookLine(w: WebhookSubscription): string {
  const state = w.active ? (w.temporarily_disabled ? 'active, temporarily disabled' : 'active') : 'inactive';
  const scope = w.filter_id ? `${w.filter_type} ${w.filter_id}` : w.filter_type;
  const headers = w.custom_header_names?.length ? `; headers: ${w.custom_header_names.join(', ')}` : '';
  return `${w.id} [${state}] ${w.url} (${scope}) events: ${w.events.join(', ')}${headers}${w.description ? `\n  ${w.description}` : ''}`;
}

export function shapeExtensionSchema(raw: Raw): ExtensionSchema {
  return compact({
    id: idOf(raw),
    key: raw.key ?? undefined,
    label: String(raw.label ?? raw.summary ?? raw.id),
    description: raw.description || undefined,
    send_types: Array.isArray(raw.send_types) ? raw.send_types.map(String) : undefined,
    guide_url: raw.guide_url ?? undefined,
  });
}

export function extensionSchemaLine(s: ExtensionSchema): string {
  const sends = s.send_types?.length ? ` sends: ${s.send_types.join(', ')}` : '';
  return `${s.id} ${s.label}${s.key ? ` (${s.key})` : ''}${sends}${s.description ? `\n  ${s.description}` : ''}`;
}
