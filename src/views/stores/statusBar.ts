// Text of the one status bar item: on-call indicator + number of triggered incidents assigned to me. Pure.
import type { MyStatus } from './oncall';
import { formatOnly, type Translate } from '../../model/translate';
import type { Incident } from './types';

export interface StatusBarModel {
  text: string;
  /** Accessible label (codicons are not read out). */
  label: string;
  /** Triggered incidents need attention: warning background. */
  alert: boolean;
}

export function statusBarModel(status: MyStatus | undefined, mine: readonly Incident[] | undefined, failed: boolean, t: Translate = formatOnly): StatusBarModel {
  if (failed && !mine) return { text: '$(warning) PagerDuty', label: t('PagerDuty: cannot load incidents'), alert: false };
  const triggered = (mine ?? []).filter((i) => i.status === 'triggered').length;
  const count = mine ? String(triggered) : '…';
  const onCall = status?.kind === 'onCall';
  const text = `${onCall ? '$(broadcast)' : '$(bell)'} ${onCall ? t('On call') + ' · ' : ''}${t('{0} triggered', count)}`;
  const label = onCall ? t('PagerDuty: on call, {0} triggered incidents assigned to you', count) : t('PagerDuty: {0} triggered incidents assigned to you', count);
  return { text, label, alert: triggered > 0 };
}
