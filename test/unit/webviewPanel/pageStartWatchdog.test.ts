import assert from 'node:assert/strict';
import { PageStartWatchdog } from '../../../src/webviewPanel/pageStartWatchdog';

/** A clock the test advances by hand: timers fire in order of their due time. */
class ManualClock {
  now = 0;
  private timers = new Map<number, { due: number; run: () => void }>();
  private next = 1;
  set = (run: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { due: this.now + ms, run });
    return id;
  };
  clear = (handle: unknown): void => void this.timers.delete(handle as number);
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.due <= until).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].due;
      due[1].run();
    }
    this.now = until;
  }
}

function watchdog(clock: ManualClock) {
  const events: string[] = [];
  const dog = new PageStartWatchdog({
    timeoutMs: 1000,
    maxReloads: 2,
    reload: (attempt, waited) => events.push(`reload ${attempt} after ${waited} at ${clock.now}`),
    giveUp: (waited) => events.push(`give up after ${waited} at ${clock.now}`),
    setTimer: clock.set,
    clearTimer: clock.clear,
  });
  return { dog, events };
}

describe('PageStartWatchdog', () => {
  it('does nothing to a page that speaks in time', () => {
    const clock = new ManualClock();
    const { dog, events } = watchdog(clock);
    dog.loading(true);
    clock.advance(999);
    dog.pageSpoke();
    clock.advance(60_000);
    assert.deepEqual(events, []);
    assert.equal(clock.pending, 0);
  });

  it('reloads a silent page, waiting twice as long each time, then gives up once', () => {
    const clock = new ManualClock();
    const { dog, events } = watchdog(clock);
    dog.loading(true);
    clock.advance(100_000);
    assert.deepEqual(events, ['reload 1 after 1000 at 1000', 'reload 2 after 2000 at 3000', 'give up after 4000 at 7000']);
    assert.equal(clock.pending, 0, 'nothing is left running after giving up');
    dog.visibilityChanged(false);
    dog.visibilityChanged(true);
    clock.advance(100_000);
    assert.equal(events.length, 3, 'a page it gave up on is not reloaded again');
  });

  it('stops reloading once a reloaded page speaks, and a later stall gets every retry again', () => {
    const clock = new ManualClock();
    const { dog, events } = watchdog(clock);
    dog.loading(true);
    clock.advance(1500);
    dog.pageSpoke();
    clock.advance(100_000);
    assert.deepEqual(events, ['reload 1 after 1000 at 1000']);
    // Hidden and shown again: VS Code loads the page anew, which must speak again.
    dog.visibilityChanged(false);
    dog.visibilityChanged(true);
    clock.advance(100_000);
    assert.deepEqual(events.slice(1), ['reload 1 after 1000 at 102500', 'reload 2 after 2000 at 104500', 'give up after 4000 at 108500']);
  });

  it('waits while the panel is hidden: a page in a background tab does not load', () => {
    const clock = new ManualClock();
    const { dog, events } = watchdog(clock);
    dog.loading(false);
    clock.advance(100_000);
    assert.deepEqual(events, []);
    dog.visibilityChanged(true);
    clock.advance(999);
    dog.visibilityChanged(false);
    clock.advance(100_000);
    assert.deepEqual(events, [], 'hiding the tab before the timeout cancels the wait');
    dog.visibilityChanged(true);
    dog.visibilityChanged(true); // a focus change: still one timer
    assert.equal(clock.pending, 1);
    clock.advance(1000);
    assert.deepEqual(events, ['reload 1 after 1000 at 201999']);
  });

  it('stops every timer when disposed', () => {
    const clock = new ManualClock();
    const { dog, events } = watchdog(clock);
    dog.loading(true);
    dog.dispose();
    assert.equal(clock.pending, 0);
    dog.visibilityChanged(true);
    clock.advance(100_000);
    assert.deepEqual(events, []);
  });
});
