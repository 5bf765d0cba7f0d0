/**
 * What the incident page shows, from the toolset's results: a pure function, unit-tested without VS Code or a DOM.
 * Every string that came from PagerDuty stays plain text here; the page puts it in the DOM with textContent.
 */
import { statusLabel, urgencyLabel } from '../incidentLabels';
import { names } from '../names';
import { resultText, type CallResult } from '../callResult';
import { readIncident, readList, readOutlier, type ListedItems } from '../toolAnswers';
import type { AlertItem, ChangeEvent, IncidentSummary, LogEntry, PastIncident, Ref, RelatedIncident } from '../shapes';
import type { IncidentPageResults } from '../toolResults';
import type { Translate } from '../translate';
import { codeRefsOf } from '../codeRefs';
import { clipDeep } from '../untrusted';
import { safeLink } from '../links';
import type { PageAction } from './pageActions';

export interface Section<T> {
  items: T[];
  /** Why this section could not be loaded (the tool's own message). */
  error?: string;
}

export interface Fact {
  label: string;
  value: string;
  /** ISO time shown as local time by the page, with this value as its tooltip. */
  time?: string;
  url?: string;
}

export interface ActionView {
  action: PageAction;
  label: string;
  icon: string;
  enabled: boolean;
  primary?: boolean;
}

export interface AlertView {
  id: string;
  summary: string;
  severity: string;
  status: string;
  createdAt?: string;
  url?: string;
  /** The accessible name of its Open link: which alert, since every alert has one; it starts with the visible text. */
  openName: string;
  /** The integration the alert came through (e.g. "Datadog"). */
  source?: string;
  details: { key: string; value: string }[];
  /** The stack frames and file mentions in its summary and details (codeRefsOf). */
  frames: FrameView[];
}

/** A code reference of an alert; `open` when the extension found it in the workspace (then it is a link). */
export interface FrameView {
  path: string;
  line: number;
  column?: number;
  symbol?: string;
  /** What the page shows: `path:line[:column]` and the function. */
  text: string;
  /** The link's accessible name. */
  name: string;
  open?: true;
}

/** Frames shown per alert; a trace's first frames are the ones that matter. */
const MAX_FRAMES = 20;

export interface NoteView {
  author: string;
  createdAt?: string;
  content: string;
}

export interface TimelineView {
  icon: string;
  kind: string;
  summary: string;
  by?: string;
  channel?: string;
  at?: string;
}

export interface IncidentLinkView {
  id: string;
  /** What the link shows: number and title when PagerDuty gave the number, else the title. */
  text: string;
  /** Its accessible name, unique even for two incidents of the same title (the number, else the creation date). */
  name: string;
  detail: string;
}

export interface ChangeView {
  id: string;
  summary: string;
  at?: string;
  source?: string;
  reason?: string;
  /** `name`: the accessible name, saying which change the link belongs to ("Release notes for Deploy v2.3"). */
  links: { href: string; text: string; name: string }[];
  /** Commit hashes named by the links or details; the extension checks them against open git repositories. */
  commits: { sha: string; url?: string }[];
  url?: string;
}

/** What names an incident at a glance: number, title, and the status and urgency badges. */
export interface IncidentHead {
  id: string;
  number: number;
  title: string;
  status: IncidentSummary['status'];
  urgency: IncidentSummary['urgency'];
  statusLabel: string;
  urgencyLabel: string;
}

/** One incident in a list (the chat card of list_incidents): enough to recognise it and act on it. */
export interface IncidentRowView extends IncidentHead {
  /** Service, assignees and age on one line. */
  detail: string;
}

export interface IncidentView extends IncidentHead {
  url?: string;
  facts: Fact[];
  actions: ActionView[];
  alerts: Section<AlertView>;
  notes: Section<NoteView>;
  timeline: Section<TimelineView>;
  related: Section<IncidentLinkView>;
  past: Section<IncidentLinkView>;
  outlier?: string;
  changes: Section<ChangeView>;
  /** Fixed page text in the user's language (headings, placeholders). */
  labels: Record<PageLabel, string>;
}

export const PAGE_LABELS = [
  'alerts',
  'notes',
  'timeline',
  'related',
  'past',
  'changes',
  'noAlerts',
  'noNotes',
  'noTimeline',
  'noRelated',
  'noPast',
  'noChanges',
  'addNote',
  'notePlaceholder',
  'openCommit',
  'openInPagerDuty',
  'details',
  'code',
  'actions',
  'working',
  'busyAction',
  'doneAction',
  'cancelledAction',
  'outlier',
  'via',
] as const;
export type PageLabel = (typeof PAGE_LABELS)[number];

