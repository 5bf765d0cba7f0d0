import type { Ref } from './shapes';
import { truncate } from './untrusted';

/** Names shown in a joined list (assignees, teams) before the rest is counted, and the longest name shown whole. */
export const LIST_NAMES_SHOWN = 10;
export const LIST_NAME_MAX_CHARS = 200;

/**
 * Items joined with commas, at most LIST_NAMES_SHOWN of them, each cut at LIST_NAME_MAX_CHARS, then "and N more":
 * an incident with 500 long-named assignees must not make one line (or one card fact) megabytes long.
 */
export function joinCapped(items: readonly string[], more: (count: number) => string = (count) => `and ${count} more`): string {
  const shown = items.slice(0, LIST_NAMES_SHOWN).map((item) => truncate(item, LIST_NAME_MAX_CHARS)).join(', ');
  return items.length > LIST_NAMES_SHOWN ? `${shown} ${more(items.length - LIST_NAMES_SHOWN)}` : shown;
}

export function names(list: readonly Ref[], more?: (count: number) => string): string {
  return joinCapped(list.map((r) => r.name), more);
}
