import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}
type LimiterClass = new (client: object, options?: { limit?: number; windowMs?: number }) => {
  hit(subject: string, nowMs?: number): Promise<RateLimitResult>;
};

const limiterClass = (ctx: ProofContext) => exported<LimiterClass>(ctx, 'SlidingWindowRateLimiter');

export const slidingWindowProof: PatternProof = {
  checks: {
    'under concurrency on the server clock exactly `limit` requests pass, and the log has a TTL': async (ctx) => {
      const Limiter = limiterClass(ctx);
      const limiters = (await ctx.connectMany(20)).map((client) => new Limiter(client, { limit: 30, windowMs: 60_000 }));
      const results = await Promise.all(range(300).map((i) => limiters[i % limiters.length].hit('api')));
      assert.equal(results.filter((result) => result.allowed).length, 30);
      assert.ok(results.filter((result) => !result.allowed).every((result) => result.retryAfterMs > 0 && result.retryAfterMs <= 60_000));
      const ttl = await ctx.admin.pttl('ratelimit:sliding:api');
      assert.ok(ttl > 0 && ttl <= 60_000, `log TTL ${ttl}`);
    },

    'never more than `limit` in any window while the window slides (concurrent bursts on a shared clock)': async (ctx) => {
      const Limiter = limiterClass(ctx);
      const limit = 5;
      const windowMs = 1000;
      const limiters = (await ctx.connectMany(8)).map((client) => new Limiter(client, { limit, windowMs }));
      const start = 1_000_000;
      const allowedAt: number[] = [];
      let expected = 0;
      for (let now = start; now <= start + 3000; now += 50) {
        const results = await Promise.all(range(4).map((i) => limiters[(now / 50 + i) % limiters.length].hit('burst', now)));
        allowedAt.push(...results.filter((result) => result.allowed).map(() => now));
        // Reference: the same decisions made one request at a time.
        const inWindow = allowedAt.filter((time) => time > now - windowMs).length - results.filter((result) => result.allowed).length;
        expected += Math.min(4, limit - inWindow);
      }
      for (const time of allowedAt) {
        const inWindow = allowedAt.filter((other) => other > time - windowMs && other <= time).length;
        assert.ok(inWindow <= limit, `${inWindow} requests allowed in the window ending at ${time}`);
      }
      assert.equal(allowedAt.length, expected, 'requests are allowed again as old ones leave the window');
      assert.ok(allowedAt.length >= limit * 3, 'the window slides');
    },
  },
};
