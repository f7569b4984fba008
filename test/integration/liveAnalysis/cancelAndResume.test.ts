import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { collectLivePatternStats, type LivePatternReport, type LivePatternStatsOptions } from '../../../src/core/patterns/livePatternStats';
import { analyzeLiveMemory, type LiveMemoryAnalysis, type LiveMemoryOptions } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { checkpointMismatch, readServerIds } from '../../../src/core/liveAnalysis/scanCheckpoint';
import { WALK_DONE } from '../../../src/core/redis/cluster/nodeWalks';
import { startCluster, startStandalone, type ClusterFixture, type Endpoint, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * A live analysis cancelled part-way (an AbortSignal after a few SCAN pages) and resumed from its
 * saved state gives exactly the figures of one uninterrupted pass over the same keys; a server
 * whose run_id changed makes the saved state unusable.
 */

const TEMPLATES = ['session:{id}', 'cache:user:{userId}:profile', 'evt:{id}'];
/** Above every pattern's key count: every key is measured, so the figures are exact, not sampled. */
const SAMPLE = 5000;
const PAGE = 20;

async function seed(writer: Redis | Cluster): Promise<number> {
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < 300; i++) writes.push(i % 3 === 0 ? writer.set(`session:${i}`, 'v'.repeat(i % 50), 'EX', 3600) : writer.set(`session:${i}`, 'v'.repeat(i % 50)));
  // Collections big enough for a hashtable or quicklist, with uneven elements: their exact memory
  // (MEMORY USAGE … SAMPLES 0, read with the details) differs from the default sampling's estimate.
  for (let i = 0; i < 120; i++) writes.push(writer.hset(`cache:user:${i}:profile`, Object.fromEntries(Array.from({ length: 150 + i }, (_, f) => [`f${f}`, 'x'.repeat((f * 37 + i) % 400)]))));
  for (let i = 0; i < 400; i++) writes.push(writer.set(`evt:${i}`, 'e'.repeat((i * 13) % 300)));
  for (let i = 0; i < 60; i++) writes.push(writer.rpush(`orphan:${i}:queue`, ...Array.from({ length: 300 }, (_, n) => 'q'.repeat((n * 53 + i) % 700))));
  await Promise.all(writes);
  return 300 + 120 + 400 + 60;
}

/** Aborts once `pages` progress reports (one per applied SCAN page) arrived. */
function abortAfter(pages: number): { signal: AbortSignal; tick: () => void } {
  const controller = new AbortController();
  let seen = 0;
  return { signal: controller.signal, tick: () => void (++seen >= pages && controller.abort()) };
}

/** SCAN calls the masters answered so far (INFO commandstats). */
async function scanCalls(masters: Endpoint[]): Promise<number> {
  let calls = 0;
  for (const endpoint of masters) {
    const node = new Redis(endpoint);
    calls += Number(/cmdstat_scan:calls=(\d+)/.exec(await node.info('commandstats'))?.[1] ?? 0);
    node.disconnect();
  }
  return calls;
}

function patternFigures(report: LivePatternReport): unknown {
  return report.patterns.map((p) => ({ pattern: p.pattern, keys: p.keys, keysExact: p.keysExact, sampled: p.sampled, withTtl: p.withTtl, memoryBytes: p.memoryBytes, typesSeen: p.typesSeen }));
}

function memoryFigures(analysis: LiveMemoryAnalysis): unknown {
  const r = analysis.report;
  return { totalKeys: r.totalKeys, totalMemoryBytes: r.totalMemoryBytes, types: r.types, ttl: r.ttl, patterns: r.patterns.map((p) => ({ pattern: p.pattern, keys: p.keys, memoryBytes: p.memoryBytes, withTtl: p.withTtl, types: p.types })) };
}

