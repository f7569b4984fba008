import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range, sleep } from '../harness/util';

interface Permit {
  token: string;
}
interface Semaphore {
  acquire(timeoutMs: number): Promise<Permit>;
  release(permit: Permit): Promise<boolean>;
  withPermit<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T>;
}
type SemaphoreClass = new (client: object, name: string, options?: { limit?: number; leaseMs?: number; pollMs?: number }) => Semaphore;

const semaphoreClass = (ctx: ProofContext) => exported<SemaphoreClass>(ctx, 'Semaphore');
const KEYS = ['holders', 'waiters', 'waiter-deadlines', 'tickets'].map((suffix) => `semaphore:{exports}:${suffix}`);

export const semaphoreProof: PatternProof = {
  checks: {
    'never more than N holders under concurrency, and every worker gets its turns': async (ctx) => {
      const Semaphore = semaphoreClass(ctx);
      const semaphores = (await ctx.connectMany(10)).map((client) => new Semaphore(client, 'exports', { limit: 3, leaseMs: 10_000, pollMs: 2 }));
      let holding = 0;
      let most = 0;
      let runs = 0;
      await Promise.all(
        semaphores.map(async (semaphore) => {
          for (const _round of range(4)) {
            await semaphore.withPermit(30_000, async () => {
              most = Math.max(most, ++holding);
              await sleep(Math.random() * 4);
              holding--;
              runs++;
            });
          }
        }),
      );
      assert.equal(runs, 40);
      assert.ok(most <= 3, `at most 3 holders (saw ${most})`);
      assert.equal(most, 3, 'the limit was used');
      assert.equal(await ctx.admin.zcard(KEYS[0]), 0, 'every permit was released');
    },

    'waiters get permits in arrival order': async (ctx) => {
      const Semaphore = semaphoreClass(ctx);
      const [a, b, c] = (await ctx.connectMany(3)).map((client) => new Semaphore(client, 'exports', { limit: 1, leaseMs: 10_000, pollMs: 5 }));
      const held = await a.acquire(1000);
      const order: string[] = [];
      const first = b.acquire(10_000).then((permit) => (order.push('first'), permit));
      await eventually('the first waiter to queue', async () => (await ctx.admin.zcard(KEYS[1])) === 1);
      const second = c.acquire(10_000).then((permit) => (order.push('second'), permit));
      await eventually('the second waiter to queue', async () => (await ctx.admin.zcard(KEYS[1])) === 2);
      await a.release(held);
      await b.release(await first);
      await c.release(await second);
      assert.deepEqual(order, ['first', 'second']);
    },

    'a crashed holder is released when its lease ends; a timed-out waiter leaves the line; keys expire': async (ctx) => {
      const Semaphore = semaphoreClass(ctx);
      const [crashingClient, waitingClient] = await ctx.connectMany(2);
      const crashing = new Semaphore(crashingClient, 'exports', { limit: 1, leaseMs: 200 });
      const waiting = new Semaphore(waitingClient, 'exports', { limit: 1, leaseMs: 10_000, pollMs: 10 });
      await crashing.acquire(1000);
      ctx.kill(crashingClient); // never releases
      const SemaphoreTimeoutError = exported<new () => Error>(ctx, 'SemaphoreTimeoutError');
      await assert.rejects(waiting.acquire(20), SemaphoreTimeoutError);
      assert.equal(await ctx.admin.zcard(KEYS[1]), 0, 'the timed-out waiter left the line');
      const permit = await waiting.acquire(5000);
      for (const key of KEYS) {
        const ttl = await ctx.admin.pttl(key);
        assert.ok(ttl === -2 || (ttl > 0 && ttl <= 20_000), `${key} is absent (an empty line) or expires: TTL ${ttl}`);
      }
      assert.ok((await ctx.admin.pttl(KEYS[0])) > 0, 'the holders key exists and expires');
      assert.equal(await waiting.release(permit), true);
      assert.equal(await waiting.release(permit), false);
    },
  },
};
