// The one summary message a bulk action ends with. Pure (tested in test/unit/commands.bulkSummary.test.ts).
import type { BulkOutcome } from '../model/shapes';
import { formatOnly, type Translate } from '../model/translate';

export type { BulkOutcome };

/**
 * "Acknowledged 2 of 3 incidents. Failed: #12 Disk full — Incident Not Found". `label` names an incident
 * for the user (number and title when known).
 */
export function bulkSummary(
  verb: 'acknowledged' | 'resolved',
  results: readonly BulkOutcome[],
  label: (id: string) => string,
  t: Translate = formatOnly,
): { severity: 'info' | 'warning' | 'error'; message: string } {
  const ok = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  const head =
    verb === 'acknowledged'
      ? t('Acknowledged {0} of {1} incidents.', String(ok), String(results.length))
      : t('Resolved {0} of {1} incidents.', String(ok), String(results.length));
  if (!failed.length) return { severity: 'info', message: head };
  const reasons = failed.map((r) => `${label(r.incident_id)}: ${oneLine(r.error ?? t('unknown error'))}`).join('; ');
  return { severity: ok ? 'warning' : 'error', message: `${head} ${t('Failed: {0}', reasons)}` };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Accepts what automation and menus pass: ids, {ids}, {id}, a tree node, or (node, selectedNodes). */
export function incidentIdsFromArgs(args: readonly unknown[]): string[] | undefined {
  const [first, second] = args;
  const idOf = (v: unknown): string | undefined => {
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (v && typeof v === 'object') {
      const o = v as { incident?: { id?: unknown }; id?: unknown };
      if (o.incident && typeof o.incident.id === 'string') return o.incident.id;
      if (typeof o.id === 'string' || typeof o.id === 'number') return String(o.id);
    }
    return undefined;
  };
  // A tree context menu with several selected items passes (clicked, selection).
  if (Array.isArray(second) && second.length) return unique(second.map(idOf));
  if (Array.isArray(first)) return unique(first.map(idOf));
  if (first && typeof first === 'object' && Array.isArray((first as { ids?: unknown }).ids)) {
    return unique(((first as { ids: unknown[] }).ids).map(idOf));
  }
  const single = idOf(first);
  return single ? [single] : undefined;
}

function unique(list: (string | undefined)[]): string[] | undefined {
  const out = [...new Set(list.filter((x): x is string => !!x))];
  return out.length ? out : undefined;
}
