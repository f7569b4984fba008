import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface Counter {
  increment(by?: number): Promise<void>;
  total(): Promise<number>;
  keyNames(): readonly string[];
}
type CounterClass = new (client: object, name: string, options?: { shards?: number }) => Counter;

const counterClass = (ctx: ProofContext) => exported<CounterClass>(ctx, 'ShardedCounter');

/** Concurrent increments from several connections; returns the exact expected total. */
async function hammer(counters: Counter[]): Promise<number> {
  await Promise.all(counters.map(async (counter, i) => {
    for (const _round of range(100)) await counter.increment(i + 1);
  }));
  return counters.reduce((sum, _counter, i) => sum + 100 * (i + 1), 0);
}

export const shardedCounterProof: PatternProof = {
  checks: {
    'on a real Cluster the shards land on several masters and the sum is exact under concurrent increments': async (ctx) => {
      const Counter = counterClass(ctx);
      const { fixture, connection } = await ctx.cluster();
      const more = await Promise.all(range(3).map(async () => (await ctx.cluster()).connection));
      const counters = [connection, ...more].map((client) => new Counter(client, 'pageviews', { shards: 16 }));
      const expected = await hammer(counters);
      assert.equal(await counters[0].total(), expected);

      // Where the shards actually live: the cluster was flushed, so each master's key count is its shards.
      const holders = await Promise.all(
        fixture.masters.map(async (node) => {
          const direct = new Redis({ host: node.host, port: node.port });
          try {
            return await direct.dbsize();
          } finally {
            direct.disconnect();
          }
        }),
      );
      assert.ok(holders.filter((held) => held > 0).length >= 2, `shards per master: ${holders.join(', ')}`);
      assert.equal(holders.reduce((sum, held) => sum + held, 0), 16, 'the 16 shards are all the keys there are');
    },

    'on a single server the sum is exact too, and the shards are distinct keys with distinct hash tags': async (ctx) => {
      const counters = (await ctx.connectMany(4)).map((client) => new (counterClass(ctx))(client, 'likes', { shards: 8 }));
      const expected = await hammer(counters);
      assert.equal(await counters[1].total(), expected);
      const tags = counters[0].keyNames().map((key) => /\{([^}]*)\}/.exec(key)?.[1]);
      assert.equal(new Set(tags).size, 8);
    },
  },
};
