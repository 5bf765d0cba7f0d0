import type { Clock } from '../../src/views/stores/scheduler';

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock whose timers run only when the caller advances time. After each timer fires, `settle` is awaited
 * (by default one turn of the event loop; the benchmark waits for real HTTP) before time moves on.
 */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(public time = 0) {}

  now() {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }

  clearTimeout(id: unknown) {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** Delays of the timers still waiting, relative to now. */
  get pending() {
    return this.timers.map((t) => t.at - this.time);
  }

  async advance(ms: number, settle: () => Promise<void> = nextTick) {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
      await settle();
    }
    this.time = end;
  }
}
