/**
 * When to poll PagerDuty. Pure (the clock is injected) so the policy is unit-tested with a fake clock.
 *
 * Policy (documented in README "Staying current"):
 * - signed out: no polling.
 * - a PagerDuty view visible: every interval, halved while the window is focused.
 * - no view visible: the status bar and new-incident notifications still need data, so one cheap poll every
 *   interval (not halved); with notifications off, every 5 intervals (the status bar count may lag).
 * - after a failed poll: exponential backoff (x2 per failure, at most 10 minutes); a rate limit starts at x4.
 * - becoming visible or focused with data older than the current period polls at once.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollConditions {
  signedIn: boolean;
  viewVisible: boolean;
  focused: boolean;
  notificationsEnabled: boolean;
  intervalSeconds: number;
}

export type PollOutcome = 'ok' | 'rate_limited' | 'error' | 'signedOut';

export const MAX_BACKOFF_MS = 10 * 60_000;
const HIDDEN_SLOWDOWN = 5;

/** The period between polls in ms, or undefined when polling is paused. */
export function pollPeriod(c: PollConditions, failures: number, rateLimited: boolean): number | undefined {
  if (!c.signedIn) return undefined;
  const base = Math.max(1, c.intervalSeconds) * 1000;
  let period = c.viewVisible ? (c.focused ? base / 2 : base) : c.notificationsEnabled ? base : base * HIDDEN_SLOWDOWN;
  if (failures > 0) {
    const factor = 2 ** Math.min(failures + (rateLimited ? 1 : 0), 10);
    period = Math.min(Math.max(period, base) * factor, MAX_BACKOFF_MS);
  }
  return Math.round(period);
}

export class PollScheduler {
  private timer: unknown;
  private conditions: PollConditions;
  private failures = 0;
  private rateLimited = false;
  private lastPollAt: number | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly poll: () => Promise<PollOutcome>,
    initial: PollConditions,
  ) {
    this.conditions = initial;
  }

  get period(): number | undefined {
    return pollPeriod(this.conditions, this.failures, this.rateLimited);
  }

  get lastPoll(): number | undefined {
    return this.lastPollAt;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Starts (or re-plans) polling; polls at once when the data is stale for the new conditions. */
  update(change: Partial<PollConditions>): void {
    const wasVisible = this.conditions.viewVisible;
    const wasFocused = this.conditions.focused;
    this.conditions = { ...this.conditions, ...change };
    const period = this.period;
    if (period === undefined) return this.cancel();
    const becameActive = (!wasVisible && this.conditions.viewVisible) || (!wasFocused && this.conditions.focused);
    const stale = this.lastPollAt === undefined || this.clock.now() - this.lastPollAt >= period;
    if (stale && (becameActive || this.lastPollAt === undefined) && this.failures === 0) {
      void this.pollNow();
      return;
    }
    this.plan();
  }

  /** Manual refresh or an action changed data: poll now, clearing any backoff. */
  pollNow(): Promise<void> {
    if (this.running) return this.running;
    this.cancel();
    this.running = (async () => {
      let outcome: PollOutcome;
      try {
        outcome = await this.poll();
      } catch {
        outcome = 'error';
      }
      this.lastPollAt = this.clock.now();
      if (outcome === 'ok' || outcome === 'signedOut') {
        this.failures = 0;
        this.rateLimited = false;
      } else {
        this.failures++;
        this.rateLimited = outcome === 'rate_limited';
      }
      this.running = undefined;
      this.plan();
    })();
    return this.running;
  }

  private plan(): void {
    this.cancel();
    if (this.disposed || this.running) return;
    const period = this.period;
    if (period === undefined) return;
    const since = this.lastPollAt === undefined ? period : this.clock.now() - this.lastPollAt;
    const wait = Math.max(0, period - since);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.pollNow();
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}
