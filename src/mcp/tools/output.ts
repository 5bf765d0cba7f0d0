import { z } from 'zod';
import { ANSWER_MAX_CHARS, clip, fence } from '../../model/untrusted';
import type { ToolOutput } from './types';

/** Kept deliberately shallow: every output schema is sent to the model with tools/list and costs context. */
export const item = z.looseObject({});
export const items = z.array(item);

export function listOutput<K extends string>(key: K) {
  return {
    [key]: items,
    more: z.boolean(),
    total: z.number().int().optional(),
    next_offset: z.number().int().optional(),
  } as { [P in K]: typeof items } & {
    more: z.ZodBoolean;
    total: z.ZodOptional<z.ZodNumber>;
    next_offset: z.ZodOptional<z.ZodNumber>;
  };
}

export function objectOutput<K extends string>(key: K) {
  return { [key]: item } as { [P in K]: typeof item };
}

export interface PageInfo {
  more: boolean;
  total?: number;
  nextOffset?: number;
  nextCursor?: string;
}

/** Paging footer for list text, so the model knows whether and how to continue. */
export function pagingLine(shown: number, page: PageInfo): string {
  const total = page.total !== undefined ? ` of ${page.total}` : '';
  if (!page.more) return `Showing ${shown}${total}; no more.`;
  const next = page.nextCursor !== undefined ? `cursor "${page.nextCursor}"` : `offset ${page.nextOffset}`;
  return `Showing ${shown}${total}; more available: call again with ${next}.`;
}

export function pageFields(page: { more: boolean; total?: number; nextOffset?: number }) {
  return {
    more: page.more,
    ...(page.total !== undefined ? { total: page.total } : {}),
    ...(page.nextOffset !== undefined ? { next_offset: page.nextOffset } : {}),
  };
}

/** Room for the list's lines in one answer; the rest is label, fence, footer and a line or two of context. */
const LINES_BUDGET = ANSWER_MAX_CHARS - 2_000;

export interface ListAnswer<T, K extends string = string> {
  label: string;
  /** Property of the typed result holding the items ("incidents"). */
  key: K;
  items: T[];
  line(item: T): string;
  page: PageInfo;
  /** The offset this page started at, to say where to continue when the answer cap stops it early. */
  offset?: number;
  /** Where each item sits in PagerDuty's list, when not offset + its index (a page filtered here). */
  positions?: number[];
  empty: string;
  separator?: string;
  /** Text before the fenced list (context the tool adds). */
  intro?: string;
  /** Further typed fields. */
  extra?: Record<string, unknown>;
}

/**
 * A page of items as one fenced list with its paging footer, bounded by the answer cap: when the next item would not
 * fit, the page stops there, the footer says where to continue, and the typed result holds the same items.
 */
/** A list answer's typed result: the items under their key, and the paging facts (what ToolResults declares). */
export type ListStructured<K extends string, T> = { [P in K]: T[] } & { more: boolean; total?: number; next_offset?: number };

export function listAnswer<T, const K extends string>(a: ListAnswer<T, K>): ToolOutput<ListStructured<K, T>> {
  const separator = a.separator ?? '\n';
  const lines: string[] = [];
  let used = a.intro?.length ?? 0;
  for (const item of a.items) {
    const line = clip(a.line(item));
    if (lines.length > 0 && used + line.length + separator.length > LINES_BUDGET) break;
    lines.push(line);
    used += line.length + separator.length;
  }
  const shown = a.items.slice(0, lines.length);
  // A filtered page continues at its first unshown item's own position.
  const offset = a.positions && shown.length < a.items.length ? a.positions[shown.length] - shown.length : a.offset;
  const { page, footer } = pageAfterCut(shown.length, a.items.length, a.page, offset);
  const body = lines.length ? lines.join(separator) : a.empty;
  return {
    text: `${a.intro ?? ''}${fence(a.label, body)}\n${footer}`,
    // A computed key widens to `string`: the object is ListStructured<K, T> by construction.
    structured: { [a.key]: shown, ...pageFields(page), ...a.extra } as ListStructured<K, T>,
  };
}

/**
 * The paging of a page that shows only its first `shown` of `fetched` items (the rest would not fit the answer), and
 * its footer: the model continues at the first item it did not see.
 */
export function pageAfterCut(shown: number, fetched: number, page: PageInfo, offset = 0): { page: PageInfo; footer: string } {
  if (shown >= fetched) return { page, footer: pagingLine(shown, page) };
  const cut: PageInfo = { more: true, total: page.total, ...(page.nextCursor === undefined ? { nextOffset: offset + shown } : {}) };
  const why = `Showing ${shown} of the ${fetched} fetched: the answer reached its size cap (${ANSWER_MAX_CHARS} characters).`;
  return { page: cut, footer: cut.nextOffset !== undefined ? `${why} Call again with offset ${cut.nextOffset} for the rest.` : `${why} Call again with limit ${shown} and page by cursor.` };
}

/**
 * For lists rendered as a whole (grouped, or reordered for reading) rather than line by line: how many items from the
 * start of the page fit the answer, at least one, so that pageAfterCut can say where to continue.
 */
export function fittingCount<T>(items: T[], render: (shown: T[]) => string): number {
  if (items.length === 0 || render(items).length <= LINES_BUDGET) return items.length;
  let fits = 1;
  let tooMany = items.length;
  while (tooMany - fits > 1) {
    const mid = Math.floor((fits + tooMany) / 2);
    if (render(items.slice(0, mid)).length <= LINES_BUDGET) fits = mid;
    else tooMany = mid;
  }
  return fits;
}
