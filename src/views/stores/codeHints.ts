// What a line an open incident's frame names shows: the CodeLens title and the Problems entry. Pure.
import type { Translate } from '../../model/translate';
import { formatAge } from './incidents';
import type { Incident } from './types';

export interface CodeHint {
  incident: Incident;
  line: number;
  column?: number;
  symbol?: string;
}

/** A hint is one line above code: the title is cut to fit. */
const MAX_TITLE = 100;

/** "PagerDuty #1056 · triggered 12m ago · Payment processing degraded" */
export function hintText(incident: Incident, now: number, t: Translate): string {
  const status = incident.status === 'triggered' ? t('triggered {0} ago', formatAge(incident.created_at, now)) : t('acknowledged');
  // A CodeLens title renders `$(icon)`: PagerDuty text must not draw icons, so the syntax is broken up.
  const title = incident.title.replace(/\s+/g, ' ').replace(/\$\(/g, '$ (').trim();
  return t('PagerDuty #{0} · {1} · {2}', String(incident.number), status, title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title);
}

/** Problems panel: a warning while triggered, information while acknowledged. */
export function hintSeverity(incident: Incident): 'warning' | 'information' {
  return incident.status === 'triggered' ? 'warning' : 'information';
}
