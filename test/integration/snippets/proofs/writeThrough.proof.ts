import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { keySlot } from '../../../../src/core/redis/keyspace/keySlot';
import { eventually, never, range, sleep } from '../harness/util';

/** The write-behind stream's key: its name under a {hash tag} that the cache keys share. */
const STREAM = 'cache:{write-behind}';

interface Sink<T> {
  apply(key: string, value: T, version: string): Promise<void>;
}
type WriteThroughClass = new (
  client: object,
  source: { save(key: string, value: unknown): Promise<number> },
  options?: { ttlSeconds?: number },
) => { write(key: string, value: unknown): Promise<void>; read(key: string): Promise<unknown> };
type WriteBehindClass = new (client: object, options?: { reclaimIdleMs?: number; stream?: string; group?: string }) => {
  write(key: string, value: unknown): Promise<void>;
  read(key: string): Promise<unknown>;
  ensureGroup(): Promise<void>;
  processBatch(consumer: string, sink: Sink<unknown>, blockMs?: number): Promise<number>;
  /** Closes the dedicated connection the blocking reads use. */
  close(): unknown;
};

/** A database that versions each row and answers after a random delay, so cache updates arrive out of order. */
class VersionedTable {
  readonly rows = new Map<string, { value: unknown; version: number }>();
  private version = 0;

  async save(key: string, value: unknown): Promise<number> {
    const version = ++this.version;
    this.rows.set(key, { value, version });
    await sleep(Math.random() * 8);
    return version;
  }
}

/** The write-behind target: keeps the newest version per key, as the snippet asks sinks to. */
function newestWinsSink(compare: (a: string, b: string) => number) {
  const rows = new Map<string, { value: unknown; version: string }>();
  const applied = new Set<string>();
  const sink: Sink<unknown> = {
    apply(key, value, version) {
      applied.add(JSON.stringify([key, value]));
      const current = rows.get(key);
      if (!current || compare(version, current.version) > 0) rows.set(key, { value, version });
      return Promise.resolve();
    },
  };
  return { rows, applied, sink };
}

async function pendingCount(ctx: ProofContext, stream: string, group: string): Promise<number> {
  const summary = (await ctx.admin.xpending(stream, group)) as [number, ...unknown[]];
  return Number(summary[0]);
}

export const writeThroughProof: PatternProof = {
  checks: {
    'write-through: after concurrent writes the cache equals the source': async (ctx) => {
      const Cache = exported<WriteThroughClass>(ctx, 'WriteThroughCache');
      const table = new VersionedTable();
      const caches = (await ctx.connectMany(10)).map((client) => new Cache(client, table, { ttlSeconds: 600 }));
      await Promise.all(range(60).map((i) => caches[i % caches.length].write(`user:${i % 3}`, { n: i })));
      for (const key of ['user:0', 'user:1', 'user:2']) {
        assert.deepEqual(await caches[0].read(key), table.rows.get(key)?.value, key);
        const ttl = await ctx.admin.ttl(`cache:${key}`);
        assert.ok(ttl > 0 && ttl <= 600, `${key} TTL ${ttl}`);
      }
      assert.equal(await caches[0].read('user:none'), undefined);
    },

    'write-behind: no queued write is lost when a consumer dies mid-batch, and the source ends equal to the cache': async (ctx) => {
      const Cache = exported<WriteBehindClass>(ctx, 'WriteBehindCache');
      const compare = exported<(a: string, b: string) => number>(ctx, 'compareStreamIds');
      const [producerClient, doomedClient, survivorClient] = await ctx.connectMany(3);
      const options = { reclaimIdleMs: 100 };
      const producer = new Cache(producerClient, options);
      await producer.ensureGroup();
      const writes = range(40).map((i) => [`item:${i % 4}`, { n: i }] as const);
      for (const [key, value] of writes) await producer.write(key, value);

      const target = newestWinsSink(compare);
      let appliedByDoomed = 0;
      const doomed = new Cache(doomedClient, options);
      void doomed
        .processBatch('doomed', {
          async apply(key, value, version) {
            if (appliedByDoomed === 5) {
              ctx.kill(doomedClient); // the process dies holding the rest of its batch, unacknowledged
              return never();
            }
            appliedByDoomed++;
            await target.sink.apply(key, value, version);
          },
        })
        .catch(() => undefined);
      await eventually('the doomed consumer to read its batch', async () => (await pendingCount(ctx, STREAM, 'cache-writers')) > 0);

      const survivor = new Cache(survivorClient, options);
      await eventually('every queued write to be applied and acknowledged', async () => {
        await survivor.processBatch('survivor', target.sink, 50);
        return (await pendingCount(ctx, STREAM, 'cache-writers')) === 0 && target.applied.size === writes.length;
      });
      await survivor.close();
      for (const [key, value] of writes) assert.ok(target.applied.has(JSON.stringify([key, value])), `${key} ${JSON.stringify(value)} applied`);
      assert.equal(appliedByDoomed, 5);
      for (const key of ['item:0', 'item:1', 'item:2', 'item:3']) {
        assert.deepEqual(target.rows.get(key)?.value, await producer.read(key), `${key}: source equals cache`);
        const cacheKey = `${STREAM}:${key}`;
        assert.ok((await ctx.admin.ttl(cacheKey)) > 0);
        // The write's MULTI touches the cache key and the stream: one slot, so it also runs on Cluster.
        assert.equal(keySlot(cacheKey), keySlot(STREAM));
      }
    },
  },
};
