import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { countMatchingKeys, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keySlot } from '../../../src/core/redis/keyspace/keySlot';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from '../keys/connectionConfigs';

/** Matching keys carry binary bytes and glob metacharacters; decoys differ by one byte. */
const matching = (i: number): Buffer => Buffer.concat([Buffer.from('tmp:'), Buffer.from([0x00, 0xff]), Buffer.from(`[${i}]`)]);
const decoy = (i: number): Buffer => Buffer.concat([Buffer.from('tmq:'), Buffer.from([0x00, 0xff]), Buffer.from(`[${i}]`)]);
const PATTERN = Buffer.from('tmp:*');

async function seed(write: (keys: Buffer[]) => Promise<void>, count: number, make: (i: number) => Buffer): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    await write(Array.from({ length: Math.min(5000, count - start) }, (_, j) => make(start + j)));
  }
}

async function allKeys(nodes: Redis[]): Promise<Buffer[]> {
  const keys: Buffer[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = (await node.callBuffer('SCAN', cursor, 'COUNT', '5000')) as [Buffer, Buffer[]];
      cursor = next.toString();
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys;
}

describe('bulk delete by pattern', () => {
  describe('standalone', () => {
    let server: RedisFixture;
    let client: RedisClient;
    let admin: Redis;
    before(async () => {
      server = await startStandalone();
      client = createRedisClient(configFor(server), {});
      admin = new Redis({ port: server.port });
    });
    beforeEach(async () => {
      await admin.flushall();
      const write = async (keys: Buffer[]): Promise<void> => void (await admin.mset(...keys.flatMap((key) => [key, '1'])));
      await seed(write, 20_000, matching);
      await seed(write, 5_000, decoy);
    });
    after(async () => {
      client.disconnect();
      admin.disconnect();
      await server.stop();
    });

    it('counts the matches with a sample, then deletes all and only them', async () => {
      const progress: number[] = [];
      const count = await countMatchingKeys(client, PATTERN, { sampleSize: 5, onProgress: (n) => progress.push(n) });
      assert.deepEqual([count.count, count.exact, count.cancelled, count.sample.length], [20_000, true, false, 5]);
      for (const key of count.sample) assert.ok(key.subarray(0, 4).equals(Buffer.from('tmp:')));
      assert.ok(progress.length > 1 && progress[progress.length - 1] === 20_000);

      const deleted: number[] = [];
      const result = await deleteMatchingKeys(client, PATTERN, ok, { onProgress: (n) => deleted.push(n) });
      assert.deepEqual([result.deleted, result.cancelled], [20_000, false]);
      assert.deepEqual(result.nodes, [{ node: `127.0.0.1:${server.port}`, done: 20_000, state: 'done' }]);
      assert.ok(deleted.length > 1, 'progress reported per batch');
      const left = await allKeys([admin]);
      assert.equal(left.length, 5_000);
      assert.ok(left.every((key) => key.subarray(0, 4).equals(Buffer.from('tmq:'))));
    });

    it('stops between batches when cancelled', async () => {
      const abort = new AbortController();
      const result = await deleteMatchingKeys(client, PATTERN, ok, { signal: abort.signal, scanCount: 500, onProgress: (n) => n >= 2000 && abort.abort() });
      assert.equal(result.cancelled, true);
      assert.ok(result.deleted >= 2000 && result.deleted < 20_000, `deleted ${result.deleted}`);
      assert.equal(await admin.dbsize(), 25_000 - result.deleted);

      const countAbort = new AbortController();
      countAbort.abort();
      const count = await countMatchingKeys(client, PATTERN, { signal: countAbort.signal });
      assert.deepEqual([count.cancelled, count.count], [true, 0]);
    });

    it('treats the pattern as a glob: escaped metacharacters match literally', async () => {
      await admin.set('lit:a*b', '1');
      await admin.set('lit:axb', '1');
      const result = await deleteMatchingKeys(client, 'lit:a\\*b', ok);
      assert.equal(result.deleted, 1);
      assert.equal(await admin.exists('lit:axb'), 1);
      await assert.rejects(countMatchingKeys(client, ''), /empty pattern/);
    });
  });

  describe('cluster (3 masters, 100k keys)', () => {
    let cluster: ClusterFixture;
    let client: RedisClient;
    let seeder: Cluster;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
      // Reconnecting, as the editor's clients do: on a loaded machine a first slot refresh may need retries.
      client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters }), {}, { reconnect: true });
      seeder = new Cluster(cluster.masters);
    });
    after(async () => {
      client.disconnect();
      seeder.disconnect();
      await cluster.stop();
    });

    const masters = (): Redis[] => seeder.nodes('master');
    const seedCluster = async (): Promise<void> => {
      // One MSET per slot: a Cluster takes multi-key commands only within a slot.
      const write = async (keys: Buffer[]): Promise<void> => {
        const bySlot = new Map<number, Buffer[]>();
        for (const key of keys) bySlot.set(keySlot(key), [...(bySlot.get(keySlot(key)) ?? []), key]);
        await Promise.all([...bySlot.values()].map((group) => seeder.mset(...group.flatMap((key) => [key, '1']))));
      };
      await seed(write, 100_000, matching);
      await seed(write, 10_000, decoy);
      // The walks read the masters our client holds connections to: start once it holds all three.
      await waitFor('our client to hold a connection to every master', () => {
        const held = (client as Cluster).nodes('master').length;
        return Promise.resolve(held === 3 ? true : `${held} of 3 masters`);
      }, 30_000);
    };

    it('counts and deletes all and only the matches on every master, UNLINK grouped by slot', async () => {
      await seedCluster();
      const slots = new Set(Array.from({ length: 100_000 }, (_, i) => keySlot(matching(i))));
      assert.ok(slots.size > 3000, 'keys spread over many slots');
      const count = await countMatchingKeys(client, PATTERN);
      assert.deepEqual([count.count, count.exact], [100_000, true]);
      const result = await deleteMatchingKeys(client, PATTERN, ok);
      assert.deepEqual([result.deleted, result.cancelled], [100_000, false]);
      // One report per master, each finished; together they account for every deleted key.
      assert.deepEqual(result.nodes?.map((n) => n.state), ['done', 'done', 'done']);
      assert.equal(result.nodes?.reduce((sum, n) => sum + n.done, 0), 100_000);
      const left = await allKeys(masters());
      assert.equal(left.length, 10_000);
      assert.ok(left.every((key) => key.subarray(0, 4).equals(Buffer.from('tmq:'))));
    });

    it('stops when cancelled', async () => {
      await Promise.all(masters().map((node) => node.flushall()));
      await seedCluster();
      const abort = new AbortController();
      const result = await deleteMatchingKeys(client, PATTERN, ok, { signal: abort.signal, scanCount: 200, onProgress: (n) => n >= 5000 && abort.abort() });
      assert.equal(result.cancelled, true);
      assert.ok(result.deleted >= 5000 && result.deleted < 100_000, `deleted ${result.deleted}`);
      const left = await allKeys(masters());
      assert.equal(left.length, 110_000 - result.deleted);
    });
  });
});
