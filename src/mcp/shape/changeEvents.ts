import type { ChangeEvent } from '../../model/shapes';
import { jsonText } from '../../model/untrusted';
import { compact, idOf, type Raw, ref, refs, time } from './common';

export type { ChangeEvent };

export function shapeChangeEvent(raw: Raw): ChangeEvent {
  const details = raw.custom_details;
  return compact({
    id: idOf(raw),
    summary: String(raw.summary ?? ''),
    timestamp: time(raw.timestamp),
    source: raw.source || undefined,
    services: refs(raw.services),
    integration: ref(raw.integration),
    links: Array.isArray(raw.links) ? raw.links.filter((l: Raw) => l?.href).map((l: Raw) => compact({ href: String(l.href), text: l.text || undefined })) : [],
    // Free-form JSON from the sender: kept as bounded text so one event cannot flood the context.
    custom_details: details && typeof details === 'object' && Object.keys(details).length ? jsonText(details, 2000) : undefined,
    correlation_reason: raw.correlation_reason?.reason,
    html_url: raw.html_url || undefined,
  }) as ChangeEvent;
}

export function changeEventLine(e: ChangeEvent, withDetails = false): string {
  const services = (e.services ?? []).map((s) => s.name).join(', ') || 'no service';
  const head = `${e.id} [${e.timestamp ?? 'n/a'}] ${e.summary} | services: ${services}${e.source ? ` | source: ${e.source}` : ''}${
    e.correlation_reason ? ` | why: ${e.correlation_reason}` : ''
  }`;
  if (!withDetails) return head;
  const links = (e.links ?? []).map((l) => `link: ${l.text ? `${l.text} ` : ''}${l.href}`);
  return [head, ...links, e.custom_details ? `details: ${e.custom_details}` : ''].filter(Boolean).join('\n');
}
