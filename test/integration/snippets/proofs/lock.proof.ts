import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range, sleep } from '../harness/util';

interface Lock {
  key: string;
  token: string;
}
interface RedisLock {
  tryAcquire(resource: string): Promise<Lock | null>;
  release(lock: Lock): Promise<boolean>;
  extend(lock: Lock, ttlMs?: number): Promise<boolean>;
  withLock<T>(resource: string, fn: (lock: Lock) => Promise<T>): Promise<T>;
}
type RedisLockClass = new (client: object, options?: { ttlMs?: number; retryCount?: number; retryDelayMs?: number }) => RedisLock;

const lockClass = (ctx: ProofContext) => exported<RedisLockClass>(ctx, 'RedisLock');

export const lockProof: PatternProof = {
  checks: {
    'N concurrent workers doing read-modify-write under the lock lose no update': async (ctx) => {
      const RedisLock = lockClass(ctx);
      const workers = 12;
      const rounds = 10;
      const locks = (await ctx.connectMany(workers)).map((client) => new RedisLock(client, { ttlMs: 5000, retryCount: 100_000, retryDelayMs: 2 }));
      await ctx.admin.set('counter', '0');
      await Promise.all(
        locks.map(async (lock) => {
          for (const _round of range(rounds)) {
            await lock.withLock('counter', async () => {
              // A read-modify-write that loses updates unless the lock serialises it.
              const value = Number(await ctx.admin.get('counter'));
              await sleep(Math.random() * 3);
              await ctx.admin.set('counter', String(value + 1));
            });
          }
        }),
      );
      assert.equal(Number(await ctx.admin.get('counter')), workers * rounds);
      assert.equal(await ctx.admin.exists('lock:counter'), 0, 'withLock released the lock');
    },

    'the lock carries a TTL, and release or extend with a wrong token touch nothing': async (ctx) => {
      const RedisLock = lockClass(ctx);
      const [a, b] = await ctx.connectMany(2);
      const holder = new RedisLock(a, { ttlMs: 20_000 });
      const other = new RedisLock(b, { ttlMs: 20_000 });
      const lock = await holder.tryAcquire('report');
      assert.ok(lock);
      const ttl = await ctx.admin.pttl(lock.key);
      assert.ok(ttl > 0 && ttl <= 20_000, `lock TTL ${ttl}`);
      assert.equal(await other.tryAcquire('report'), null);
      assert.equal(await other.release({ key: lock.key, token: 'not-the-token' }), false);
      assert.equal(await other.extend({ key: lock.key, token: 'not-the-token' }, 60_000), false);
      assert.equal(await ctx.admin.get(lock.key), lock.token);
      assert.ok((await ctx.admin.pttl(lock.key)) <= 20_000, 'a wrong token did not extend');
      assert.equal(await holder.extend(lock, 60_000), true);
      assert.ok((await ctx.admin.pttl(lock.key)) > 20_000, 'the holder extended');
      assert.equal(await holder.release(lock), true);
      assert.equal(await ctx.admin.exists(lock.key), 0);
    },

    'an expired lock can be taken, and its late holder cannot release the new one': async (ctx) => {
      const RedisLock = lockClass(ctx);
      const [a, b] = await ctx.connectMany(2);
      const first = new RedisLock(a, { ttlMs: 150 });
      const second = new RedisLock(b, { ttlMs: 10_000 });
      const stale = await first.tryAcquire('job');
      assert.ok(stale);
      await eventually('the first lock to expire', async () => (await ctx.admin.exists(stale.key)) === 0);
      const fresh = await second.tryAcquire('job');
      assert.ok(fresh, 'the expired lock was taken');
      assert.equal(await first.release(stale), false);
      assert.equal(await ctx.admin.get(fresh.key), fresh.token);
    },

    'withLock releases the lock when the function throws': async (ctx) => {
      const lock = new (lockClass(ctx))(await ctx.connect());
      await assert.rejects(lock.withLock('boom', async () => Promise.reject(new Error('boom'))), /boom/);
      assert.equal(await ctx.admin.exists('lock:boom'), 0);
    },
  },
};
