import { compact, idOf, type Raw, ref, refs, time } from './common';
import type { LogEntry } from '../../model/shapes';

export type { LogEntry };

export function shapeLogEntry(raw: Raw): LogEntry {
  return compact({
    id: idOf(raw),
    type: String(raw.type ?? '').replace(/_reference$/, ''),
    summary: String(raw.summary ?? ''),
    created_at: time(raw.created_at),
    agent: ref(raw.agent),
    channel: raw.channel?.type,
    incident: ref(raw.incident),
    service: ref(raw.service),
    teams: refs(raw.teams),
    note: typeof raw.note === 'string' && raw.note ? raw.note : undefined,
    html_url: raw.html_url || undefined,
  }) as LogEntry;
}

export function logEntryLine(e: LogEntry): string {
  const incident = e.incident ? ` | incident: ${e.incident.name} (${e.incident.id})` : '';
  const by = e.agent ? ` | by: ${e.agent.name}` : '';
  return `${e.id} [${e.created_at ?? 'n/a'}] ${e.type.replace(/_log_entry$/, '')}: ${e.summary}${by}${incident}${e.note ? ` | note: ${e.note}` : ''}`;
}
