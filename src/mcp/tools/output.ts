import { z } from 'zod';

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

/** Paging footer for list text, so the model knows whether and how to continue. */
export function pagingLine(shown: number, page: { more: boolean; total?: number; nextOffset?: number; nextCursor?: string }): string {
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
