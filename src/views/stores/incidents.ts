// Grouping, ordering, labels and poll diffs for the Incidents view. Pure functions over tool output.
import { statusLabel, urgencyLabel } from '../../model/incidentLabels';
import { escapeMarkdown } from '../../model/markdown';
import type { Translate } from '../../model/translate';
import type { Incident, IncidentStatus } from './types';

export type OpenStatus = Exclude<IncidentStatus, 'resolved'>;
export const GROUPS: readonly OpenStatus[] = ['triggered', 'acknowledged'];

/** Re-exported beside the other list helpers; the reader lives with the other tool-answer readers. */
export { parseIncidentList } from '../../model/toolAnswers';

/** High urgency first, then newest first, then highest number: what needs attention is on top. */
export function compareIncidents(a: Incident, b: Incident): number {
  if (a.urgency !== b.urgency) return a.urgency === 'high' ? -1 : 1;
  const ta = Date.parse(a.created_at ?? '') || 0;
  const tb = Date.parse(b.created_at ?? '') || 0;
  if (ta !== tb) return tb - ta;
  return (b.number || 0) - (a.number || 0);
}

export function groupIncidents(incidents: readonly Incident[]): Record<OpenStatus, Incident[]> {
  const groups: Record<OpenStatus, Incident[]> = { triggered: [], acknowledged: [] };
  for (const incident of incidents) {
    if (incident.status === 'triggered' || incident.status === 'acknowledged') groups[incident.status].push(incident);
  }
  for (const status of GROUPS) groups[status].sort(compareIncidents);
  return groups;
}

/**
 * One string, many capabilities: menus match `viewItem =~ /;triggered;/`, `/;open;/`, `/;link;/`.
 * `open` = triggered or acknowledged (can be resolved).
 */
export function incidentContextValue(incident: Incident): string {
  const parts = ['incident', incident.status];
  if (incident.status !== 'resolved') parts.push('open');
  parts.push(incident.urgency === 'high' ? 'high' : 'low');
  if (isWebUrl(incident.html_url)) parts.push('link');
  return `${parts.join(';')};`;
}

export function badgeCount(incidents: readonly Incident[]): number {
  return incidents.filter((i) => i.status === 'triggered').length;
}

export function isWebUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url);
}

/** Compact age: 45s, 12m, 3h, 5d. */
export function formatAge(createdAt: string | null | undefined, now: number): string {
  const created = Date.parse(createdAt ?? '');
  if (Number.isNaN(created)) return '';
  const seconds = Math.max(0, Math.floor((now - created) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** Tree item description: "#123 · Checkout API · 12m". */
export function incidentDescription(incident: Incident, now: number): string {
  return [`#${incident.number}`, incident.service?.name, formatAge(incident.created_at, now)].filter(Boolean).join(' · ');
}

/**
 * What a screen reader says for a row: everything the row shows (title, then the description as shown) and the
 * status and urgency its icon shows, in the user's language.
 */
export function incidentAccessibleLabel(incident: Incident, now: number, t: Translate): string {
  return t('{0}, {1}, {2}, {3}', incident.title || `#${incident.number}`, incidentDescription(incident, now), urgencyLabel(incident.urgency, t), statusLabel(incident.status, t));
}

function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The one Markdown escaping (src/model/markdown.ts), re-exported beside the tooltip that uses it. */
export { escapeMarkdown } from '../../model/markdown';

/** The tooltip as Markdown (rendered untrusted, no HTML, no command links). */
export function incidentTooltip(incident: Incident, now: number, t: Translate = (m) => m): string {
  const e = escapeMarkdown;
  const lines = [`**${e(incident.title)}**`, ''];
  const row = (label: string, value: string | undefined) => {
    if (value) lines.push(`${e(t(label))}: ${value}  `);
  };
  row('Incident', e(`#${incident.number} (${incident.id})`));
  row('Status', e(`${statusLabel(incident.status, t)}, ${urgencyLabel(incident.urgency, t)}`));
  row('Priority', incident.priority ? e(incident.priority.name) : undefined);
  row('Service', incident.service ? e(incident.service.name) : undefined);
  row('Assigned to', incident.assignees?.length ? e(incident.assignees.map((a) => a.name).join(', ')) : undefined);
  row('Escalation policy', incident.escalation_policy ? e(incident.escalation_policy.name) : undefined);
  row('Created', incident.created_at ? e(`${localTime(incident.created_at)} (${formatAge(incident.created_at, now)} ago)`) : undefined);
  if (isWebUrl(incident.html_url)) lines.push('', `[${e(t('Open in PagerDuty'))}](${encodeURI(decodeSafe(incident.html_url)).replace(/[()]/g, encodeURIComponent)})`);
  return lines.join('\n');
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** The fields a tree item shows; a change in any of them re-renders that item. */
export function incidentFingerprint(i: Incident): string {
  return JSON.stringify([
    i.status,
    i.urgency,
    i.title,
    i.number,
    i.priority?.id ?? null,
    i.service?.name ?? null,
    i.escalation_policy?.name ?? null,
    (i.assignees ?? []).map((a) => a.id),
    i.last_status_change_at ?? null,
    i.html_url,
  ]);
}

export interface IncidentDiff {
  added: Incident[];
  removed: Incident[];
  /** Same id, different visible fields, same status group. */
  changed: Incident[];
  /** Groups whose membership or order changed (their children must be re-read). */
  regrouped: OpenStatus[];
}

export function diffIncidents(previous: readonly Incident[], next: readonly Incident[]): IncidentDiff {
  const before = new Map(previous.map((i) => [i.id, i]));
  const after = new Map(next.map((i) => [i.id, i]));
  const added = next.filter((i) => !before.has(i.id));
  const removed = previous.filter((i) => !after.has(i.id));
  const changed: Incident[] = [];
  const regrouped = new Set<OpenStatus>();
  for (const incident of added) if (incident.status !== 'resolved') regrouped.add(incident.status);
  for (const incident of removed) if (incident.status !== 'resolved') regrouped.add(incident.status);
  for (const incident of next) {
    const old = before.get(incident.id);
    if (!old || incidentFingerprint(old) === incidentFingerprint(incident)) continue;
    if (old.status !== incident.status) {
      if (old.status !== 'resolved') regrouped.add(old.status);
      if (incident.status !== 'resolved') regrouped.add(incident.status);
    } else {
      changed.push(incident);
      // Urgency or creation order changes move the item inside its group.
      if (old.urgency !== incident.urgency) if (incident.status !== 'resolved') regrouped.add(incident.status);
    }
  }
  const prevGroups = groupIncidents(previous);
  const nextGroups = groupIncidents(next);
  for (const status of GROUPS) {
    const a = prevGroups[status].map((i) => i.id).join(',');
    const b = nextGroups[status].map((i) => i.id).join(',');
    if (a !== b) regrouped.add(status);
  }
  return { added, removed, changed, regrouped: GROUPS.filter((s) => regrouped.has(s)) };
}

export function isEmptyDiff(diff: IncidentDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.regrouped.length;
}
