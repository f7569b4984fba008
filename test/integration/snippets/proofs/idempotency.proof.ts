import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range, sleep } from '../harness/util';

type GuardClass = new (client: object, options?: { resultTtlSeconds?: number; claimTtlSeconds?: number; waitPollMs?: number }) => {
  run<T>(idempotencyKey: string, handler: () => Promise<T>): Promise<T>;
};

const guardClass = (ctx: ProofContext) => exported<GuardClass>(ctx, 'IdempotencyGuard');

export const idempotencyProof: PatternProof = {
  checks: {
    'a handler runs once under concurrent retries, and later retries get the stored result': async (ctx) => {
      const Guard = guardClass(ctx);
      const guards = (await ctx.connectMany(25)).map((client) => new Guard(client, { resultTtlSeconds: 600, waitPollMs: 10 }));
      let runs = 0;
      const charge = async () => {
        runs++;
        await sleep(200);
        return { charged: 42, receipt: `r-${runs}` };
      };
      const results = await Promise.all(guards.map((guard) => guard.run('payment-123', charge)));
      assert.equal(runs, 1);
      for (const result of results) assert.deepEqual(result, { charged: 42, receipt: 'r-1' });
      assert.deepEqual(await guards[0].run('payment-123', charge), { charged: 42, receipt: 'r-1' });
      assert.equal(runs, 1);
      const ttl = await ctx.admin.ttl('idempotency:payment-123');
      assert.ok(ttl > 0 && ttl <= 600, `result TTL ${ttl}`);
    },

    'when the handler fails, its caller gets the error and one retry runs it again': async (ctx) => {
      const Guard = guardClass(ctx);
      const guards = (await ctx.connectMany(10)).map((client) => new Guard(client, { waitPollMs: 10 }));
      let attempts = 0;
      const flaky = async () => {
        attempts++;
        await sleep(100);
        if (attempts === 1) throw new Error('gateway timeout');
        return 'ok';
      };
      const outcomes = await Promise.allSettled(guards.map((guard) => guard.run('webhook-9', flaky)));
      assert.equal(attempts, 2, 'the failed run and exactly one retry');
      assert.equal(outcomes.filter((outcome) => outcome.status === 'rejected').length, 1);
      assert.deepEqual(
        outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value),
        range(9).map(() => 'ok'),
      );
    },
  },
};
