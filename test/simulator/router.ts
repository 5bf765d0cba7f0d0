/**
 * A tiny method + path-template router. Route files under routes/ each export one function that
 * receives `route` and registers their handlers; handlers are synchronous and return a status and body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { TemplateTable } from './pathTemplate';
import type { Renderer } from './render';
import type { SimState, UserRec } from './state';

export interface Caller {
  /** Which of the simulator's tokens was used. */
  token: 'user' | 'observer' | 'accountKey';
  /** The token's own user; undefined for the account-level key. */
  user?: UserRec;
}

export interface HandlerContext {
  params: Record<string, string>;
  /** Raw query; repeated array params such as `statuses[]` via `getAll`. */
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  caller: Caller;
  /** Who a write acts as: the token's user, or the `From` user for the account key. */
  actor?: UserRec;
  state: SimState;
  render: Renderer;
  now: Date;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;
export type Route = (method: string, template: string, handler: Handler) => void;

export class Router {
  private readonly tables = new Map<string, TemplateTable<Handler>>();

  readonly route: Route = (method, template, handler) => {
    const key = method.toUpperCase();
    const table = this.tables.get(key) ?? new TemplateTable<Handler>();
    table.add(template, handler);
    this.tables.set(key, table);
  };

  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
    const found = this.tables.get(method.toUpperCase())?.match(pathname);
    return found ? { handler: found.entry.value, params: found.params } : undefined;
  }
}
