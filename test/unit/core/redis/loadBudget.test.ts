import assert from 'node:assert/strict';
import { LoadBudget, realClock, type BudgetClock } from '../../../../src/core/redis/keyspace/loadBudget';

/** A clock that only moves when the budget sleeps or the test says a round trip took time. */
class FakeClock implements BudgetClock {
  time = 0;
  slept: number[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    this.slept.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}

/** One round trip that "takes" `latencyMs` on the fake clock and returns a page of `keys` keys. */
async function roundTrip(budget: LoadBudget, clock: FakeClock, latencyMs: number, keys = 0, signal?: AbortSignal): Promise<boolean> {
  const result = await budget.request(
    'scan',
    () => {
      clock.time += latencyMs;
      return Promise.resolve(keys);
    },
    signal,
    (n) => n,
  );
  return result !== undefined;
}

describe('LoadBudget', () => {
  it('never waits on a server whose round trips stay at their baseline', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    for (let i = 0; i < 100; i++) await roundTrip(budget, clock, 1 + (i % 3) * 0.3, 1000);
    assert.deepEqual(clock.slept, []);
    assert.equal(budget.state.throttledBy, null);
    assert.equal(budget.describe(), '');
  });

  it('never waits for lone slow round trips on an idle server (client GC, scheduling hiccups)', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    // Every fifth reply arrives 40 ms late, as when the client's own work or the OS delays its callback.
    for (let i = 0; i < 200; i++) await roundTrip(budget, clock, i % 5 === 4 ? 40 : 0.5, 1000);
    assert.deepEqual(clock.slept, []);
    assert.equal(budget.describe(), '');
  });

  it("does not count the caller's own work while a round trip is out as server latency", async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    for (let i = 0; i < 100; i++) {
      await budget.request('scan', () => {
        // From the 10th page on, the caller classifies the previous page for 30 ms; the reply (0.5 ms) waits for it.
        if (i >= 10) clock.time += 30;
        budget.clientWorked();
        clock.time += 0.5;
        return Promise.resolve(1000);
      });
    }
    assert.deepEqual(clock.slept, []);
  });

  it('backs off when round trips slow down against the baseline and says so', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    for (let i = 0; i < 10; i++) await roundTrip(budget, clock, 1);
    for (let i = 0; i < 10; i++) await roundTrip(budget, clock, 12);
    assert.ok(budget.state.delayMs > 0, 'a pause is inserted');
    await roundTrip(budget, clock, 12);
    assert.equal(budget.state.throttledBy, 'latency');
    assert.match(budget.describe(), /^throttled: server latency 1\d ms vs 1(\.\d)? ms baseline$/);
    const pauses = clock.slept.length;
    assert.ok(pauses > 0);
    // Once the server is fast again the pause decays to nothing.
    for (let i = 0; i < 40; i++) await roundTrip(budget, clock, 1);
    assert.equal(budget.state.delayMs, 0);
    const before = clock.slept.length;
    await roundTrip(budget, clock, 1);
    assert.equal(clock.slept.length, before);
    assert.equal(budget.describe(), '');
  });

  it('treats a slowdown below the noise floor as no slowdown', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    for (let i = 0; i < 5; i++) await roundTrip(budget, clock, 0.1);
    for (let i = 0; i < 20; i++) await roundTrip(budget, clock, 1.5);
    assert.deepEqual(clock.slept, []);
  });

  it('compares each kind of round trip with its own baseline: big sample pipelines do not throttle SCAN', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    for (let i = 0; i < 30; i++) {
      await roundTrip(budget, clock, 1);
      await budget.request('read', () => Promise.resolve((clock.time += 40)));
    }
    assert.deepEqual(clock.slept, []);
  });

  it('pauses about as long as the slowdown, not longer', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock });
    await roundTrip(budget, clock, 1);
    for (let i = 0; i < 30; i++) await roundTrip(budget, clock, 21);
    assert.ok(Math.max(...clock.slept) <= 20, `longest pause ${Math.max(...clock.slept)} ms`);
  });

  it('caps the pause at maxDelayMs however slow the server gets', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock, maxDelayMs: 500 });
    await roundTrip(budget, clock, 1);
    for (let i = 0; i < 30; i++) await roundTrip(budget, clock, 5000);
    assert.ok(Math.max(...clock.slept) <= 500);
    assert.equal(budget.state.delayMs, 500);
  });

  it('holds a SCAN-calls-per-second ceiling: calls ≤ limit × elapsed + burst', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock, maxScansPerSecond: 20, scanBurst: 3 });
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      await budget.request('scan', () => Promise.resolve(sentAt.push(clock.now())));
    }
    for (const t of sentAt) {
      const calls = sentAt.filter((s) => s <= t).length;
      assert.ok(calls <= (20 * t) / 1000 + 3, `${calls} calls by ${t} ms`);
    }
    assert.equal(budget.state.throttledBy, 'scan-ceiling');
    assert.equal(budget.describe(), 'throttled: at most 20 SCAN calls per second');
  });

  it('holds a keys-per-second ceiling by charging each page to the next call', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock, maxKeysPerSecond: 5000 });
    for (let i = 0; i < 50; i++) await roundTrip(budget, clock, 0, 1000);
    // 50 pages of 1000 keys at 5000 keys/s: the last page cannot start before 49 × 200 ms.
    assert.ok(clock.time >= 49 * 200, `elapsed ${clock.time}`);
    assert.equal(budget.describe(), 'throttled: at most 5000 keys per second');
  });

  it('does not apply the SCAN ceilings to sample reads', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock, maxScansPerSecond: 1 });
    for (let i = 0; i < 10; i++) await budget.request('read', () => Promise.resolve(1));
    assert.equal(clock.time, 0);
  });

  it('sends nothing once the signal aborted during the wait', async () => {
    const clock = new FakeClock();
    const budget = new LoadBudget({ clock, maxScansPerSecond: 1 });
    const controller = new AbortController();
    controller.abort();
    let sent = 0;
    assert.equal(await budget.request('scan', () => Promise.resolve(++sent), controller.signal), undefined);
    assert.equal(sent, 0);
  });

  it('refuses a ceiling that is not a positive number', () => {
    assert.throws(() => new LoadBudget({ maxScansPerSecond: 0 }), /maxScansPerSecond must be a positive number, got 0/);
    assert.throws(() => new LoadBudget({ maxKeysPerSecond: -5 }), /maxKeysPerSecond/);
  });

  it('the real clock never wakes before the deadline (timers round fractional delays down)', async () => {
    for (const ms of [0.4, 1.5, 2.7, 3.9, 5.2, 7.6, 9.9, 12.3]) {
      const started = performance.now();
      await realClock.sleep(ms);
      const slept = performance.now() - started;
      assert.ok(slept >= ms, `asked ${ms} ms, woke after ${slept.toFixed(3)} ms`);
    }
  });

  it('the real clock wakes at once when aborted', async () => {
    const controller = new AbortController();
    const sleeping = realClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
  });
});