function describeTopology(name: string, start: () => Promise<{ client: RedisClient; writer: Redis | Cluster; masters: Endpoint[]; stop: () => Promise<void> }>): void {
  describe(`cancel and resume a live analysis (${name})`, function () {
    this.timeout(120_000);
    let client: RedisClient;
    let writer: Redis | Cluster;
    let stop: () => Promise<void>;
    let masters: Endpoint[];
    let total: number;
    before(async () => {
      ({ client, writer, masters, stop } = await start());
      total = await seed(writer);
    });
    after(async () => {
      client?.disconnect();
      writer?.disconnect();
      await stop?.();
    });

    it('key patterns: a pass cancelled after a few pages and resumed equals one uninterrupted pass', async () => {
      const base: LivePatternStatsOptions = { templates: TEMPLATES, sampleSize: SAMPLE, count: PAGE, budget: null };
      const before = await scanCalls(masters);
      const whole = await collectLivePatternStats(client, base);
      const wholeCalls = (await scanCalls(masters)) - before;
      assert.equal(whole.complete, true);
      assert.equal(whole.totalKeys, total);

      const stopper = abortAfter(8);
      const first = await collectLivePatternStats(client, { ...base, signal: stopper.signal, onProgress: (p) => p.phase === 'scan' && stopper.tick() });
      assert.equal(first.complete, false);
      assert.ok(first.resume, 'a cancelled pass keeps its state');
      const checkpoint = first.resume.checkpoint;
      assert.ok(checkpoint.keysDone > 0 && checkpoint.keysDone < total, `${checkpoint.keysDone} of ${total} keys done`);
      assert.ok([...checkpoint.cursors.values()].some((c) => c !== WALK_DONE && c !== '0'), 'a node stopped mid-way');
      assert.equal(checkpointMismatch(checkpoint.servers, await readServerIds(client)), undefined);

      const beforeResume = await scanCalls(masters);
      const resumed = await collectLivePatternStats(client, { ...base, resume: first.resume });
      // The resume continues from the cursors: it does not walk the ~8 pages the first run applied
      // (a page more or less either way: SCAN pages vary while the server rehashes).
      assert.ok((await scanCalls(masters)) - beforeResume <= wholeCalls - 5, `resume vs whole pass SCAN calls (${wholeCalls})`);
      assert.equal(resumed.complete, true);
      assert.equal(resumed.resume, undefined);
      assert.deepEqual(patternFigures(resumed), patternFigures(whole));
    });

    it('memory: an analysis cancelled after a few pages and resumed equals one uninterrupted analysis', async () => {
      const base: LiveMemoryOptions = { count: PAGE, budget: null, random: () => 0.5 };
      const before = await scanCalls(masters);
      const whole = await analyzeLiveMemory(client, base);
      const wholeCalls = (await scanCalls(masters)) - before;
      assert.equal(whole.complete, true);
      assert.equal(whole.report.totalKeys, total);

      const stopper = abortAfter(8);
      const first = await analyzeLiveMemory(client, { ...base, signal: stopper.signal, onProgress: stopper.tick });
      assert.equal(first.cancelled, true);
      assert.ok(first.resume, 'a cancelled analysis keeps its state');
      assert.ok(first.report.totalKeys > 0 && first.report.totalKeys < total, `${first.report.totalKeys} of ${total} keys`);

      const beforeResume = await scanCalls(masters);
      const resumed = await analyzeLiveMemory(client, { ...base, resume: first.resume });
      assert.ok((await scanCalls(masters)) - beforeResume <= wholeCalls - 5, `resume vs whole analysis SCAN calls (${wholeCalls})`);
      assert.equal(resumed.complete, true);
      assert.equal(resumed.resume, undefined);
      assert.deepEqual(memoryFigures(resumed), memoryFigures(whole));
      assert.ok(!resumed.report.notes.some((n) => /partial|cancel/i.test(n)), resumed.report.notes.join(' | '));
    });

    it('a saved state names the run_id of every node; a different run_id is a restart that discards it', async () => {
      const stopper = abortAfter(1);
      const first = await collectLivePatternStats(client, { templates: TEMPLATES, sampleSize: SAMPLE, count: PAGE, budget: null, signal: stopper.signal, onProgress: stopper.tick });
      const saved = first.resume?.checkpoint.servers;
      assert.ok(saved);
      const now = await readServerIds(client);
      assert.deepEqual([...saved.keys()], [...now.keys()]);
      assert.ok([...now.values()].every((id) => /^[0-9a-f]{40}$/.test(id)), [...now.values()].join(','));
      // What a restart of one node looks like to the checkpoint: same address, another process.
      const [address] = now.keys();
      const restarted = new Map(now).set(address, 'f'.repeat(40));
      assert.match(checkpointMismatch(saved, restarted) ?? '', new RegExp(`${address.replace(/\./g, '\\.')} restarted since the analysis stopped`));
    });
  });
}

describeTopology('standalone', async () => {
  const server: RedisFixture = await startStandalone();
  const client = createRedisClient(configFor(server, { readOnly: true }), {});
  return { client, writer: new Redis({ port: server.port }), masters: [server], stop: () => server.stop() };
});

describeTopology('cluster', async () => {
  const cluster: ClusterFixture = await startCluster({ masters: 3 });
  const client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]], readOnly: true }), {}, { lazyConnect: true });
  await client.connect();
  return { client, writer: new Cluster(cluster.masters), masters: cluster.masters, stop: () => cluster.stop() };
});