export function pageLabels(t: Translate): Record<PageLabel, string> {
  return {
    alerts: t('Alerts'),
    notes: t('Notes'),
    timeline: t('Timeline'),
    related: t('Related incidents'),
    past: t('Similar past incidents'),
    changes: t('Recent changes'),
    noAlerts: t('No alerts.'),
    noNotes: t('No notes yet.'),
    noTimeline: t('No log entries.'),
    noRelated: t('No related incidents.'),
    noPast: t('No similar past incidents.'),
    noChanges: t('No change events around the start of this incident.'),
    addNote: t('Add Note'),
    notePlaceholder: t('Add a note to the incident timeline (notes cannot be edited later)'),
    openCommit: t('Open commit'),
    openInPagerDuty: t('Open in PagerDuty'),
    details: t('Details'),
    code: t('Code'),
    actions: t('Incident actions'),
    working: t('Working…'),
    // {0} is filled by the page with the action's name: the live region's announcements.
    busyAction: t('{0}: working…', '{0}'),
    doneAction: t('{0}: done.', '{0}'),
    cancelledAction: t('{0}: cancelled, nothing changed.', '{0}'),
    outlier: t('How unusual'),
    via: t('via'),
  };
}

const TIMELINE_ICONS: Record<string, string> = {
  trigger_log_entry: 'bell',
  acknowledge_log_entry: 'eye',
  unacknowledge_log_entry: 'bell-dot',
  resolve_log_entry: 'pass',
  assign_log_entry: 'person',
  delegate_log_entry: 'person',
  escalate_log_entry: 'arrow-up',
  annotate_log_entry: 'comment',
  notify_log_entry: 'mail',
  snooze_log_entry: 'clock',
  urgency_change_log_entry: 'flame',
};

/** One list of a page load, or why it failed (the tool's own message). */
export function section<K extends keyof ListedItems>(result: CallResult | undefined, key: K): Section<ListedItems[K]> {
  if (result?.isError) return { items: [], error: resultText(result) || 'failed' };
  return { items: readList(result, key) };
}

/** "3h 5m" style, for how long ago something happened. */
export function age(iso: string | null | undefined, now: number): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return '';
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}

/** Alert custom details as readable rows: top-level keys, nested values as compact JSON; cleaned after parsing. */
export function detailRows(details: unknown): { key: string; value: string }[] {
  if (details === undefined || details === null || details === '') return [];
  let value: unknown = details;
  if (typeof details === 'string') {
    try {
      value = JSON.parse(details);
    } catch {
      return [{ key: '', value: clipDeep(details) }];
    }
  }
  value = clipDeep(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([key, v]) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  }
  return [{ key: '', value: typeof value === 'string' ? value : JSON.stringify(value) }];
}

/** The text of an alert that can hold code references: its summary and its details' values. */
export function alertText(alert: Pick<AlertItem, 'summary' | 'details'>): string {
  return [String(alert.summary ?? ''), ...detailRows(alert.details).map((d) => d.value)].join('\n');
}

/** An alert's code references as the page lists them, before the extension looks them up in the workspace. */
export function framesOf(text: string, t: Translate): FrameView[] {
  return codeRefsOf(text)
    .slice(0, MAX_FRAMES)
    .map((r) => {
      const where = `${r.path}:${r.line}${r.column !== undefined ? `:${r.column}` : ''}`;
      return { ...r, text: r.symbol ? `${where} (${r.symbol})` : where, name: t('Open {0} at line {1}', r.path, String(r.line)) };
    });
}

