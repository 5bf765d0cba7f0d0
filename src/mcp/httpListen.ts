/**
 * `subscriptions/listen` over HTTP (2026-07-28): a long-lived POST answered with an event stream of change
 * notifications. The SDK's entry serves the stream; what feeds it is here. Each stream polls PagerDuty with its own
 * request's token (once per resource poll interval, as the stdio watch does) and hears only its own changes: there is
 * no bus shared between requests, so nothing one token brings reaches another's stream. Bounded: a few streams per
 * token, a fixed number per process (the SDK refuses past it), and a stream closes after a while without a change,
 * for the client to open anew.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';

export const LISTEN_LIMITS = { perToken: 2, perProcess: 256, idleMs: 30 * 60_000 } as const;

/** What one stream polls, and how it is ended. */
export interface StreamSource {
  /** The URIs of the listed resources now (my open incidents), with the request's own token. */
  current(): Promise<string[]>;
  pollMs: number;
  /** Ends the stream (its request's signal). */
  close(): void;
}

export function isListen(message: unknown): boolean {
  return (message as { method?: unknown } | null)?.method === 'subscriptions/listen';
}

export class ListenStreams implements ServerEventBus {
  private readonly scope = new AsyncLocalStorage<StreamSource>();
  /** Open streams per token, by the token's hash (the token itself is not kept here). */
  private readonly perToken = new Map<string, number>();

  constructor(private readonly limits: { perToken: number; idleMs: number } = LISTEN_LIMITS) {}

  /**
   * Serves one listen request through `serve` (the SDK's entry), its stream fed from `source`; undefined, with the
   * reason, when the token already has its share of streams.
   */
  async open(token: string, source: StreamSource, serve: () => Promise<Response>, done: Promise<void>): Promise<Response | string> {
    const key = createHash('sha256').update(token).digest('base64url');
    const count = this.perToken.get(key) ?? 0;
    if (count >= this.limits.perToken) {
      return `This token already has ${count} change streams open (subscriptions/listen allows ${this.limits.perToken} per token): close one first.`;
    }
    this.perToken.set(key, count + 1);
    void done.then(() => {
      const left = (this.perToken.get(key) ?? 1) - 1;
      if (left > 0) this.perToken.set(key, left);
      else this.perToken.delete(key);
    });
    return this.scope.run(source, serve);
  }

  /** Changes reach a stream only from its own source: nothing is published across streams. */
  publish(): void {}

  /** Called by the SDK as a stream opens, inside that stream's request (open above): starts its own poll. */
  subscribe(listener: (event: ServerEvent) => void): () => void {
    const source = this.scope.getStore();
    if (!source) return () => undefined;
    let known: string | undefined;
    let checking = false;
    let lastChange = Date.now();
    const check = async () => {
      if (Date.now() - lastChange > this.limits.idleMs) return source.close();
      if (checking) return;
      checking = true;
      try {
        const now = (await source.current()).join('\n');
        if (known !== undefined && now !== known) {
          lastChange = Date.now();
          listener({ kind: 'resources_list_changed' });
        }
        known = now;
      } catch {
        // A failed check (network, 429) is retried at the next interval.
      } finally {
        checking = false;
      }
    };
    void check();
    const timer = setInterval(() => void check(), source.pollMs).unref();
    return () => clearInterval(timer);
  }
}
