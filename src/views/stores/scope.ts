// Which incidents the Incidents view shows, and the one label of each scope (view description, badge, quick pick).
import type { Translate } from '../../model/translate';

export type Scope = 'workspace' | 'assigned' | 'teams' | 'all';
export const SCOPES: readonly Scope[] = ['workspace', 'assigned', 'teams', 'all'];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function scopeLabel(scope: Scope, t: Translate): string {
  switch (scope) {
    case 'workspace':
      return t("This workspace's services");
    case 'assigned':
      return t('Assigned to me');
    case 'teams':
      return t('My teams');
    case 'all':
      return t('All incidents');
  }
}
