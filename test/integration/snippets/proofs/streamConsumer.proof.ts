import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { eventually, never, range } from '../harness/util';

type Handler = (fields: Record<string, string>, id: string) => Promise<void>;
interface StreamOptions {
  maxLength?: number;
  reclaimIdleMs?: number;
  blockMs?: number;
  batchSize?: number;
  onError?: (error: unknown, id: string) => void;
}
type GroupClass = new (client: object, options?: StreamOptions) => {
  add(fields: Record<string, string>): Promise<string>;
  ensureGroup(): Promise<void>;
  processBatch(consumer: string, handler: Handler): Promise<number>;
  run(consumer: string, handler: Handler, signal: AbortSignal): Promise<void>;
  /** Closes the dedicated connection the blocking reads use. */
  close(): unknown;
};

const groupClass = (ctx: ProofContext) => exported<GroupClass>(ctx, 'StreamConsumerGroup');
const STREAM = 'events:stream';

async function pending(ctx: ProofContext): Promise<number> {
  return Number(((await ctx.admin.xpending(STREAM, 'workers')) as [number])[0]);
}

export const streamConsumerProof: PatternProof = {
  checks: {
    'every message is processed at least once when a consumer dies mid-way': async (ctx) => {
      const Group = groupClass(ctx);
      const options: StreamOptions = { reclaimIdleMs: 200, blockMs: 100, batchSize: 20 };
      const [producerClient, doomedClient, ...workerClients] = await ctx.connectMany(4);
      const producer = new Group(producerClient, options);
      await producer.ensureGroup();
      const ids = await Promise.all(range(60).map((i) => producer.add({ n: String(i) })));

      const handledByDoomed = new Set<string>();
      const doomed = new Group(doomedClient, options);
      void doomed
        .processBatch('doomed', async (_fields, id) => {
          if (handledByDoomed.size === 7) {
            ctx.kill(doomedClient); // dies holding 13 unacknowledged messages
            void doomed.close();
            return never();
          }
          handledByDoomed.add(id);
        })
        .catch(() => undefined);
      await eventually('the doomed consumer to take its batch', async () => (await pending(ctx)) > 0);

      const processed = new Set<string>();
      const stop = new AbortController();
      const groups = workerClients.map((client) => new Group(client, options));
      const workers = groups.map((group, i) =>
        group.run(`worker-${i}`, (fields, id) => {
          assert.equal(fields.n, String(ids.indexOf(id)));
          processed.add(id);
          return Promise.resolve();
        }, stop.signal),
      );
      const done = () => ids.every((id) => handledByDoomed.has(id) || processed.has(id));
      await eventually('all messages processed and acknowledged', async () => done() && (await pending(ctx)) === 0);
      stop.abort();
      await Promise.all(workers);
      await Promise.all(groups.map((group) => group.close()));
      assert.equal(handledByDoomed.size, 7);
      assert.ok(ids.slice(7, 20).every((id) => processed.has(id)), 'the dead consumer\'s messages were taken over');
      assert.equal(await pending(ctx), 0);
    },

    'a failing handler leaves its message pending, and it is retried': async (ctx) => {
      const Group = groupClass(ctx);
      const failures: string[] = [];
      const group = new Group(await ctx.connect(), { reclaimIdleMs: 100, blockMs: 50, onError: (_error, id) => failures.push(id) });
      await group.ensureGroup();
      await group.ensureGroup(); // BUSYGROUP is ignored
      const id = await group.add({ job: 'flaky' });
      const handled: string[] = [];
      let attempts = 0;
      const handler: Handler = (_fields, messageId) => {
        if (++attempts === 1) return Promise.reject(new Error('transient'));
        handled.push(messageId);
        return Promise.resolve();
      };
      assert.equal(await group.processBatch('c1', handler), 0);
      assert.deepEqual(failures, [id]);
      assert.equal(await pending(ctx), 1);
      await eventually('the retry', async () => (await group.processBatch('c1', handler)) === 1);
      assert.deepEqual(handled, [id]);
      assert.equal(await pending(ctx), 0);
      await group.close();
    },

    'XADD trims the stream to about maxLength': async (ctx) => {
      const group = new (groupClass(ctx))(await ctx.connect(), { maxLength: 100 });
      for (const i of range(1000)) await group.add({ n: String(i) });
      const length = await ctx.admin.xlen(STREAM);
      assert.ok(length >= 100 && length < 300, `stream length ${length}`);
    },
  },
};