const COMMIT_URL = /\/commits?\/([0-9a-f]{7,40})(?:[/?#]|$)/i;
const HEX = /\b[0-9a-f]{7,40}\b/g;

/** Commit hashes a change event names: in commit links, or in its details (hex with at least one digit). */
export function commitsOf(event: ChangeEvent): { sha: string; url?: string }[] {
  const found = new Map<string, string | undefined>();
  for (const link of event.links ?? []) {
    const sha = COMMIT_URL.exec(link.href)?.[1]?.toLowerCase();
    if (sha && !found.has(sha)) found.set(sha, safeLink(link.href));
  }
  for (const match of (event.custom_details ?? '').matchAll(HEX)) {
    const sha = match[0].toLowerCase();
    if (/\d/.test(sha) && /[a-f]/.test(sha) && ![...found.keys()].some((k) => k.startsWith(sha) || sha.startsWith(k))) found.set(sha, undefined);
  }
  return [...found].map(([sha, url]) => (url ? { sha, url } : { sha }));
}

function refNames(list: Ref[] | undefined, t: Translate): string {
  return names(list ?? [], (count) => t('and {0} more', String(count)));
}

/**
 * A related or past incident's link text and accessible name: "#1061 Disk full" when PagerDuty gave the number (it
 * does for related incidents), else the title, named with its creation date so two of the same title differ.
 */
function linkNames(i: RelatedIncident | PastIncident, t: Translate): Pick<IncidentLinkView, 'text' | 'name'> {
  const text = i.number !== undefined ? `#${i.number} ${i.title}` : i.title || i.id;
  const day = i.created_at?.slice(0, 10);
  return { text, name: i.number === undefined && day ? t('{0}, created {1}', text, day) : text };
}

/** Every action of the incident page, enabled by the incident's status. */
export function incidentActions(i: Pick<IncidentSummary, 'status' | 'urgency' | 'html_url'>, t: Translate): ActionView[] {
  const open = i.status !== 'resolved';
  const list: ActionView[] = [
    { action: 'acknowledge', label: t('Acknowledge'), icon: 'eye', enabled: i.status === 'triggered', primary: i.status === 'triggered' },
    { action: 'resolve', label: t('Resolve'), icon: 'check', enabled: open, primary: i.status === 'acknowledged' },
    { action: 'snooze', label: t('Snooze…'), icon: 'clock', enabled: i.status === 'acknowledged' },
    { action: 'reassign', label: t('Reassign…'), icon: 'person', enabled: open },
    { action: 'escalate', label: t('Escalate…'), icon: 'arrow-up', enabled: open },
    { action: 'urgency', label: i.urgency === 'high' ? t('Make Low Urgency') : t('Make High Urgency'), icon: 'flame', enabled: open },
    { action: 'priority', label: t('Priority…'), icon: 'list-ordered', enabled: open },
    { action: 'addResponders', label: t('Add Responders…'), icon: 'organization', enabled: open },
    { action: 'runWorkflow', label: t('Run Workflow…'), icon: 'run-all', enabled: open },
    // Also once resolved: the closing update (cause, follow-ups) goes out after the fact.
    { action: 'statusUpdate', label: t('Send Status Update…'), icon: 'megaphone', enabled: true },
    { action: 'investigate', label: t('Investigate with Copilot'), icon: 'copilot', enabled: true },
    { action: 'openInPagerDuty', label: t('Open in PagerDuty'), icon: 'link-external', enabled: safeLink(i.html_url) !== undefined },
    { action: 'refresh', label: t('Refresh'), icon: 'refresh', enabled: true },
  ];
  return list;
}

/** Current escalation level, read from the newest "escalated to level N" log entry (the incident object has none). */
function escalationLevel(log: LogEntry[]): string | undefined {
  for (const e of [...log].reverse()) {
    const level = e.type === 'escalate_log_entry' ? /level (\d+)/i.exec(e.summary)?.[1] : undefined;
    if (level) return level;
  }
  return undefined;
}

/** The head fields of a larger view, e.g. to update a list row from a freshly read incident. */
export function headOf({ id, number, title, status, urgency, statusLabel, urgencyLabel }: IncidentHead): IncidentHead {
  return { id, number, title, status, urgency, statusLabel, urgencyLabel };
}

function incidentHead(i: IncidentSummary, t: Translate): IncidentHead {
  return { id: i.id, number: i.number, title: i.title, status: i.status, urgency: i.urgency, statusLabel: statusLabel(i.status, t), urgencyLabel: urgencyLabel(i.urgency, t) };
}

export function incidentRowView(i: IncidentSummary, now: number, t: Translate): IncidentRowView {
  const detail = [i.service?.name, refNames(i.assignees, t) ? t('assigned to {0}', refNames(i.assignees, t)) : t('unassigned'), i.created_at ? t('{0} ago', age(i.created_at, now)) : undefined];
  return { ...incidentHead(i, t), detail: detail.filter(Boolean).join(' · ') };
}

/** The page's head facts: status to bridge, with the level the incident has escalated to. */
function incidentFacts(i: IncidentSummary, level: string | undefined, now: number, t: Translate): Fact[] {
  const facts: Fact[] = [
    { label: t('Status'), value: statusLabel(i.status, t) },
    { label: t('Urgency'), value: i.urgency === 'high' ? t('High') : t('Low') },
    { label: t('Priority'), value: i.priority?.name ?? t('none') },
    { label: t('Service'), value: i.service?.name ?? t('unknown') },
    {
      label: t('Escalation policy'),
      value: i.escalation_policy ? (level ? t('{0} (level {1})', i.escalation_policy.name, level) : i.escalation_policy.name) : t('none'),
    },
    { label: t('Assigned to'), value: refNames(i.assignees, t) || t('nobody') },
    { label: t('Created'), value: t('{0} ago', age(i.created_at, now)), time: i.created_at ?? undefined },
    { label: t('Last change'), value: t('{0} ago', age(i.last_status_change_at, now)), time: i.last_status_change_at ?? undefined },
  ];
  if (i.teams?.length) facts.splice(4, 0, { label: t('Teams'), value: refNames(i.teams, t) });
  const bridge = i.conference_bridge;
  if (bridge?.url || bridge?.number) {
    const url = safeLink(bridge.url);
    facts.push({ label: t('Conference bridge'), value: [bridge.number, bridge.url].filter(Boolean).join(' · '), url });
  }
  return facts;
}

export function buildIncidentView(results: IncidentPageResults, now: number, t: Translate): IncidentView | { error: string } {
  if (results.incident.isError) return { error: resultText(results.incident) || t('Could not load the incident.') };
  const i = readIncident(results.incident);
  if (!i) return { error: t('PagerDuty returned no incident.') };

  const log = section(results.log, 'log_entries');
  const facts = incidentFacts(i, escalationLevel(log.items), now, t);

  const alerts = section(results.alerts, 'alerts');
  const notes = section(results.notes, 'notes');
  const related = section(results.related, 'related_incidents');
  const past = section(results.past, 'past_incidents');
  const changes = section(results.changes, 'change_events');
  const outlier = readOutlier(results.outlier);

  return {
    ...incidentHead(i, t),
    url: safeLink(i.html_url),
    facts,
    actions: incidentActions(i, t),
    alerts: {
      error: alerts.error,
      items: alerts.items.map((a) => ({
        id: String(a.id),
        summary: String(a.summary ?? ''),
        severity: String(a.severity ?? 'n/a'),
        status: String(a.status ?? ''),
        createdAt: typeof a.created_at === 'string' ? a.created_at : undefined,
        url: safeLink(a.html_url),
        openName: t('Open in PagerDuty: alert {0}', String(a.summary ?? a.id)),
        source: a.integration?.name || undefined,
        details: detailRows(a.details),
        frames: framesOf(alertText(a), t),
      })),
    },
    notes: {
      error: notes.error,
      items: notes.items.map((n) => ({ author: n.user?.name ?? t('unknown'), createdAt: n.created_at ?? undefined, content: n.content })),
    },
    timeline: {
      error: log.error,
      items: log.items.map((e) => ({
        icon: TIMELINE_ICONS[e.type] ?? 'circle-small',
        kind: e.type.replace(/_log_entry$/, '').replace(/_/g, ' '),
        summary: e.summary,
        by: e.agent?.name,
        channel: e.channel,
        at: e.created_at ?? undefined,
      })),
    },
    related: {
      error: related.error,
      items: related.items.map((r) => ({ id: r.id, ...linkNames(r, t), detail: (r.relationships ?? []).map((x) => x.replace(/_/g, ' ')).join(', ') })),
    },
    past: {
      error: past.error,
      items: past.items.map((p) => ({ id: p.id, ...linkNames(p, t), detail: p.score !== undefined ? t('similarity {0}', p.score.toFixed(2)) : '' })),
    },
    outlier: outlier?.category ? t('{0} for this service ({1} occurrences)', outlier.category, String(outlier.count ?? '?')) : undefined,
    changes: {
      error: changes.error,
      items: changes.items.map((c) => ({
        id: c.id,
        summary: c.summary,
        at: c.timestamp ?? undefined,
        source: c.source,
        reason: c.correlation_reason,
        links: (c.links ?? []).flatMap((l) => {
          const href = safeLink(l.href);
          return href ? [{ href, text: l.text ?? href, name: t('{0} for {1}', l.text ?? href, c.summary) }] : [];
        }),
        commits: commitsOf(c),
        url: safeLink(c.html_url),
      })),
    },
    labels: pageLabels(t),
  };
}
