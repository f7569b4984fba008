import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range, sleep } from '../harness/util';

interface CacheAsideOptions {
  ttlSeconds?: number;
  missTtlSeconds?: number;
  ttlJitter?: number;
  waitPollMs?: number;
}
interface CacheAside {
  get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  invalidate(key: string): Promise<void>;
}
type CacheAsideClass = new (client: object, options?: CacheAsideOptions) => CacheAside;

const cacheClass = (ctx: ProofContext) => exported<CacheAsideClass>(ctx, 'CacheAside');

/** A slow source that counts its loads. */
function countingSource<T>(value: T | undefined, delayMs = 150) {
  const source = {
    loads: 0,
    load: async (): Promise<T | undefined> => {
      source.loads++;
      await sleep(delayMs);
      return value;
    },
  };
  return source;
}

export const cacheAsideProof: PatternProof = {
  checks: {
    'a cold key under K concurrent readers in separate processes loads from the source once': async (ctx) => {
      const Cache = cacheClass(ctx);
      const caches = (await ctx.connectMany(25)).map((client) => new Cache(client, { ttlSeconds: 300, ttlJitter: 0.1, waitPollMs: 10 }));
      const source = countingSource({ id: 7, name: 'Ada' });
      const results = await Promise.all(caches.map((cache) => cache.get('user:7', source.load)));
      assert.equal(source.loads, 1);
      for (const result of results) assert.deepEqual(result, { id: 7, name: 'Ada' });
      const ttl = await ctx.admin.ttl('cache:user:7');
      assert.ok(ttl >= 270 && ttl <= 330, `TTL ${ttl} within 300 s ± 10%`);
      assert.equal(await ctx.admin.exists('loadlock:cache:user:7'), 0, 'the load lock was released');
      assert.deepEqual(await caches[3].get('user:7', source.load), { id: 7, name: 'Ada' });
      assert.equal(source.loads, 1, 'warm reads do not touch the source');
    },

    'concurrent readers in one process share one load (single-flight)': async (ctx) => {
      const cache = new (cacheClass(ctx))(await ctx.connect());
      const source = countingSource('value');
      const results = await Promise.all(range(30).map(() => cache.get('k', source.load)));
      assert.equal(source.loads, 1);
      assert.ok(results.every((result) => result === 'value'));
    },

    'misses are cached with their own TTL, and invalidate() forces a reload': async (ctx) => {
      const cache = new (cacheClass(ctx))(await ctx.connect(), { missTtlSeconds: 30, ttlJitter: 0.1 });
      const missing = countingSource<string>(undefined, 0);
      assert.equal(await cache.get('ghost', missing.load), undefined);
      assert.equal(await cache.get('ghost', missing.load), undefined);
      assert.equal(missing.loads, 1, 'the miss was cached');
      const ttl = await ctx.admin.ttl('cache:ghost');
      assert.ok(ttl > 0 && ttl <= 33, `miss TTL ${ttl}`);
      await cache.invalidate('ghost');
      assert.equal(await cache.get('ghost', missing.load), undefined);
      assert.equal(missing.loads, 2);
    },

    'a failing load releases its lock so the next reader loads': async (ctx) => {
      const cache = new (cacheClass(ctx))(await ctx.connect());
      await assert.rejects(cache.get('flaky', async () => Promise.reject(new Error('source down'))), /source down/);
      assert.equal(await ctx.admin.exists('loadlock:cache:flaky'), 0);
      assert.equal(await cache.get('flaky', () => Promise.resolve('recovered')), 'recovered');
    },
  },
};
