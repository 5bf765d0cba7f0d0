import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BACKOFF_MS, pollPeriod, PollScheduler, type PollConditions, type PollOutcome } from '../../src/views/stores/scheduler';
import { FakeClock } from '../support/fakeClock';

const flush = () => new Promise((r) => setImmediate(r));

const base: PollConditions = { signedIn: true, viewVisible: true, focused: false, notificationsEnabled: true, intervalSeconds: 60 };

describe('poll period', () => {
  it('halves while focused with a view visible', () => {
    assert.equal(pollPeriod(base, 0, false), 60_000);
    assert.equal(pollPeriod({ ...base, focused: true }, 0, false), 30_000);
  });
  it('keeps a cheap background poll for the status bar and notifications when no view is visible', () => {
    assert.equal(pollPeriod({ ...base, viewVisible: false, focused: true }, 0, false), 60_000);
    assert.equal(pollPeriod({ ...base, viewVisible: false, notificationsEnabled: false }, 0, false), 300_000);
  });
  it('pauses when signed out', () => {
    assert.equal(pollPeriod({ ...base, signedIn: false }, 0, false), undefined);
  });
  it('backs off exponentially, harder on rate limits, capped', () => {
    assert.equal(pollPeriod(base, 1, false), 120_000);
    assert.equal(pollPeriod(base, 1, true), 240_000);
    assert.equal(pollPeriod({ ...base, focused: true }, 2, false), 240_000);
    assert.equal(pollPeriod(base, 9, true), MAX_BACKOFF_MS);
  });
});
describe('PollScheduler with a fake clock', () => {
  function setup(outcomes: PollOutcome[] = []) {
    const clock = new FakeClock();
    const polls: number[] = [];
    const scheduler = new PollScheduler(
      clock,
      async () => {
        polls.push(clock.now());
        return outcomes.shift() ?? 'ok';
      },
      { ...base, signedIn: false },
    );
    return { clock, polls, scheduler };
  }

  it('polls at once on sign-in, then every period', async () => {
    const { clock, polls, scheduler } = setup();
    scheduler.update({ signedIn: true });
    await flush();
    await clock.advance(180_000);
    assert.deepEqual(polls, [0, 60_000, 120_000, 180_000]);
    scheduler.dispose();
  });

  it('does not poll while signed out', async () => {
    const { clock, polls, scheduler } = setup();
    await clock.advance(600_000);
    assert.deepEqual(polls, []);
    assert.deepEqual(clock.pending, []);
    scheduler.dispose();
  });

  it('backs off after rate limiting and recovers after a success', async () => {
    const { clock, polls, scheduler } = setup(['ok', 'rate_limited', 'rate_limited', 'ok']);
    scheduler.update({ signedIn: true });
    await flush();
    await clock.advance(60_000); // 2nd poll: rate limited → next in 240 s
    await clock.advance(240_000); // 3rd: rate limited again → 480 s
    await clock.advance(480_000); // 4th: ok → back to 60 s
    await clock.advance(60_000);
    assert.deepEqual(polls, [0, 60_000, 300_000, 780_000, 840_000]);
    scheduler.dispose();
  });

  it('polls at once when a view becomes visible with stale data, not when fresh', async () => {
    const { clock, polls, scheduler } = setup();
    scheduler.update({ signedIn: true, viewVisible: false, notificationsEnabled: false });
    await flush();
    await clock.advance(10_000);
    scheduler.update({ viewVisible: true }); // 10 s old data, period 60 s: fresh enough
    await flush();
    assert.deepEqual(polls, [0]);
    await clock.advance(50_000);
    assert.deepEqual(polls, [0, 60_000]);
    scheduler.update({ viewVisible: false });
    await clock.advance(200_000);
    assert.deepEqual(polls, [0, 60_000], 'hidden with notifications off: every 300 s');
    scheduler.update({ viewVisible: true }); // 200 s old: stale → now
    await flush();
    assert.deepEqual(polls, [0, 60_000, 260_000]);
    scheduler.dispose();
  });

  it('manual refresh polls now and restarts the period', async () => {
    const { clock, polls, scheduler } = setup();
    scheduler.update({ signedIn: true });
    await flush();
    await clock.advance(45_000);
    await scheduler.pollNow();
    await clock.advance(59_000);
    assert.deepEqual(polls, [0, 45_000]);
    await clock.advance(1_000);
    assert.deepEqual(polls, [0, 45_000, 105_000]);
    scheduler.dispose();
  });

  it('a thrown poll counts as a failure, not a crash', async () => {
    const clock = new FakeClock();
    let n = 0;
    const scheduler = new PollScheduler(clock, async () => {
      n++;
      throw new Error('boom');
    }, base);
    scheduler.update({});
    await flush();
    assert.equal(n, 1);
    assert.equal(scheduler.consecutiveFailures, 1);
    assert.deepEqual(clock.pending, [120_000]);
    scheduler.dispose();
  });
});
