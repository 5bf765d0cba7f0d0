/**
 * The incident data behind the Incidents view, the status bar and notifications. Every read goes through the
 * toolset through the typed API (the session's). No `vscode` import: tested with the API over a fake callTool.
 *
 * One poll = one cheap request when possible: list_incidents(statuses triggered+acknowledged). "Mine" (status bar,
 * notifications) is scope=assigned; when the view shows the same scope, that one request serves both; when the view
 * shows "my teams"/"all" and is visible, a second request fills it. "This workspace's services" is `all` narrowed to
 * the services the workspace names (`serviceIds`); with none found, it asks nothing and shows nothing.
 */
import type { Failure, PagerDutyApi } from '../../model/pagerdutyApi';
import { diffIncidents, isEmptyDiff, type IncidentDiff } from './incidents';
import { toViewError, type ViewError } from './errors';
import type { Translate } from '../../model/translate';
import type { Scope } from './scope';
import type { CurrentUser, Incident } from './types';
import type { PolledStore } from './polled';
import type { PollOutcome } from './scheduler';

export const PAGE_SIZE = 25;
export const MAX_LOADED = 500;
const OPEN = ['triggered', 'acknowledged'] as const;

export interface StoreChange {
  /** The view's incidents changed: what changed, for targeted tree refresh. */
  view?: IncidentDiff;
  /** Everything about the view must be re-read (scope switch, error appeared or cleared). */
  viewReset?: boolean;
  mineChanged?: boolean;
}

export class IncidentsStore implements PolledStore {
  private listeners: ((change: StoreChange) => void)[] = [];
  private viewList: Incident[] = [];
  private mineList: Incident[] = [];
  private currentScope: Scope;
  private limit = PAGE_SIZE;
  private hasMore = false;
  private totalCount: number | undefined;
  private viewLoaded = false;
  private mineLoaded = false;
  private currentError: ViewError | undefined;
  private currentUser: CurrentUser | undefined;
  private userStale = false;

  constructor(
    private readonly api: PagerDutyApi,
    scope: Scope,
    private readonly t?: Translate,
    /** This workspace's services (src/views/workspaceServices.ts); read at each poll. */
    private readonly serviceIds: () => readonly string[] = () => [],
  ) {
    this.currentScope = scope;
  }

  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  get scope(): Scope {
    return this.currentScope;
  }
  get incidents(): readonly Incident[] {
    return this.viewList;
  }
  get mine(): readonly Incident[] {
    return this.mineList;
  }
  get more(): boolean {
    return this.hasMore && this.limit < MAX_LOADED;
  }
  get total(): number | undefined {
    return this.totalCount;
  }
  get loaded(): boolean {
    return this.viewLoaded;
  }
  get mineIsLoaded(): boolean {
    return this.mineLoaded;
  }
  get error(): ViewError | undefined {
    return this.currentError;
  }
  get me(): CurrentUser | undefined {
    return this.currentUser;
  }

  /** Looks an incident up in what is loaded (view first, then mine). */
  find(id: string): Incident | undefined {
    return this.viewList.find((i) => i.id === id) ?? this.mineList.find((i) => i.id === id);
  }

  setScope(scope: Scope): void {
    if (scope === this.currentScope) return;
    this.currentScope = scope;
    this.limit = PAGE_SIZE;
    this.viewList = this.currentScope === 'assigned' ? [...this.mineList] : [];
    this.viewLoaded = this.currentScope === 'assigned' && this.mineLoaded;
    this.emit({ viewReset: true });
  }

  /** "Load more": the next polls fetch PAGE_SIZE more. */
  async loadMore(): Promise<PollOutcome> {
    this.limit = Math.min(this.limit + PAGE_SIZE, MAX_LOADED);
    return this.poll({ viewVisible: true });
  }

  /** Every poll reads the incidents: they are what the badge, the status bar and notifications follow. */
  isDue(): boolean {
    return true;
  }

  /** Nothing kept between polls to throw away. */
  invalidate(): void {}

