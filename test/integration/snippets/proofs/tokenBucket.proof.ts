import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface TakeResult {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}
type BucketClass = new (client: object, options?: { capacity?: number; refillPerSecond?: number }) => {
  take(subject: string, cost?: number, nowMs?: number): Promise<TakeResult>;
};

const bucketClass = (ctx: ProofContext) => exported<BucketClass>(ctx, 'TokenBucket');

async function allowedOf(buckets: InstanceType<BucketClass>[], requests: number, nowMs?: number): Promise<number> {
  const results = await Promise.all(range(requests).map((i) => buckets[i % buckets.length].take('tenant', 1, nowMs)));
  return results.filter((result) => result.allowed).length;
}

export const tokenBucketProof: PatternProof = {
  checks: {
    'bursts up to capacity, then the refill rate holds (concurrent takes on a shared clock)': async (ctx) => {
      const Bucket = bucketClass(ctx);
      const buckets = (await ctx.connectMany(10)).map((client) => new Bucket(client, { capacity: 10, refillPerSecond: 5 }));
      const start = 5_000_000;
      assert.equal(await allowedOf(buckets, 30, start), 10, 'burst up to capacity');
      assert.equal(await allowedOf(buckets, 30, start), 0, 'empty bucket');
      assert.equal(await allowedOf(buckets, 30, start + 1000), 5, 'one second refills 5 tokens');
      assert.equal(await allowedOf(buckets, 30, start + 1200), 1, '0.2 s refills 1 token');
      assert.equal(await allowedOf(buckets, 30, start + 60_000), 10, 'refill stops at capacity');
      const rejected = await buckets[0].take('tenant', 1, start + 60_000);
      assert.deepEqual([rejected.allowed, rejected.retryAfterMs], [false, 200]);
    },

    'on the server clock concurrent takes never exceed capacity, and the bucket expires': async (ctx) => {
      const Bucket = bucketClass(ctx);
      const buckets = (await ctx.connectMany(20)).map((client) => new Bucket(client, { capacity: 20, refillPerSecond: 0.001 }));
      assert.equal(await allowedOf(buckets, 200), 20);
      const ttl = await ctx.admin.pttl('ratelimit:bucket:tenant');
      assert.ok(ttl > 0, `bucket TTL ${ttl}`);
      await assert.rejects(buckets[0].take('tenant', 21), RangeError);
    },
  },
};
