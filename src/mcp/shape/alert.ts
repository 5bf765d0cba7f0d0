import { jsonText } from '../../model/untrusted';
import { compact, idOf, type Raw, ref, time } from './common';

/** An alert grouped into an incident; details are cut at the field cap so one payload cannot flood the answer. */
export function shapeAlert(raw: Raw) {
  const details = raw.body?.details ?? raw.body?.cef_details?.details;
  return compact({
    id: idOf(raw),
    summary: String(raw.summary ?? ''),
    status: raw.status,
    severity: raw.severity,
    created_at: time(raw.created_at),
    alert_key: raw.alert_key,
    service: ref(raw.service),
    integration: ref(raw.integration),
    html_url: raw.html_url,
    details: details === undefined ? undefined : jsonText(details),
  });
}

export function alertText(a: ReturnType<typeof shapeAlert>, withDetails: boolean) {
  const head = `${a.id} [${a.status}, ${a.severity ?? 'n/a'}] ${a.summary} | created: ${a.created_at}${a.alert_key ? ` | key: ${a.alert_key}` : ''}${a.integration ? ` | via: ${a.integration.name}` : ''}`;
  return withDetails && a.details ? `${head}\ndetails: ${a.details}` : head;
}
