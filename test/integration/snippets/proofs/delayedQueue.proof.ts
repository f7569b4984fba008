import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface QueuedJob {
  id: string;
  payload: { n: number };
}
type DelayedQueueClass = new (client: object) => {
  schedule(payload: unknown, runAt: number): Promise<string>;
  claimDue(max?: number, now?: number): Promise<QueuedJob[]>;
};
type PriorityQueueClass = new (client: object) => {
  push(payload: unknown, priority: number): Promise<string>;
  pop(count?: number): Promise<QueuedJob[]>;
};

function shuffled<T>(items: T[]): T[] {
  return items.map((item) => ({ item, order: Math.random() })).sort((a, b) => a.order - b.order).map(({ item }) => item);
}

/** Every worker claims until the queue is empty; returns the batches in claim order per worker. */
async function drainConcurrently(workers: { claim(): Promise<QueuedJob[]> }[]): Promise<QueuedJob[][]> {
  const batches: QueuedJob[][] = [];
  await Promise.all(
    workers.map(async (worker) => {
      for (let batch = await worker.claim(); batch.length > 0; batch = await worker.claim()) batches.push(batch);
    }),
  );
  return batches;
}

function assertEachOnce(batches: QueuedJob[][], count: number): void {
  const claimed = batches.flat().map((job) => job.payload.n);
  assert.equal(claimed.length, count, 'no job claimed twice');
  assert.deepEqual([...claimed].sort((a, b) => a - b), range(count), 'no job lost');
}

export const delayedQueueProof: PatternProof = {
  checks: {
    'due jobs come out in due order, each exactly once, across concurrent workers': async (ctx: ProofContext) => {
      const Queue = exported<DelayedQueueClass>(ctx, 'DelayedQueue');
      const queues = (await ctx.connectMany(10)).map((client) => new Queue(client));
      const base = 1_700_000_000_000;
      await Promise.all(shuffled(range(200)).map((n) => queues[n % 10].schedule({ n }, base + n * 10)));
      assert.deepEqual(await queues[0].claimDue(5, base - 1), [], 'nothing is due yet');
      const batches = await drainConcurrently(queues.map((queue) => ({ claim: () => queue.claimDue(7, base + 1_000) })));
      assert.equal(batches.flat().length, 101, 'exactly the jobs due by then (score <= now)');
      const rest = await drainConcurrently(queues.map((queue) => ({ claim: () => queue.claimDue(7, base + 10_000) })));
      const all = [...batches, ...rest];
      assertEachOnce(all, 200);
      for (const batch of all) {
        const order = batch.map((job) => job.payload.n);
        assert.deepEqual(order, [...order].sort((a, b) => a - b), 'each batch is in due order');
      }
      // Atomic claims hand out contiguous runs of the due order.
      const flattened = [...all].sort((a, b) => a[0].payload.n - b[0].payload.n).flat().map((job) => job.payload.n);
      assert.deepEqual(flattened, range(200));
    },

    'priority jobs pop lowest priority first, each exactly once': async (ctx) => {
      const Queue = exported<PriorityQueueClass>(ctx, 'PriorityQueue');
      const queues = (await ctx.connectMany(10)).map((client) => new Queue(client));
      const priorities = range(150).map(() => Math.floor(Math.random() * 10));
      await Promise.all(priorities.map((priority, n) => queues[n % 10].push({ n, priority }, priority)));
      const single = new Queue(await ctx.connect());
      const first: QueuedJob[] = [];
      for (const _pop of range(50)) first.push(...(await single.pop()));
      assert.deepEqual(
        first.map((job) => priorities[job.payload.n]),
        [...priorities].sort((a, b) => a - b).slice(0, 50),
        'one consumer sees the lowest priorities first, in order',
      );
      const rest = await drainConcurrently(queues.map((queue) => ({ claim: () => queue.pop(3) })));
      assertEachOnce([first, ...rest], 150);
    },
  },
};
