import assert from 'node:assert/strict';
import { once } from 'node:events';
import Redis, { Cluster } from 'ioredis';
import { BulkDeleteError, countMatchingKeys, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keySlot } from '../../../src/core/redis/keyspace/keySlot';
import { allowAllWrites, ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * Bulk delete stated as properties against the server's own matching: for every pattern, the count
 * is what SCAN MATCH finds (by an independent client), the delete removes exactly those keys and
 * nothing else, progress climbs to the total, and the sample holds only matches. Small data sets,
 * so that each property is checked over many patterns (and Stryker can rerun them per mutant).
 */

/** Key names with binary bytes, glob metacharacters and shared prefixes. */
const KEYS: Buffer[] = [
  ...Array.from({ length: 60 }, (_, i) => Buffer.from(`tmp:${i}`)),
  ...Array.from({ length: 7 }, (_, i) => Buffer.concat([Buffer.from('tmp:'), Buffer.from([0x00, 0xff, i])])),
  ...['tmq:1', 'tmp', 'lit:a*b', 'lit:axb', 'lit:a?b', 'lit:[x]', 'x', 'user:1:profile', 'user:2:profile', 'user:10'].map((k) => Buffer.from(k)),
];
const PATTERNS = ['tmp:*', 'tmp:?', 'tmp:[1-3]*', 'lit:a\\*b', 'lit:a?b', 'lit:\\[x\\]', 'user:*:profile', 'nothing:*', '*', 'tmp'];

/** What the server itself says matches (an independent client's SCAN MATCH), as latin1 strings. */
async function serverMatches(nodes: Redis[], pattern: string): Promise<string[]> {
  const found = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = (await node.callBuffer('SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000')) as [Buffer, Buffer[]];
      cursor = next.toString();
      for (const key of batch) found.add(key.toString('latin1'));
    } while (cursor !== '0');
  }
  return [...found].sort();
}

const latin1 = (keys: Buffer[]): string[] => keys.map((k) => k.toString('latin1')).sort();

function assertClimbs(progress: number[], total: number): void {
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], `progress never goes back: ${progress.join(',')}`);
  assert.equal(progress.length === 0 ? 0 : progress[progress.length - 1], total, `progress ends at the total: ${progress.join(',')}`);
}

