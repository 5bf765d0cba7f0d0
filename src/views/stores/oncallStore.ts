/**
 * On-call data for the On-Call view and the status bar, read through list_oncalls. No `vscode` import.
 * On-call changes rarely: refetched every ONCALL_REFRESH_MS at most (sooner when one of my shifts starts or
 * ends, or on manual refresh), so it adds nothing to most polls.
 */
import { toViewError, type ViewError } from './errors';
import { LOOKAHEAD_DAYS, myStatus, type MyStatus } from './oncall';
import type { Failure, PagerDutyApi } from '../../model/pagerdutyApi';
import type { PolledStore } from './polled';
import type { PollOutcome } from './scheduler';
import type { Translate } from '../../model/translate';
import type { CurrentUser, OncallEntry } from './types';

export const ONCALL_REFRESH_MS = 5 * 60_000;
export const EVERYONE_LIMIT = 500;

export class OncallStore implements PolledStore {
  private listeners: (() => void)[] = [];
  private everyone: OncallEntry[] = [];
  private mineList: OncallEntry[] = [];
  private fetchedAt: number | undefined;
  private everyoneFetched = false;
  private currentError: ViewError | undefined;

  /** `me`: the signed-in user, as the incidents store (polled first) read it; nothing is read without one. */
  constructor(
    private readonly api: PagerDutyApi,
    private readonly me: () => CurrentUser | undefined,
    private readonly now: () => number,
    private readonly t?: Translate,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  get entries(): readonly OncallEntry[] {
    return this.everyone;
  }
  get mine(): readonly OncallEntry[] {
    return this.mineList;
  }
  get loaded(): boolean {
    return this.fetchedAt !== undefined;
  }
  get error(): ViewError | undefined {
    return this.currentError;
  }
  status(): MyStatus | undefined {
    return this.loaded ? myStatus(this.mineList, this.now()) : undefined;
  }

  /** Due when never fetched, stale, the view needs the full list it lacks, or one of my shifts started/ended. */
  isDue(viewVisible: boolean): boolean {
    if (this.fetchedAt === undefined || this.currentError) return true;
    const now = this.now();
    if (viewVisible && !this.everyoneFetched) return true;
    if (now - this.fetchedAt >= ONCALL_REFRESH_MS) return true;
    return this.mineList.some((e) => {
      const edges = [e.start, e.end].filter((x): x is string => !!x).map((x) => Date.parse(x));
      return edges.some((edge) => edge > this.fetchedAt! && edge <= now);
    });
  }

  async poll(opts: { viewVisible: boolean }, token?: unknown): Promise<PollOutcome> {
    const me = this.me();
    if (!me) return 'ok';
    const now = this.now();
    const since = new Date(now).toISOString();
    const until = new Date(now + LOOKAHEAD_DAYS * 86_400_000).toISOString();
    const [mine, all] = await Promise.all([
      this.api.oncalls({ user_ids: [me.id], since, until }, token),
      // Who is on call now across the account; the tool pages through PagerDuty's 100-per-request limit.
      opts.viewVisible ? this.api.oncalls({ limit: EVERYONE_LIMIT }, token) : undefined,
    ]);
    if (!mine.ok) return this.fail(mine);
    if (all && !all.ok) return this.fail(all);
    this.currentError = undefined;
    this.mineList = mine.value;
    if (all) {
      this.everyone = all.value;
      this.everyoneFetched = true;
    }
    this.fetchedAt = now;
    this.emit();
    return 'ok';
  }

  private fail(failed: Failure): PollOutcome {
    this.currentError = toViewError(failed.result, this.t);
    this.emit();
    return failed.result.signedOut ? 'signedOut' : this.currentError.kind === 'rate_limited' ? 'rate_limited' : 'error';
  }

  /** Manual refresh: the next poll refetches. */
  invalidate(): void {
    this.fetchedAt = undefined;
  }

  clear(): void {
    this.everyone = [];
    this.mineList = [];
    this.fetchedAt = undefined;
    this.everyoneFetched = false;
    this.currentError = undefined;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
