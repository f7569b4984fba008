import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

type CounterClass = new (client: object, options?: { retentionSeconds?: number }) => {
  add(counter: string, items: string[]): Promise<boolean>;
  count(...counters: string[]): Promise<number>;
  merge(destination: string, sources: string[]): Promise<void>;
};

const counterClass = (ctx: ProofContext) => exported<CounterClass>(ctx, 'UniqueCounter');
/** HyperLogLog's standard error is 0.81%; three of them is the bound a correct counter stays within. */
const MAX_RELATIVE_ERROR = 3 * 0.0081;

function items(from: number, to: number): string[] {
  return range(to - from).map((i) => `visitor-${from + i}`);
}

function assertClose(estimate: number, actual: number): void {
  const error = Math.abs(estimate - actual) / actual;
  assert.ok(error <= MAX_RELATIVE_ERROR, `estimate ${estimate} for ${actual} is off by ${(error * 100).toFixed(2)}%`);
}

export const uniqueCounterProof: PatternProof = {
  checks: {
    'counts distinct items within the documented error; duplicates do not count': async (ctx) => {
      const Counter = counterClass(ctx);
      const counters = (await ctx.connectMany(4)).map((client) => new Counter(client, { retentionSeconds: 3600 }));
      const batches = range(100).map((batch) => items(batch * 1000, (batch + 1) * 1000));
      await Promise.all(batches.map((batch, i) => counters[i % 4].add('daily', batch)));
      const estimate = await counters[0].count('daily');
      assertClose(estimate, 100_000);
      await Promise.all(batches.slice(0, 10).map((batch, i) => counters[i % 4].add('daily', batch)));
      assert.equal(await counters[0].count('daily'), estimate, 'duplicates did not change the estimate');
      assert.equal(await counters[0].add('daily', []), false);
    },

    'the retention TTL is set once, and unions and merges count each item once': async (ctx) => {
      const counter = new (counterClass(ctx))(await ctx.connect(), { retentionSeconds: 3600 });
      await counter.add('a', items(0, 6000));
      const ttl = await ctx.admin.ttl('uniques:a');
      assert.ok(ttl > 3500 && ttl <= 3600, `TTL ${ttl}`);
      await ctx.admin.expire('uniques:a', 100);
      await counter.add('a', items(6000, 6001));
      assert.ok((await ctx.admin.ttl('uniques:a')) <= 100, 'later adds keep the first TTL');
      await counter.add('b', items(4000, 10_000));
      assertClose(await counter.count('a', 'b'), 10_001);
      await counter.merge('week', ['a', 'b']);
      assert.equal(await counter.count('week'), await counter.count('a', 'b'));
      assert.ok((await ctx.admin.ttl('uniques:week')) > 0);
    },
  },
};
