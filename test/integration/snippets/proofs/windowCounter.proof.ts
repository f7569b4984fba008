import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range, sleep } from '../harness/util';

interface Counter {
  increment(counter: string, by?: number, now?: number): Promise<number>;
  recent(counter: string, windows: number, now?: number): Promise<{ start: number; count: number }[]>;
  takeAndReset(counter: string, now?: number): Promise<number>;
}
type CounterClass = new (client: object, options?: { windowMs?: number; keepWindows?: number }) => Counter;

const counterClass = (ctx: ProofContext) => exported<CounterClass>(ctx, 'WindowCounter');
const MINUTE = 60_000;
const T0 = 1_700_000_040_000; // a minute boundary

export const windowCounterProof: PatternProof = {
  checks: {
    'no increment is lost or counted twice while another process takes and resets the count': async (ctx) => {
      const Counter = counterClass(ctx);
      const [drainerClient, ...clients] = await ctx.connectMany(7);
      const drainer = new Counter(drainerClient, { windowMs: MINUTE, keepWindows: 5 });
      const incrementers = clients.map((client) => new Counter(client, { windowMs: MINUTE, keepWindows: 5 }));
      let done = false;
      let drained = 0;
      let sawTtlMissing = false;
      const drain = (async () => {
        while (!done) {
          drained += await drainer.takeAndReset('api', T0 + 1);
          if ((await ctx.admin.exists('stats:{api}:' + T0)) === 1 && (await ctx.admin.pttl('stats:{api}:' + T0)) === -1) sawTtlMissing = true;
          await sleep(1);
        }
      })();
      await Promise.all(incrementers.map(async (counter, i) => {
        for (const _round of range(60)) await counter.increment('api', i + 1, T0 + 1);
      }));
      done = true;
      await drain;
      const expected = incrementers.reduce((sum, _counter, i) => sum + 60 * (i + 1), 0);
      assert.ok(drained > 0, 'the drainer took counts while increments ran');
      assert.equal(drained + (await drainer.takeAndReset('api', T0 + 1)), expected);
      assert.equal(sawTtlMissing, false, 'the window key never existed without a TTL');
    },

    'counts land in their window, recent() reads them oldest first, and every window key expires': async (ctx) => {
      const counter = new (counterClass(ctx))(await ctx.connect(), { windowMs: MINUTE, keepWindows: 3 });
      await counter.increment('signups', 2, T0 + 5);
      await counter.increment('signups', 1, T0 + MINUTE - 1);
      assert.equal(await counter.increment('signups', 4, T0 + 2 * MINUTE), 4);
      assert.deepEqual(await counter.recent('signups', 5, T0 + 2 * MINUTE + 10), [
        { start: T0, count: 3 },
        { start: T0 + MINUTE, count: 0 },
        { start: T0 + 2 * MINUTE, count: 4 },
      ]);
      for (const start of [T0, T0 + 2 * MINUTE]) {
        const ttl = await ctx.admin.pttl(`stats:{signups}:${start}`);
        assert.ok(ttl > 0 && ttl <= 3 * MINUTE, `window ${start} TTL ${ttl}`);
      }
      assert.equal(await counter.takeAndReset('signups', T0 + 2 * MINUTE), 4);
      assert.equal(await counter.takeAndReset('signups', T0 + 2 * MINUTE), 0);
    },
  },
};