  /** Signed out: forget everything (the welcome view takes over). */
  clear(): void {
    this.viewList = [];
    this.mineList = [];
    this.viewLoaded = this.mineLoaded = false;
    this.currentError = undefined;
    this.currentUser = undefined;
    this.emit({ viewReset: true, mineChanged: true });
  }

  /** The token may have changed: re-read the current user on the next poll, and drop the data if it is someone else. */
  revalidateUser(): void {
    this.userStale = true;
  }

  /** Applies incidents returned by manage_incidents at once, so the tree moves without waiting for a poll. */
  applyUpdates(updated: readonly Incident[]): void {
    if (!updated.length) return;
    const byId = new Map(updated.map((i) => [i.id, i]));
    const patch = (list: Incident[]) =>
      list.map((i) => byId.get(i.id) ?? i).filter((i) => i.status === 'triggered' || i.status === 'acknowledged');
    const before = this.viewList;
    this.viewList = patch(this.viewList);
    const mineBefore = this.mineList;
    this.mineList = patch(this.mineList);
    const diff = diffIncidents(before, this.viewList);
    this.emit({ view: isEmptyDiff(diff) ? undefined : diff, mineChanged: mineBefore !== this.mineList });
  }

  async poll(opts: { viewVisible: boolean }, token?: unknown): Promise<PollOutcome> {
    if (!this.currentUser || this.userStale) {
      const me = await this.api.me(token);
      if (!me.ok) return this.fail(me);
      const user = me.value;
      this.userStale = false;
      if (this.currentUser && user?.id !== this.currentUser.id) this.clear();
      if (user?.id) this.currentUser = user;
    }
    const scope = this.currentScope;
    const serviceIds = scope === 'workspace' ? this.serviceIds() : undefined;
    const fetchView = scope !== 'assigned' && (opts.viewVisible || !this.viewLoaded || scope === 'workspace');
    const mineLimit = scope === 'assigned' ? this.limit : PAGE_SIZE;
    const none = { ok: true as const, value: { incidents: [], more: false, total: 0 } };
    const [mine, view] = await Promise.all([
      this.api.incidents.list({ scope: 'assigned', statuses: OPEN, limit: mineLimit }, token),
      !fetchView
        ? undefined
        : serviceIds && !serviceIds.length
          ? none
          : this.api.incidents.list({ scope: serviceIds ? 'all' : scope, statuses: OPEN, limit: this.limit, ...(serviceIds ? { service_ids: serviceIds } : {}) }, token),
    ]);
    if (scope !== this.currentScope) return 'ok'; // the scope changed while we waited; the next poll is on its way
    if (!mine.ok) return this.fail(mine);
    if (view && !view.ok) return this.fail(view);

    const hadError = this.currentError !== undefined;
    this.currentError = undefined;
    const mineParsed = mine.value;
    const mineChanged = !this.mineLoaded || !isEmptyDiff(diffIncidents(this.mineList, mineParsed.incidents));
    this.mineList = mineParsed.incidents;
    this.mineLoaded = true;

    const viewParsed = scope === 'assigned' ? mineParsed : view?.value;
    let change: StoreChange = { mineChanged, viewReset: hadError };
    if (viewParsed) {
      const diff = diffIncidents(this.viewList, viewParsed.incidents);
      const firstLoad = !this.viewLoaded;
      this.viewList = viewParsed.incidents;
      this.hasMore = viewParsed.more;
      this.totalCount = viewParsed.total;
      this.viewLoaded = true;
      change = { ...change, view: isEmptyDiff(diff) ? undefined : diff, viewReset: hadError || firstLoad };
    }
    this.emit(change);
    return 'ok';
  }

  private fail(failed: Failure): PollOutcome {
    const error = toViewError(failed.result, this.t);
    if (error.kind === 'signedOut') {
      this.clear();
      return 'signedOut';
    }
    const same = this.currentError?.kind === error.kind && this.currentError.message === error.message;
    this.currentError = error;
    if (error.kind === 'unauthorized') this.currentUser = undefined;
    if (!same) this.emit({ viewReset: true, mineChanged: true });
    return error.kind === 'rate_limited' ? 'rate_limited' : 'error';
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
