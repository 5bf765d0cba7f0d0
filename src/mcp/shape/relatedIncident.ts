import { compact, idOf, type Raw, time } from './common';

/** An entry of past_incidents or related_incidents: the incident, a score, and why it relates. */
export function shapeRelated(raw: Raw) {
  const incident = raw.incident ?? {};
  return compact({
    id: idOf(incident),
    number: typeof incident.incident_number === 'number' ? incident.incident_number : undefined,
    title: String(incident.title ?? incident.summary ?? ''),
    created_at: time(incident.created_at),
    score: typeof raw.score === 'number' ? raw.score : undefined,
    relationships: Array.isArray(raw.relationships) ? raw.relationships.map((r: Raw) => String(r.type)) : undefined,
  });
}
