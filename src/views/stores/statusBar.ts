// Text of the one status bar item: on-call indicator + number of triggered incidents assigned to me, or in this
// workspace's services while the Incidents view shows that scope. Pure.
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

/** `counted.scope` says whose incidents `counted.incidents` are: mine, or this workspace's services. */
export function statusBarModel(
  status: MyStatus | undefined,
  mine: readonly Incident[] | undefined,
  failed: boolean,
  t: Translate = formatOnly,
  workspace?: { incidents: readonly Incident[] | undefined },
): StatusBarModel {
  const counted = workspace ? workspace.incidents : mine;
  if (failed && !counted) return { text: '$(warning) PagerDuty', label: t('PagerDuty: cannot load incidents'), alert: false };
  const triggered = (counted ?? []).filter((i) => i.status === 'triggered').length;
  const count = counted ? String(triggered) : '…';
  const onCall = status?.kind === 'onCall';
  const what = workspace ? t('{0} triggered in this workspace', count) : t('{0} triggered', count);
  const text = `${onCall ? '$(broadcast)' : '$(bell)'} ${onCall ? t('On call') + ' · ' : ''}${what}`;
  const label = workspace
    ? onCall
      ? t("PagerDuty: on call, {0} triggered incidents in this workspace's services", count)
      : t("PagerDuty: {0} triggered incidents in this workspace's services", count)
    : onCall
      ? t('PagerDuty: on call, {0} triggered incidents assigned to you', count)
      : t('PagerDuty: {0} triggered incidents assigned to you', count);
  return { text, label, alert: triggered > 0 };
}
