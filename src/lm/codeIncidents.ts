/**
 * `pagerduty_incidents_for_code`: the open and past incidents (last 90 days, this workspace's services) whose alert
 * frames, notes or change-event commits touch the given files, most recent first, fenced like every PagerDuty text.
 * The data comes through the typed API; the workspace facts (file resolution, a commit's files) are handed in, so
 * this runs without `vscode`.
 */
import { LM_TOOLS } from '../contributions';
import { codeRefsOf, type CodeRef } from '../model/codeRefs';
import type { Resolution } from '../model/codeRefResolve';
import { alertText, commitsOf } from '../model/incidentPage/viewModel';
import type { PagerDutyApi } from '../model/pagerdutyApi';
import type { IncidentSummary } from '../model/shapes';
import { fence, sanitize } from '../model/untrusted';

export const INCIDENTS_FOR_CODE_TOOL = LM_TOOLS.incidentsForCode;
export const DEFAULT_DAYS = 90;
/** Incidents read in depth (alerts, notes, change events): the most recent ones; the answer says when more exist. */
export const MAX_INCIDENTS = 30;
const MAX_FILES = 50;

export interface CodeIncidentsInput {
  files?: string[];
  days: number;
}

export class CodeIncidentsError extends Error {}

const given = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(typeof value === 'string' ? sanitize(value).slice(0, 80) : value)?.slice(0, 80));

/** Checks the model's arguments; throws CodeIncidentsError naming the argument, what was expected and what came. */
export function parseCodeIncidentsInput(input: unknown): CodeIncidentsInput {
  const tool = INCIDENTS_FOR_CODE_TOOL;
  if (input === undefined || input === null) return { days: DEFAULT_DAYS };
  if (typeof input !== 'object' || Array.isArray(input)) throw new CodeIncidentsError(`${tool}: arguments: expected an object, got ${given(input)}`);
  const { files, days, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new CodeIncidentsError(`${tool}: unknown argument "${sanitize(unknown[0]!).slice(0, 40)}" (allowed: files, days)`);
  if (days !== undefined && (!Number.isInteger(days) || (days as number) < 1 || (days as number) > DEFAULT_DAYS)) {
    throw new CodeIncidentsError(`${tool}: argument "days": expected a whole number from 1 to ${DEFAULT_DAYS}, got ${given(days)}`);
  }
  if (files !== undefined) {
    const ok = Array.isArray(files) && files.length <= MAX_FILES && files.every((f) => typeof f === 'string' && f.trim() && f.length <= 300 && !f.split(/[\\/]/).includes('..'));
    if (!ok) throw new CodeIncidentsError(`${tool}: argument "files": expected up to ${MAX_FILES} workspace-relative paths (no ".."), got ${given(files)}`);
  }
  return { days: (days as number | undefined) ?? DEFAULT_DAYS, ...(files ? { files: (files as string[]).map((f) => f.trim().replace(/\\/g, '/').replace(/^\.\//, '')) } : {}) };
}

export interface CodeIncidentsDeps {
  api: PagerDutyApi;
  /** This workspace's services (ids and names). */
  services: { id: string; name: string }[];
  /** Workspace-relative paths of the files to check. */
  files: string[];
  /** Where references point in the workspace (src/views/codeFiles.ts). */
  resolve(refs: CodeRef[]): Promise<Resolution[]>;
  /** The workspace-relative files a commit changed, or undefined when it is not in the workspace. */
  commitFiles(sha: string): Promise<string[] | undefined>;
  now: number;
  days: number;
  token?: unknown;
}

interface Touch {
  incident: IncidentSummary;
  how: string[];
}

export async function incidentsForCode(deps: CodeIncidentsDeps): Promise<string> {
  const tool = INCIDENTS_FOR_CODE_TOOL;
  if (!deps.services.length) {
    throw new CodeIncidentsError(
      `${tool}: no PagerDuty service is known for this workspace: add the pagerduty.com/service-id annotation to a catalog-info.yaml, or set pagerduty.workspaceServices. Nothing was checked.`,
    );
  }
  if (!deps.files.length) return `No files to check: the working tree has no changes. Pass "files" to check particular files.`;
  const since = new Date(deps.now - deps.days * 86_400_000).toISOString();
  const listed = await deps.api.incidents.list(
    { scope: 'all', statuses: ['triggered', 'acknowledged', 'resolved'], limit: MAX_INCIDENTS, service_ids: deps.services.map((s) => s.id), since, until: new Date(deps.now).toISOString() },
    deps.token,
  );
  if (!listed.ok) throw new CodeIncidentsError(`${tool}: PagerDuty did not list the incidents: ${listed.error}`);
  const incidents = [...listed.value.incidents].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  const wanted = new Set(deps.files);
  const touches: Touch[] = [];
  for (const incident of incidents) {
    const how = await touching(incident, wanted, deps);
    if (how.length) touches.push({ incident, how });
  }
  const scope = `${incidents.length}${listed.value.more ? ` most recent (of ${listed.value.total ?? 'more'})` : ''} incidents of ${deps.services.map((s) => s.name).join(', ')} in the last ${deps.days} days`;
  const header = `Checked ${deps.files.length} file(s) against ${scope}: ${touches.length} touch them.`;
  if (!touches.length) return `${header}\nFiles: ${deps.files.join(', ')}`;
  const lines = touches.map(({ incident: i, how }) => `#${i.number} [${i.status}, ${i.urgency}] ${i.created_at ?? ''} ${i.title} (${i.service?.name ?? ''})\n${how.map((h) => `  - ${h}`).join('\n')}`);
  return `${header}\nFiles: ${deps.files.join(', ')}\n\n${fence('Incidents touching these files, most recent first', lines.join('\n'))}`;
}

async function touching(incident: IncidentSummary, wanted: Set<string>, deps: CodeIncidentsDeps): Promise<string[]> {
  const [alerts, notes, changes] = await Promise.all([
    deps.api.incidents.alerts(incident.id, 25, deps.token),
    deps.api.incidents.notes(incident.id, deps.token),
    deps.api.incidents.changeEvents(incident.id, 10, deps.token),
  ]);
  const found = [
    ...(alerts.ok ? alerts.value : []).flatMap((a) => codeRefsOf(alertText(a)).map((ref) => ({ ref, where: 'alert frame' }))),
    ...(notes.ok ? notes.value : []).flatMap((n) => codeRefsOf(n.content).map((ref) => ({ ref, where: 'note' }))),
  ];
  const how = new Set<string>();
  const resolutions = found.length ? await deps.resolve(found.map((f) => f.ref)) : [];
  found.forEach(({ ref, where }, i) => {
    const r = resolutions[i]!;
    const paths = r.kind === 'resolved' ? [r.file.path] : r.kind === 'ambiguous' ? r.files.map((f) => f.path) : [];
    for (const path of paths.filter((p) => wanted.has(p))) how.add(`${where}: ${path}:${ref.line}${ref.symbol ? ` (${ref.symbol})` : ''}`);
  });
  for (const change of changes.ok ? changes.value : []) {
    for (const { sha } of commitsOf(change)) {
      const files = await deps.commitFiles(sha);
      for (const path of (files ?? []).filter((p) => wanted.has(p))) how.add(`change event "${change.summary}": commit ${sha.slice(0, 12)} changed ${path}`);
    }
  }
  return [...how];
}
