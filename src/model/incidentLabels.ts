// Status and urgency as people read them, in their language: every view that shows or speaks them (the incident
// page and card, the trees' rows, tooltips and accessible names) takes them from here, never the raw API values.
import type { IncidentSummary } from './shapes';
import type { Translate } from './translate';

export function statusLabel(status: IncidentSummary['status'], t: Translate): string {
  return { triggered: t('Triggered'), acknowledged: t('Acknowledged'), resolved: t('Resolved') }[status] ?? status;
}

export function urgencyLabel(urgency: IncidentSummary['urgency'], t: Translate): string {
  return urgency === 'high' ? t('High urgency') : t('Low urgency');
}
