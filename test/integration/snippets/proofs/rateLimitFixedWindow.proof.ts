import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range } from '../harness/util';

interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  resetInMs: number;
}
type LimiterClass = new (client: object, options?: { limit?: number; windowMs?: number }) => { hit(subject: string): Promise<RateLimitResult> };

const limiterClass = (ctx: ProofContext) => exported<LimiterClass>(ctx, 'FixedWindowRateLimiter');
const KEY = 'ratelimit:fixed:user-1';

export const fixedWindowProof: PatternProof = {
  checks: {
    'exactly `limit` of M concurrent requests in one window are allowed, and the counter has a TTL': async (ctx) => {
      const Limiter = limiterClass(ctx);
      const limiters = (await ctx.connectMany(20)).map((client) => new Limiter(client, { limit: 25, windowMs: 60_000 }));
      const results = await Promise.all(range(200).map((i) => limiters[i % limiters.length].hit('user-1')));
      assert.equal(results.filter((result) => result.allowed).length, 25);
      assert.ok(results.every((result) => result.remaining >= 0 && result.resetInMs > 0 && result.resetInMs <= 60_000));
      const ttl = await ctx.admin.pttl(KEY);
      assert.ok(ttl > 0 && ttl <= 60_000, `counter TTL ${ttl}`);
    },

    'a counter left without a TTL gets one on the next hit, and a new window starts after expiry': async (ctx) => {
      const limiter = new (limiterClass(ctx))(await ctx.connect(), { limit: 2, windowMs: 200 });
      await ctx.admin.set(KEY, '1'); // e.g. written by an INCR-then-crash implementation
      assert.equal((await limiter.hit('user-1')).allowed, true);
      const ttl = await ctx.admin.pttl(KEY);
      assert.ok(ttl > 0 && ttl <= 200, `counter TTL ${ttl}`);
      assert.equal((await limiter.hit('user-1')).allowed, false);
      await eventually('the window to end', async () => (await ctx.admin.exists(KEY)) === 0);
      const fresh = await limiter.hit('user-1');
      assert.deepEqual([fresh.allowed, fresh.remaining], [true, 1]);
    },
  },
};
