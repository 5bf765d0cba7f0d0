/**
 * The post-incident review as a Markdown document, built without a model from what the incident page loads: summary
 * facts, impact, the timeline in the engineer's time zone, alerts with their frames as relative links into the
 * repository, notes, change events, the workspace's commits around it, responders; root cause and action items are
 * left for people. Every PagerDuty (and git) text goes through src/model/markdown.ts. No `vscode`.
 */
import { codeRefsOf, type CodeRef } from './codeRefs';
import type { WorkspaceFile } from './codeRefResolve';
import { alertText, commitsOf, section } from './incidentPage/viewModel';
import type { IncidentPageResults } from './toolResults';
import { escapeMarkdown as e, markdownLink, quoteMarkdown } from './markdown';
import type { Ref } from './shapes';
import { readIncident } from './toolAnswers';

export interface WorkspaceCommit {
  hash: string;
  author: string;
  date: string;
  subject: string;
}

export interface ReviewInput {
  results: IncidentPageResults;
  now: number;
  /** IANA zone of the engineer (the extension host's). */
  timeZone: string;
  /** Where the document is meant to live: its folder and its path inside it (reviewPath). */
  doc: WorkspaceFile;
  /** The workspace file a frame names, when exactly one does (src/views/codeFiles.ts). */
  fileOf(ref: CodeRef): WorkspaceFile | undefined;
  /** The workspace's commits in the window, or why they could not be read. */
  commits: WorkspaceCommit[] | { unavailable: string };
  window: { since: string; until: string };
}

/** Commits from this long before the first alert are the review's suspects. */
export const COMMITS_BEFORE_MS = 2 * 60 * 60_000;
const MAX_FRAMES_PER_ALERT = 10;

/** `docs/postmortems/<date>-<number>-<slug>.md`, dated by when the incident began, in the engineer's zone. */
export function reviewPath(incident: { number: number; title: string; created_at: string | null }, now: number, timeZone: string): string {
  const date = localParts(incident.created_at ?? new Date(now).toISOString(), timeZone).date;
  const slug =
    incident.title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'incident';
  return `docs/postmortems/${date}-${incident.number}-${slug}.md`;
}

/** The window whose commits the review lists: two hours before the first alert until resolution (or now). */
export function commitWindow(results: IncidentPageResults, now: number): { since: string; until: string } {
  const incident = readIncident(results.incident);
  const alertTimes = section(results.alerts, 'alerts')
    .items.map((a) => Date.parse(String(a.created_at ?? '')))
    .filter((t) => !Number.isNaN(t));
  const first = Math.min(...alertTimes, Date.parse(incident?.created_at ?? '') || now);
  const end = Date.parse(incident?.resolved_at ?? '') || now;
  return { since: new Date(first - COMMITS_BEFORE_MS).toISOString(), until: new Date(end).toISOString() };
}

