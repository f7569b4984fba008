import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range, sleep } from '../harness/util';

interface BreakerOptions {
  failureThreshold?: number;
  windowMs?: number;
  openMs?: number;
  probeTimeoutMs?: number;
  idleTtlMs?: number;
}
interface Breaker {
  call<T>(fn: () => Promise<T>): Promise<T>;
  state(): Promise<string>;
}
type BreakerClass = new (client: object, name: string, options?: BreakerOptions) => Breaker;

const KEY = 'breaker:{payments}';
const breakerClass = (ctx: ProofContext) => exported<BreakerClass>(ctx, 'CircuitBreaker');
const fail = () => Promise.reject(new Error('downstream down'));

/** Opens the breaker through `threshold` failing calls. */
async function trip(breaker: Breaker, threshold: number): Promise<void> {
  for (const _attempt of range(threshold)) await assert.rejects(breaker.call(fail), /downstream down/);
}

export const circuitBreakerProof: PatternProof = {
  checks: {
    'opens after N failures in the window and then rejects without calling the downstream': async (ctx) => {
      const breaker = new (breakerClass(ctx))(await ctx.connect(), 'payments', { failureThreshold: 3, windowMs: 10_000, openMs: 60_000 });
      assert.equal(await breaker.call(() => Promise.resolve('ok')), 'ok');
      assert.equal(await ctx.admin.exists(KEY), 0, 'a healthy breaker keeps no state');
      await trip(breaker, 2);
      assert.equal(await breaker.state(), 'closed', 'two failures stay under the threshold');
      await trip(breaker, 1);
      assert.equal(await breaker.state(), 'open');
      let called = false;
      const CircuitOpenError = exported<new () => Error>(ctx, 'CircuitOpenError');
      await assert.rejects(
        breaker.call(() => {
          called = true;
          return Promise.resolve();
        }),
        CircuitOpenError,
      );
      assert.equal(called, false);
    },

    'concurrent callers run at most one half-open probe, and its success closes the breaker': async (ctx) => {
      const Breaker = breakerClass(ctx);
      const options = { failureThreshold: 2, openMs: 100, probeTimeoutMs: 30_000 };
      const breakers = (await ctx.connectMany(10)).map((client) => new Breaker(client, 'payments', options));
      await trip(breakers[0], 2);
      await sleep(150); // let the cool-down pass (the open state itself is asserted, not the time)
      let probes = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const calls = breakers.map((breaker) =>
        breaker.call(async () => {
          probes++;
          await gate;
          return 'recovered';
        }),
      );
      const settled = Promise.allSettled(calls);
      await eventually('one caller to probe', () => probes === 1);
      release();
      const outcomes = await settled;
      assert.equal(probes, 1, 'exactly one probe ran');
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
      assert.equal(await breakers[3].state(), 'closed');
      assert.equal(await breakers[5].call(() => Promise.resolve('flowing')), 'flowing');
    },

    'a failed probe reopens the breaker; a probe that never reports is replaced after its timeout': async (ctx) => {
      const [a, b] = await ctx.connectMany(2);
      const Breaker = breakerClass(ctx);
      const options = { failureThreshold: 1, openMs: 80, probeTimeoutMs: 150 };
      const first = new Breaker(a, 'payments', options);
      const second = new Breaker(b, 'payments', options);
      await trip(first, 1);
      await sleep(100);
      await assert.rejects(first.call(fail), /downstream down/);
      assert.equal(await first.state(), 'open', 'the failed probe reopened it');
      await sleep(100);
      void first.call(() => new Promise<never>(() => undefined)); // a probe whose process hangs
      await eventually('the hanging probe to take the half-open slot', async () => (await first.state()) === 'half-open');
      await assert.rejects(second.call(() => Promise.resolve()), /open/);
      await sleep(200);
      assert.equal(await second.call(() => Promise.resolve('probed')), 'probed');
      assert.equal(await second.state(), 'closed');
    },

    'the state key carries a TTL and disappears when the breaker is idle': async (ctx) => {
      const breaker = new (breakerClass(ctx))(await ctx.connect(), 'payments', { failureThreshold: 1, openMs: 50, probeTimeoutMs: 50, idleTtlMs: 300 });
      await trip(breaker, 1);
      const ttl = await ctx.admin.pttl(KEY);
      assert.ok(ttl > 0 && ttl <= 300, `state TTL ${ttl}`);
      await eventually('the idle state to expire', async () => (await ctx.admin.exists(KEY)) === 0);
      assert.equal(await breaker.state(), 'closed');
    },
  },
};
