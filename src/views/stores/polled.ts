/**
 * The sidebar's stores as the poll loop sees them: each reads through the typed API when due, forgets on a session
 * switch and says when it changed. src/views/index.ts keeps one list of them (with their views); a poll walks it in
 * order, so a store may use what an earlier one read (on-call needs the user the incidents store read). No `vscode`.
 */
import type { PollOutcome } from './scheduler';

export interface PolledStore {
  /** Whether a poll should read now; `viewVisible`: whether its view shows (a shown view may need more). */
  isDue(viewVisible: boolean): boolean;
  poll(opts: { viewVisible: boolean }, token?: unknown): Promise<PollOutcome>;
  /** The next poll reads whatever it kept (a manual refresh). */
  invalidate(): void;
  /** Signed out or switched account/host: forget everything (and say so through onDidChange). */
  clear(): void;
  onDidChange(listener: () => void): { dispose(): void };
}

/** A store and whether its view shows. */
export interface PolledSection {
  store: PolledStore;
  visible(): boolean;
}

/** One poll: each due store in list order; the first outcome that is not 'ok' ends it (the scheduler backs off on it). */
export async function pollStores(sections: readonly PolledSection[], token?: unknown): Promise<PollOutcome> {
  for (const { store, visible } of sections) {
    const viewVisible = visible();
    if (!store.isDue(viewVisible)) continue;
    const outcome = await store.poll({ viewVisible }, token);
    if (outcome !== 'ok') return outcome;
  }
  return 'ok';
}
