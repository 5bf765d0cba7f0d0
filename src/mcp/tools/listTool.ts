/**
 * A list tool as data: which page of PagerDuty's to ask for (`from`: the path, the key of its items, the filters),
 * and how to show it (`show`: an item's shape and line, the fence's label, the text when empty). The handler every
 * such tool shares asks for one page, shapes it and answers with listAnswer (the fence, the paging footer, the
 * answer cap); the tool's arguments are declared as for defineTool, with params.ts's limit and offset.
 */
import type { z } from 'zod';
import type { Page, Query } from '../../pagerduty/client';
import type { Raw } from '../shape/common';
import type { ToolResults } from '../../model/toolResults';
import { listAnswer, listOutput, type ListStructured } from './output';
import { defineTool, READ, type ToolContext, type ToolDefinition, type ToolOutput, type ToolSpec } from './types';

/** What a list tool's arguments hold: the page to fetch. */
export type PagedShape = z.ZodRawShape & { limit: z.ZodType<number, number | undefined>; offset: z.ZodType<number | undefined> };

type Args<I extends z.ZodRawShape> = z.infer<z.ZodObject<I>>;
type ByArgs<I extends z.ZodRawShape, V> = V | ((args: Args<I>) => V);

export interface PageRequest {
  limit: number;
  offset?: number;
  query?: Query;
}

export type ListToolSpec<I extends PagedShape, T, N extends string, K extends string> = Omit<ToolSpec<I, z.ZodRawShape, N>, 'output' | 'handler' | 'annotations'> & {
  from: {
    /** The REST path, or how the arguments name it (`/status_pages/{id}/posts`). */
    path: ByArgs<I, string>;
    /** PagerDuty's key for the items, and the typed result's. */
    key: K;
    /** PagerDuty's query parameters (filters) from the arguments; limit and offset go as the page. */
    query?(args: Args<I>): Query;
    /** How the page is fetched when not with the client's list() (the /v3 lists, which take no `total`). */
    list?(ctx: ToolContext, path: string, key: string, page: PageRequest): Promise<Page<Raw>>;
  };
  show: {
    shape(raw: Raw): T;
    /** One item's text in the answer; the arguments may say how much (include_steps). */
    line(item: T, args: Args<I>): string;
    separator?: string;
    /** The fence's label. */
    label: ByArgs<I, string>;
    /** The answer's text when the page is empty. */
    empty: string;
  };
  /** Runs first: checks arguments against each other, resolves an incident number, fills a default window. */
  prepare?(args: Args<I>, ctx: ToolContext): Args<I> | Promise<Args<I>>;
  /** A whole answer found another way for some arguments (list_services by integration key), or undefined. */
  instead?(args: Args<I>, ctx: ToolContext): Promise<ToolOutput<ListStructured<K, T>>> | undefined;
};

const clientList = (ctx: ToolContext, path: string, key: string, page: PageRequest) => ctx.client.list<Raw>(path, key, { signal: ctx.signal, ...page });

function byArgs<I extends z.ZodRawShape, V>(value: ByArgs<I, V>, args: Args<I>): V {
  return typeof value === 'function' ? (value as (args: Args<I>) => V)(args) : value;
}

/**
 * For a tool the typed API reads (ToolResults), its list answer must be what ToolResults declares: checked where the
 * tool is declared, since inside defineListTool the name is still generic.
 */
type AnswerMatches<N extends string, K extends string, T> = N extends keyof ToolResults
  ? ListStructured<K, T> extends ToolResults[N]
    ? unknown
    : { answerDiffersFromToolResults: N }
  : unknown;

export function defineListTool<I extends PagedShape, T, const N extends string, const K extends string>(
  spec: ListToolSpec<I, T, N, K> & AnswerMatches<N, K, T>,
): ToolDefinition {
  const { from, show, prepare, instead, ...tool } = spec as ListToolSpec<I, T, N, K>;
  const { path, key, query, list = clientList } = from;
  return defineTool<I, z.ZodRawShape, string>({
    ...tool,
    annotations: READ,
    output: () => listOutput(key),
    async handler(given, ctx) {
      const args = prepare ? await prepare(given, ctx) : given;
      const other = instead?.(args, ctx);
      if (other) return other;
      // PagedShape guarantees these; zod's inference cannot see through the generic shape.
      const { limit, offset } = args as { limit: number; offset?: number };
      const page = await list(ctx, byArgs(path, args), key, { limit, offset, query: query?.(args) });
      const items = page.items.map(show.shape);
      const line = (item: T) => show.line(item, args);
      return listAnswer({ label: byArgs(show.label, args), key, items, line, separator: show.separator, page, offset, empty: show.empty });
    },
  });
}
