/**
 * Decides which new triggered incidents assigned to me raise a notification. Pure; the seen ids are persisted
 * by the caller (globalState) so a reload never notifies twice for the same incident.
 *
 * - Never twice for the same incident id (remembered across polls and reloads, newest 1000 kept).
 * - The first poll after start only records what is already there: incidents that triggered while VS Code was
 *   closed are summed up in one "You have N triggered incidents" message instead of one toast each.
 * - More than MAX_INDIVIDUAL new incidents in one poll (an incident storm) also become one summary.
 */
import type { Incident } from './types';

export const MAX_REMEMBERED = 1000;
export const MAX_INDIVIDUAL = 3;

export type NotificationPlan =
  | { kind: 'none' }
  | { kind: 'individual'; incidents: Incident[] }
  | { kind: 'summary'; count: number; incidents: Incident[] };

export class NotificationGate {
  private readonly seen: string[];
  private readonly seenSet: Set<string>;
  private baselined = false;

  constructor(remembered: readonly string[] = []) {
    this.seen = remembered.slice(-MAX_REMEMBERED);
    this.seenSet = new Set(this.seen);
  }

  /** The ids to persist. */
  get remembered(): readonly string[] {
    return this.seen;
  }

  /**
   * `incidents`: this poll's open incidents. Only triggered ones assigned to `meId` count.
   * Returns what to show and marks those incidents seen.
   */
  consider(incidents: readonly Incident[], meId: string | undefined): NotificationPlan {
    if (!meId) return { kind: 'none' };
    const fresh = incidents.filter(
      (i) => i.status === 'triggered' && !this.seenSet.has(i.id) && (i.assignees ?? []).some((a) => a.id === meId),
    );
    const first = !this.baselined;
    this.baselined = true;
    for (const incident of fresh) this.remember(incident.id);
    if (fresh.length === 0) return { kind: 'none' };
    if (first || fresh.length > MAX_INDIVIDUAL) return { kind: 'summary', count: fresh.length, incidents: fresh };
    return { kind: 'individual', incidents: fresh };
  }

  private remember(id: string): void {
    this.seen.push(id);
    this.seenSet.add(id);
    while (this.seen.length > MAX_REMEMBERED) this.seenSet.delete(this.seen.shift()!);
  }
}