function localParts(iso: string, timeZone: string): { date: string; time: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { date: iso, time: '' };
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

export function reviewMarkdown(input: ReviewInput): string {
  const { results, timeZone } = input;
  const i = readIncident(results.incident);
  if (!i) throw new Error('The incident could not be loaded, so there is nothing to review.');
  const when = (iso: string | null | undefined) => {
    if (!iso) return '';
    const p = localParts(iso, timeZone);
    return `${p.date} ${p.time}`;
  };
  const names = (refs: readonly (Ref | null | undefined)[]) => [...new Set(refs.filter((r): r is Ref => !!r?.name).map((r) => r.name))];
  const alerts = section(results.alerts, 'alerts');
  const notes = section(results.notes, 'notes');
  const log = section(results.log, 'log_entries');
  const changes = section(results.changes, 'change_events');
  const started = Date.parse(i.created_at ?? '');
  const ended = Date.parse(i.resolved_at ?? '') || input.now;
  const lasted = Number.isNaN(started) ? '' : i.resolved_at ? duration(ended - started) : `${duration(ended - started)} so far (not resolved)`;
  const out: string[] = [];
  const heading = (text: string) => out.push('', `## ${text}`, '');
  const failedOr = (error: string | undefined, empty: string, lines: string[]) => out.push(...(error ? [`_${e(error)}_`] : lines.length ? lines : [`_${empty}_`]));

  out.push(`# Post-incident review: #${i.number} ${e(i.title)}`, '', `_Drafted from PagerDuty on ${when(new Date(input.now).toISOString())} (${e(timeZone)}); review every line._`);

  heading('Summary');
  out.push(
    `- **Incident:** #${i.number} ${e(i.title)}${/^https:\/\//.test(i.html_url) ? ` ([PagerDuty](${encodeURI(i.html_url).replace(/[()]/g, encodeURIComponent)}))` : ''}`,
    `- **Status:** ${e(i.status)}`,
    `- **Started:** ${when(i.created_at)}`,
    `- **Resolved:** ${i.resolved_at ? when(i.resolved_at) : 'not yet'}`,
    `- **Escalation policy:** ${e(i.escalation_policy?.name ?? '—')}`,
  );

  heading('Impact');
  out.push(
    `- **Duration:** ${lasted || '—'}`,
    `- **Urgency:** ${e(i.urgency)}`,
    `- **Priority:** ${e(i.priority?.name ?? 'none')}`,
    `- **Services:** ${e(names([i.service]).join(', ') || '—')}`,
    `- **Teams:** ${e(names(i.teams ?? []).join(', ') || '—')}`,
  );

  heading(`Timeline (${e(timeZone)})`);
  const entries = [...log.items].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  failedOr(log.error, 'No log entries.', entries.length ? ['| Time | Event | By |', '|---|---|---|', ...entries.map((l) => `| ${when(l.created_at)} | ${e(l.summary)} | ${e(l.agent?.name ?? '')} |`)] : []);

  heading('Alerts');
  failedOr(
    alerts.error,
    'No alerts.',
    alerts.items.flatMap((a) => {
      const frames = codeRefsOf(alertText(a)).slice(0, MAX_FRAMES_PER_ALERT);
      return [`- ${when(String(a.created_at ?? ''))} **${e(String(a.summary ?? a.id))}** (${e(String(a.severity ?? ''))})`, ...frames.map((f) => `  - ${frameLine(f, input)}`)];
    }),
  );

  heading('Notes');
  failedOr(notes.error, 'No notes.', notes.items.flatMap((n) => [`**${e(n.user?.name ?? 'unknown')}**, ${when(n.created_at)}:`, '', quoteMarkdown(n.content), '']));

  heading('Change events');
  failedOr(
    changes.error,
    'No change events.',
    changes.items.map((c) => {
      const shas = commitsOf(c).map((k) => `\`${k.sha.slice(0, 12)}\``);
      return `- ${when(c.timestamp)} ${e(c.summary)}${c.source ? ` (${e(c.source)})` : ''}${shas.length ? ` — commit ${shas.join(', ')}` : ''}`;
    }),
  );

  heading(`Commits in the workspace (${when(input.window.since)} – ${when(input.window.until)})`);
  if ('unavailable' in input.commits) out.push(`_${e(input.commits.unavailable)}_`);
  else failedOr(undefined, 'No commits in this window.', input.commits.map((c) => `- \`${c.hash.slice(0, 12)}\` ${when(c.date)} ${e(c.subject)} — ${e(c.author)}`));

  heading('Responders');
  const responders = names([...(i.assignees ?? []), ...entries.filter((l) => l.agent && !/^trigger|^assign/.test(l.type)).map((l) => l.agent), ...notes.items.map((n) => n.user)]);
  failedOr(undefined, 'Nobody recorded.', responders.map((n) => `- ${e(n)}`));

  heading('Root cause');
  out.push('_To be written by the responders._');
  heading('Action items');
  out.push('- [ ] _To be agreed by the responders._');
  return `${out.join('\n')}\n`;
}

/** A frame as a relative link when it is a file of the document's own folder, else as escaped text. */
function frameLine(ref: CodeRef, input: ReviewInput): string {
  const where = `${ref.path}:${ref.line}${ref.column !== undefined ? `:${ref.column}` : ''}`;
  const symbol = ref.symbol ? ` (${e(ref.symbol)})` : '';
  const file = input.fileOf(ref);
  if (!file || file.folder !== input.doc.folder) return `${e(where)}${symbol}${file ? ` — ${e(file.folder)}: ${e(file.path)}` : ''}`;
  const up = '../'.repeat(input.doc.path.split('/').length - 1);
  return `${markdownLink(`${file.path}:${ref.line}`, `${up}${file.path}#L${ref.line}`)}${symbol}`;
}
