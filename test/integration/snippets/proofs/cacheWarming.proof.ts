import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range, sleep } from '../harness/util';

type Loader = (ids: string[]) => Promise<Map<string, unknown>>;
interface Warmer {
  warm(job: string, ids: string[], load: Loader): Promise<{ warmedHere: boolean; warmed: number }>;
}
type WarmerClass = new (client: object, options?: { ttlSeconds?: number; jitterSeconds?: number; batchSize?: number; lockTtlMs?: number }) => Warmer;

const warmerClass = (ctx: ProofContext) => exported<WarmerClass>(ctx, 'CacheWarmer');
const IDS = range(240).map((i) => `product:${i}`);

/** A source that counts how often each id is loaded, taking a moment per batch like a database would. */
function countingSource(): { loads: Map<string, number>; load: Loader } {
  const loads = new Map<string, number>();
  return {
    loads,
    load: async (ids) => {
      await sleep(5);
      for (const id of ids) loads.set(id, (loads.get(id) ?? 0) + 1);
      return new Map(ids.filter((id) => id !== 'product:7').map((id) => [id, { id, price: id.length }]));
    },
  };
}

export const cacheWarmingProof: PatternProof = {
  checks: {
    'concurrent warmers load each key once: one warms, the others skip': async (ctx) => {
      const Warmer = warmerClass(ctx);
      const source = countingSource();
      const warmers = (await ctx.connectMany(6)).map((client) => new Warmer(client, { batchSize: 40, ttlSeconds: 600, jitterSeconds: 60 }));
      const results = await Promise.all(warmers.map((warmer) => warmer.warm('catalogue', IDS, source.load)));
      assert.deepEqual(results.filter((r) => r.warmedHere), [{ warmedHere: true, warmed: IDS.length - 1 }]);
      assert.deepEqual([...source.loads.values()].filter((count) => count !== 1), [], 'no id loaded twice');
      assert.equal(source.loads.size, IDS.length);
      assert.equal(await ctx.admin.get('cache:product:3'), JSON.stringify({ id: 'product:3', price: 9 }));
      assert.equal(await ctx.admin.exists('cache:product:7'), 0, 'an id the loader left out is not cached');
      assert.equal(await ctx.admin.exists('cache:warm-lock:catalogue'), 0, 'the lock was released');
    },

    'every warmed key has a TTL within ttl ± jitter, and the TTLs are spread': async (ctx) => {
      const warmer = new (warmerClass(ctx))(await ctx.connect(), { batchSize: 50, ttlSeconds: 600, jitterSeconds: 60 });
      await warmer.warm('catalogue', IDS, countingSource().load);
      const ttls = await Promise.all(IDS.filter((id) => id !== 'product:7').map((id) => ctx.admin.ttl(`cache:${id}`)));
      assert.ok(ttls.every((ttl) => ttl >= 539 && ttl <= 660), `TTLs ${Math.min(...ttls)}…${Math.max(...ttls)}`);
      assert.ok(new Set(ttls).size > 20, 'jitter spreads the expiries');
    },

    'a failing loader releases the lock, so the next run can warm': async (ctx) => {
      const warmer = new (warmerClass(ctx))(await ctx.connect());
      await assert.rejects(warmer.warm('catalogue', IDS, () => Promise.reject(new Error('db down'))), /db down/);
      assert.equal(await ctx.admin.exists('cache:warm-lock:catalogue'), 0);
      assert.equal((await warmer.warm('catalogue', IDS.slice(0, 3), countingSource().load)).warmed, 3);
    },
  },
};
