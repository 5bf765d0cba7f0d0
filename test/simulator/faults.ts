/** Deliberate failures for resilience tests: a status, a delay or hold, a reset connection, a broken JSON body or an odd 2xx body. */
export type FaultKind =
  | { kind: 'status'; status: 429 | 500 | 502 | 503; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  /** Answered (normally) only once `until` settles; `held` is called when the request arrives: a call kept in flight. */
  | { kind: 'hold'; until: Promise<unknown>; held?: () => void }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  /** A 2xx answer with this exact body (empty, partial, or not what the spec promises). */
  | { kind: 'body'; body: string; status?: number };

export type FaultSpec = FaultKind & { match?: { method?: string; path?: RegExp }; times?: number };

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Number of faults still waiting to fire. */
  get pending(): number {
    return this.faults.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Returns (and uses up one shot of) the first fault matching this request. */
  take(method: string, pathname: string): FaultKind | undefined {
    const found = this.faults.find(({ spec }) => {
      const m = spec.match;
      if (m?.path) m.path.lastIndex = 0; // a /g regex would otherwise remember its last position
      return (!m?.method || m.method.toUpperCase() === method.toUpperCase()) && (!m?.path || m.path.test(pathname));
    });
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.faults = this.faults.filter((f) => f !== found);
    return found.spec;
  }
}
