/** Parameters and checks shared by the schedule, v3 schedule and on-call tools. */
import { PagerDutyError } from '../../pagerduty/errors';
import type { Page } from '../../pagerduty/client';
import type { ToolContext } from './types';
import type { PageRequest } from './listTool';

/** Cross-field rule zod cannot state per field: a window must move forward. */
export function checkWindow(since: string | undefined, until: string | undefined, names = ['since', 'until']): void {
  if (since && until && Date.parse(until) <= Date.parse(since)) {
    throw new PagerDutyError('invalid_request', `${names[1]} must be after ${names[0]} (got ${names[0]} ${since}, ${names[1]} ${until}).`);
  }
}

export const encode = encodeURIComponent;

/**
 * Offset paging for /v3 sub-resources, which (unlike v2 lists) document no `total` parameter, so the
 * client's list() — which always asks for a total — would send an undocumented parameter.
 */
export async function listV3<T>(
  ctx: ToolContext,
  path: string,
  key: string,
  opts: PageRequest,
): Promise<Page<T>> {
  const items: T[] = [];
  let offset = opts.offset ?? 0;
  let more = true;
  while (items.length < opts.limit && more) {
    const page = await ctx.client.get<Record<string, unknown>>(path, {
      signal: ctx.signal,
      query: { ...opts.query, limit: Math.min(100, opts.limit - items.length), offset },
    });
    const batch = (Array.isArray(page[key]) ? page[key] : []) as T[];
    items.push(...batch);
    offset += batch.length;
    more = page.more === true && batch.length > 0;
  }
  return { items, more, nextOffset: more ? offset : undefined };
}