describe('bulk delete (properties against a real server)', () => {
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
      await admin.mset(...KEYS.flatMap((key) => [key, '1']));
    });
    after(async () => {
      client?.disconnect();
      admin?.disconnect();
      await server?.stop();
    });

    it('for every pattern: counts what the server matches, samples only matches, then deletes exactly those keys', async () => {
      for (const pattern of PATTERNS) {
        await admin.flushall();
        await admin.mset(...KEYS.flatMap((key) => [key, '1']));
        const expected = await serverMatches([admin], pattern);
        const before = latin1(KEYS);
        const counted: number[] = [];
        const count = await countMatchingKeys(client, pattern, { scanCount: 7, sampleSize: 5, onProgress: (n) => counted.push(n) });
        assert.deepEqual([count.count, count.exact, count.cancelled, count.unreachable], [expected.length, true, false, []], pattern);
        assert.equal(count.sample.length, Math.min(5, expected.length), `${pattern}: sample size`);
        assert.equal(new Set(latin1(count.sample)).size, count.sample.length, `${pattern}: no key twice in the sample`);
        for (const key of count.sample) assert.ok(expected.includes(key.toString('latin1')), `${pattern}: ${key.toString('latin1')} matches`);
        assertClimbs(counted, expected.length);
        assert.deepEqual(count.nodes.map((n) => [n.state, n.done]), [['done', expected.length]], `${pattern}: one node, done`);

        const deleted: number[] = [];
        const result = await deleteMatchingKeys(client, pattern, allowAllWrites, { scanCount: 7, onProgress: (n) => deleted.push(n) });
        assert.deepEqual([result.deleted, result.cancelled], [expected.length, false], pattern);
        assertClimbs(deleted, expected.length);
        assert.deepEqual(result.nodes?.map((n) => [n.state, n.done]), [['done', expected.length]], `${pattern}: the node's report`);
        const left = await serverMatches([admin], '*');
        assert.deepEqual(left, before.filter((k) => !expected.includes(k)), `${pattern}: all and only the matches are gone`);
      }
    });

    it('reports progress per SCAN batch and samples 20 keys unless told', async () => {
      const counted: number[] = [];
      const count = await countMatchingKeys(client, 'tmp:*', { scanCount: 5, onProgress: (n) => counted.push(n) });
      assert.equal(count.sample.length, 20);
      assert.ok(counted.length > 3, `one progress report per batch: ${counted.join(',')}`);
      const all = await countMatchingKeys(client, 'tmp:*');
      assert.equal(all.count, 67);
    });

    it('narrows by key type and by a check on each key, for counting and deleting alike', async () => {
      await admin.del('tmp:1', 'tmp:2');
      await admin.rpush('tmp:1', 'a');
      await admin.sadd('tmp:2', 'a');
      const lists = await countMatchingKeys(client, 'tmp:*', { selection: { type: 'list' } });
      assert.deepEqual(latin1(lists.sample), ['tmp:1']);
      const even = (key: Buffer): boolean => /^tmp:\d*[02468]$/.test(key.toString('latin1'));
      const evens = await countMatchingKeys(client, 'tmp:*', { selection: { keep: even }, sampleSize: 100 });
      assert.equal(evens.count, 30);
      assert.ok(evens.sample.every(even));
      const removed = await deleteMatchingKeys(client, 'tmp:*', allowAllWrites, { selection: { type: 'set' } });
      assert.equal(removed.deleted, 1);
      assert.equal(await admin.exists('tmp:2'), 0);
      const removedEven = await deleteMatchingKeys(client, 'tmp:*', allowAllWrites, { selection: { keep: even } });
      assert.equal(removedEven.deleted, 29, 'the even keys left (tmp:2 went before)');
      assert.equal(await admin.exists('tmp:1', 'tmp:3', 'tmp:59'), 3);
    });

    it('refuses on a read-only connection before it reads anything, and refuses an empty pattern', async () => {
      const scans = async (): Promise<number> => Number(/cmdstat_scan:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
      const before = await scans();
      await assert.rejects(deleteMatchingKeys(client, 'tmp:*', writeGuardFor(true, 'Prod')), (error: unknown) => error instanceof ReadOnlyError);
      assert.equal(await scans(), before, 'no SCAN ran');
      assert.equal(await admin.dbsize(), KEYS.length);
      for (const empty of ['', Buffer.alloc(0)]) {
        await assert.rejects(countMatchingKeys(client, empty), /^RangeError: Enter a key pattern, such as session:\* — an empty pattern matches nothing\.$/);
        await assert.rejects(deleteMatchingKeys(client, empty, allowAllWrites), RangeError);
      }
      assert.equal(await admin.dbsize(), KEYS.length);
    });

    it('stops when cancelled: before it starts nothing is read or deleted', async () => {
      const abort = new AbortController();
      abort.abort();
      const count = await countMatchingKeys(client, '*', { signal: abort.signal });
      assert.deepEqual([count.count, count.cancelled, count.sample.length], [0, true, 0]);
      const result = await deleteMatchingKeys(client, '*', allowAllWrites, { signal: abort.signal });
      assert.deepEqual([result.deleted, result.cancelled], [0, true]);
      assert.equal(await admin.dbsize(), KEYS.length);

      const midway = new AbortController();
      const partial = await deleteMatchingKeys(client, 'tmp:*', allowAllWrites, { signal: midway.signal, scanCount: 5, onProgress: (n) => n >= 10 && midway.abort() });
      assert.equal(partial.cancelled, true);
      assert.ok(partial.deleted >= 10 && partial.deleted < 67, `deleted ${partial.deleted}`);
      assert.equal(await admin.dbsize(), KEYS.length - partial.deleted, 'the count deleted is what went');
    });

    it('says counting failed when the only node does not answer', async () => {
      const dead = createRedisClient(configFor({ host: '127.0.0.1', port: 1 }, { connectTimeoutMs: 300 }), {});
      try {
        await assert.rejects(countMatchingKeys(dead, 'tmp:*'), (error: unknown) => error instanceof BulkDeleteError && /^Counting failed: /.test(error.message) && error.nodes.length === 1);
        await assert.rejects(deleteMatchingKeys(dead, 'tmp:*', allowAllWrites), (error: unknown) => error instanceof BulkDeleteError && /^Deleting stopped on every node because /.test(error.message) && error.deleted === 0);
      } finally {
        dead.disconnect();
      }
    });
  });

  describe('cluster (3 masters)', () => {
    let cluster: ClusterFixture;
    let client: RedisClient;
    let seeder: Cluster;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
      // Reconnecting, as the editor's clients do: on a loaded machine a first slot refresh may need retries.
      client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters }), {}, { reconnect: true });
      seeder = new Cluster(cluster.masters);
      // As after browsing the tree: the client knows the slots and has a connection to every master.
      const clusterClient = client as Cluster;
      if (clusterClient.status === 'wait') await clusterClient.connect();
      else if (clusterClient.status !== 'ready') await once(clusterClient, 'ready');
      await Promise.all(clusterClient.nodes('master').map((node) => node.ping()));
      assert.equal((client as Cluster).nodes('master').length, 3);
    });
    after(async () => {
      client?.disconnect();
      seeder?.disconnect();
      await cluster?.stop();
    });

    it('for every pattern: counts and deletes exactly what the masters match, UNLINK grouped by slot', async () => {
      const masters = (): Redis[] => seeder.nodes('master');
      for (const pattern of ['tmp:*', 'user:*:profile', 'lit:a\\*b', '*']) {
        for (const key of KEYS) await seeder.set(key, '1');
        const expected = await serverMatches(masters(), pattern);
        const slots = new Set(expected.map((k) => keySlot(Buffer.from(k, 'latin1'))));
        const count = await countMatchingKeys(client, pattern, { sampleSize: 100 });
        assert.deepEqual([count.count, count.exact, latin1(count.sample)], [expected.length, true, expected], pattern);
        assert.equal(count.nodes.length, 3, 'one report per master');
        assert.equal(count.nodes.reduce((sum, n) => sum + n.done, 0), expected.length);
        const deleted: number[] = [];
        const result = await deleteMatchingKeys(client, pattern, allowAllWrites, { scanCount: 10, onProgress: (n) => deleted.push(n) });
        assert.equal(result.deleted, expected.length, `${pattern}: keys over ${slots.size} slots`);
        assertClimbs(deleted, expected.length);
        assert.deepEqual(result.nodes?.map((n) => n.state), ['done', 'done', 'done']);
        const left = await serverMatches(masters(), '*');
        assert.deepEqual(left, latin1(KEYS).filter((k) => !expected.includes(k)), `${pattern}: all and only the matches are gone`);
        await Promise.all(masters().map((node) => node.flushall()));
      }
    });
  });
});
