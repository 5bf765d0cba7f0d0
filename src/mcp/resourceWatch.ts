/**
 * Tells the client when my open incidents change (notifications/resources/list_changed), but only while it keeps
 * asking for them: one check per interval after a resources/list, none once it has not listed for a while.
 */

/** A client that has not listed for this many intervals is idle: stop checking until it lists again. */
const IDLE_AFTER_INTERVALS = 5;

export class OpenIncidentWatch {
  private known?: string;
  private lastListedAt = 0;
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly current: () => Promise<string[]>,
    private readonly notify: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The client has just been given these; later checks compare against them. */
  listed(uris: string[]): void {
    this.known = uris.join('\n');
    this.lastListedAt = this.now();
    // unref: the watch alone must not keep a server alive whose client has gone.
    this.timer ??= setInterval(() => void this.check(), this.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** At most one notification per interval: after one, wait for the client to list again. */
  async check(): Promise<void> {
    if (this.now() - this.lastListedAt > IDLE_AFTER_INTERVALS * this.intervalMs) return this.stop();
    if (this.checking || this.known === undefined) return;
    this.checking = true;
    try {
      const uris = (await this.current()).join('\n');
      if (uris !== this.known) {
        this.known = undefined;
        this.notify();
      }
    } catch {
      // A failed check (network, 429) is retried at the next interval; the list itself reports errors when asked.
    } finally {
      this.checking = false;
    }
  }
}
