import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, range } from '../harness/util';

interface Job {
  id: string;
  payload: unknown;
  raw: string;
}
interface QueueOptions {
  visibilityTimeoutMs?: number;
  blockSeconds?: number;
  onError?: (error: unknown, job: Job) => void;
}
type QueueClass = new (client: object, name: string, options?: QueueOptions) => {
  enqueue(payload: unknown): Promise<string>;
  reserve(): Promise<Job | null>;
  ack(job: Job): Promise<boolean>;
  requeueStale(): Promise<number>;
  work(handler: (payload: unknown, job: Job) => Promise<void>, signal: AbortSignal): Promise<void>;
  /** Closes the dedicated connection BLMOVE uses. */
  close(): unknown;
};

const queueClass = (ctx: ProofContext) => exported<QueueClass>(ctx, 'ReliableQueue');
const KEYS = { pending: 'queue:{mail}:pending', processing: 'queue:{mail}:processing', leases: 'queue:{mail}:leases' };

export const reliableQueueProof: PatternProof = {
  checks: {
    'no job is lost when workers die holding jobs': async (ctx) => {
      const Queue = queueClass(ctx);
      const options: QueueOptions = { visibilityTimeoutMs: 300, blockSeconds: 0.1 };
      const [producerClient, doomedClient, ...workerClients] = await ctx.connectMany(5);
      const producer = new Queue(producerClient, 'mail', options);
      const ids = await Promise.all(range(50).map((i) => producer.enqueue({ to: `user${i}@example.com` })));

      // One worker takes three jobs and dies without acknowledging them.
      const doomed = new Queue(doomedClient, 'mail', options);
      for (const _job of range(3)) assert.ok(await doomed.reserve());
      ctx.kill(doomedClient);
      await doomed.close();
      // Another dies between BLMOVE and taking its lease: its job sits in the processing list without a lease.
      assert.ok(await ctx.admin.lmove(KEYS.pending, KEYS.processing, 'RIGHT', 'LEFT'));

      const processed = new Set<string>();
      const stop = new AbortController();
      const queues = workerClients.map((client) => new Queue(client, 'mail', options));
      const workers = queues.map((queue) =>
        queue.work((_payload, job) => {
          processed.add(job.id);
          return Promise.resolve();
        }, stop.signal),
      );
      await eventually('every job to be processed', () => ids.every((id) => processed.has(id)));
      stop.abort();
      await Promise.all(workers);
      await Promise.all(queues.map((queue) => queue.close()));
      assert.equal(await ctx.admin.llen(KEYS.pending), 0);
      assert.equal(await ctx.admin.llen(KEYS.processing), 0);
      assert.equal(await ctx.admin.zcard(KEYS.leases), 0);
    },

    'a worker waiting for a job leaves its client free: a job enqueued through the same client meanwhile is received': async (ctx) => {
      const queue = new (queueClass(ctx))(await ctx.connect(), 'mail', { blockSeconds: 5 });
      const waiting = queue.reserve();
      await eventually('the worker to block in BLMOVE', async () => String(await ctx.admin.client('LIST')).includes('cmd=blmove'));
      // On a shared connection this enqueue would queue behind BLMOVE, which would then time out empty-handed.
      const id = await queue.enqueue({ n: 1 });
      assert.equal((await waiting)?.id, id);
      await queue.close();
    },

    'ack removes a finished job, reserve returns null on an empty queue, a failed job is retried': async (ctx) => {
      const Queue = queueClass(ctx);
      const failures: string[] = [];
      const queue = new Queue(await ctx.connect(), 'mail', { visibilityTimeoutMs: 200, blockSeconds: 0.1, onError: (_error, job) => failures.push(job.id) });
      const id = await queue.enqueue({ n: 1 });
      const job = await queue.reserve();
      assert.deepEqual([job?.id, job?.payload], [id, { n: 1 }]);
      assert.ok(job);
      assert.ok((await ctx.admin.zscore(KEYS.leases, job.raw)) !== null, 'the reserved job has a lease');
      assert.equal(await queue.ack(job), true);
      assert.equal(await queue.reserve(), null);
      assert.equal(await queue.requeueStale(), 0);

      const flaky = await queue.enqueue({ n: 2 });
      const done: string[] = [];
      const stop = new AbortController();
      const worker = queue.work((_payload, next) => {
        if (!failures.includes(next.id)) return Promise.reject(new Error('transient'));
        done.push(next.id);
        return Promise.resolve();
      }, stop.signal);
      await eventually('the failed job to be retried after its lease', () => done.length === 1);
      stop.abort();
      await worker;
      await queue.close();
      assert.deepEqual([failures, done], [[flaky], [flaky]]);
      assert.equal(await ctx.admin.llen(KEYS.processing), 0);
    },
  },
};
