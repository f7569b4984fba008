import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { LoadBudget } from '../../../src/core/redis/keyspace/loadBudget';
import { collectLivePatternStats, type LivePatternReport, type LivePatternStats } from '../../../src/core/patterns/livePatternStats';
import { startCluster, startStandalone, type ClusterFixture, type Endpoint, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * Seeds keys of known patterns (strings, hashes, lists, a set over the exact-memory threshold,
 * binary names, TTLs on some), then checks one pass against a ground truth read key by key.
 */

const TEMPLATES = ['session:{id}', 'cache:user:{userId}:profile', '{tenant}:orders', 'bin:{id}:x', 'evt:{id}', 'bigset:{id}'];
const BIG_PATTERN = 700;
const SAMPLE = 200;
const EXACT_BELOW = 1000;

interface Seeded {
  byPattern: Map<string, Buffer[]>;
  all: Buffer[];
}

/** A deterministic PRNG (mulberry32), so the sample — and the test — is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(writer: Redis | Cluster): Promise<Seeded> {
  const byPattern = new Map<string, Buffer[]>();
  const note = (pattern: string, key: string | Buffer): Buffer => {
    const bytes = Buffer.isBuffer(key) ? key : Buffer.from(key);
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), bytes]);
    return bytes;
  };
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < 150; i++) {
    const key = note('session:{id}', `session:${i}`);
    writes.push(i % 5 < 2 ? writer.set(key, 'v'.repeat(i), 'EX', 3600) : writer.set(key, 'v'.repeat(i)));
  }
  for (let i = 0; i < 80; i++) {
    const key = note('cache:user:{userId}:profile', `cache:user:${i}:profile`);
    writes.push(writer.hset(key, Object.fromEntries(Array.from({ length: (i % 7) + 1 }, (_, f) => [`f${f}`, 'x'.repeat(f * 10)]))).then(() => writer.expire(key, 600)));
  }
  for (let i = 0; i < 40; i++) writes.push(writer.rpush(note('{tenant}:orders', `t${i}:orders`), ...Array.from({ length: i + 1 }, (_, n) => String(n))));
  for (let i = 0; i < 30; i++) writes.push(writer.set(note('bin:{id}:x', Buffer.concat([Buffer.from('bin:'), Buffer.of(0xff, 0x00, i), Buffer.from(':x')])), 'b', 'PX', 900_000));
  for (let i = 0; i < BIG_PATTERN; i++) {
    const key = note('evt:{id}', `evt:${i}`);
    writes.push(i % 3 === 0 ? writer.set(key, 'e'.repeat((i * 37) % 2000), 'EX', 7200) : writer.set(key, 'e'.repeat((i * 37) % 2000)));
  }
  writes.push(writer.sadd(note('bigset:{id}', 'bigset:1'), ...Array.from({ length: 3000 }, (_, n) => `member-${n}`)));
  for (let i = 1; i <= 25; i++) writes.push(writer.set(note('orphan:*', `orphan:x${i}`), '1'));
  await Promise.all(writes);
  return { byPattern, all: [...byPattern.values()].flat() };
}

interface Truth {
  keys: number;
  withTtl: number;
  memoryBytes: number;
}

/** Ground truth read key by key: PTTL and exact MEMORY USAGE … SAMPLES 0. */
async function groundTruth(reader: Redis | Cluster, keys: Buffer[]): Promise<Truth> {
  let withTtl = 0;
  let memoryBytes = 0;
  for (const key of keys) {
    if ((await reader.pttl(key)) >= 0) withTtl++;
    memoryBytes += Number(await reader.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  }
  return { keys: keys.length, withTtl, memoryBytes };
}

async function scanCalls(nodes: Endpoint[]): Promise<number> {
  let calls = 0;
  for (const endpoint of nodes) {
    const node = new Redis(endpoint);
    const info = await node.info('commandstats');
    node.disconnect();
    calls += Number(/cmdstat_scan:calls=(\d+)/.exec(info)?.[1] ?? 0);
  }
  return calls;
}

function find(report: LivePatternReport, pattern: string): LivePatternStats {
  const found = report.patterns.find((p) => p.pattern === pattern);
  assert.ok(found, `pattern ${pattern} in ${report.patterns.map((p) => p.pattern).join(', ')}`);
  return found;
}

function describeTopology(name: string, start: () => Promise<{ client: RedisClient; writer: Redis | Cluster; masters: Endpoint[]; stop: () => Promise<void> }>): void {
  describe(`live pattern statistics (${name})`, () => {
    let client: RedisClient;
    let writer: Redis | Cluster;
    let masters: Endpoint[];
    let stop: () => Promise<void>;
    let seeded: Seeded;
    before(async () => {
      ({ client, writer, masters, stop } = await start());
      seeded = await seed(writer);
    });
    after(async () => {
      client?.disconnect();
      writer?.disconnect();
      await stop?.();
    });

    it('counts every pattern exactly after one full pass, TTLs exact on small sets, memory within the stated error', async () => {
      const report = await collectLivePatternStats(client, { templates: TEMPLATES, sampleSize: SAMPLE, exactMemoryBelow: EXACT_BELOW, random: seededRandom(7) });
      assert.equal(report.complete, true);
      assert.equal(report.totalKeys, seeded.all.length);
      for (const [pattern, keys] of seeded.byPattern) {
        const stats = find(report, pattern);
        const truth = await groundTruth(writer, keys);
        assert.equal(stats.keys, truth.keys, `${pattern} count`);
        assert.equal(stats.keysExact, true);
        assert.equal(stats.inferred, pattern === 'orphan:*');
        if (keys.length <= SAMPLE && pattern !== 'bigset:{id}') {
          assert.equal(stats.sampled, keys.length, `${pattern} measured in full`);
          assert.equal(stats.withTtl, truth.withTtl, `${pattern} TTL coverage`);
          assert.equal(stats.memoryBytes, truth.memoryBytes, `${pattern} memory`);
          assert.equal(stats.memoryErrorBytes, 0);
        }
      }
      const evt = find(report, 'evt:{id}');
      const evtTruth = await groundTruth(writer, seeded.byPattern.get('evt:{id}') ?? []);
      assert.equal(evt.sampled, SAMPLE);
      assert.ok(evt.memoryErrorBytes > 0);
      assert.ok(Math.abs(evt.memoryBytes - evtTruth.memoryBytes) <= 4 * evt.memoryErrorBytes, `memory ${evt.memoryBytes} vs ${evtTruth.memoryBytes} ± ${evt.memoryErrorBytes}`);
      // A proportion's standard error on a finite population, four of them.
      const p = evtTruth.withTtl / BIG_PATTERN;
      const ttlError = BIG_PATTERN * Math.sqrt((p * (1 - p)) / SAMPLE) * Math.sqrt(1 - SAMPLE / BIG_PATTERN);
      assert.ok(Math.abs(evt.withTtl - evtTruth.withTtl) <= 4 * ttlError, `withTtl ${evt.withTtl} vs ${evtTruth.withTtl}`);

      const bigset = find(report, 'bigset:{id}');
      assert.equal(bigset.memoryEstimatedKeys, 1, 'a set over the threshold gets the default sampling');
      const bigTruth = await groundTruth(writer, seeded.byPattern.get('bigset:{id}') ?? []);
      assert.ok(Math.abs(bigset.memoryBytes - bigTruth.memoryBytes) <= bigTruth.memoryBytes * 0.1, `${bigset.memoryBytes} vs ${bigTruth.memoryBytes}`);

      assert.deepEqual(find(report, '{tenant}:orders').typesSeen, { list: 40 });
      assert.deepEqual(find(report, 'cache:user:{userId}:profile').typesSeen, { hash: 80 });
      assert.ok(find(report, 'bin:{id}:x').examples.every((k) => k[4] === 0xff && k[5] === 0x00));
    });

    it('stops on abort with partial results marked partial', async () => {
      const controller = new AbortController();
      const report = await collectLivePatternStats(client, {
        templates: TEMPLATES,
        count: 20,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.keysScanned > 0) controller.abort();
        },
      });
      assert.equal(report.complete, false);
      assert.ok(report.totalKeys > 0 && report.totalKeys < seeded.all.length, `${report.totalKeys} of ${seeded.all.length}`);
      assert.ok(report.patterns.every((p) => !p.keysExact));
    });

    it('keeps SCAN calls under the ceiling: calls ≤ limit × elapsed + burst', async () => {
      const limit = 20;
      const burst = 2;
      const before = await scanCalls(masters);
      const started = performance.now();
      const report = await collectLivePatternStats(client, { templates: TEMPLATES, count: 50, budget: new LoadBudget({ maxScansPerSecond: limit, scanBurst: burst }) });
      const elapsedS = (performance.now() - started) / 1000;
      const calls = (await scanCalls(masters)) - before;
      assert.equal(report.complete, true);
      assert.ok(calls >= 10, `the pass needed ${calls} SCAN calls`);
      assert.ok(calls <= limit * elapsedS + burst, `${calls} SCAN calls in ${elapsedS.toFixed(2)} s`);
    });
  });
}

describeTopology('standalone', async () => {
  const server: RedisFixture = await startStandalone({ users: [{ name: 'reader', password: 'rpw', rules: '~* +@read -@write' }] });
  // Statistics run as a user who may only read: nothing they send needs more.
  const client = createRedisClient(configFor(server, { username: 'reader', readOnly: true }), { password: 'rpw' });
  return { client, writer: new Redis({ port: server.port }), masters: [server], stop: () => server.stop() };
});

describeTopology('cluster', async () => {
  const cluster: ClusterFixture = await startCluster({ masters: 3 });
  const client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]], readOnly: true }), {}, { lazyConnect: true });
  await client.connect();
  return { client, writer: new Cluster(cluster.masters), masters: cluster.masters, stop: () => cluster.stop() };
});
