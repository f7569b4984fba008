import assert from 'node:assert/strict';
import { Cluster } from 'ioredis';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { runMemoryCli } from '../../../src/commandLine/memory/runMemoryCli';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { startCluster, stopAll, type ClusterFixture } from '../../fixtures/redis';
import { groundTruth, matching, sum, type TruthKey } from './groundTruth';
import { seedLiveKeyspace } from './liveSeed';

describe('live memory analysis on a real Redis Cluster', function () {
  this.timeout(180_000);
  let cluster: ClusterFixture;
  let client: RedisClient;
  let admin: Cluster;
  let truth: TruthKey[];

  before(async () => {
    cluster = await startCluster({ masters: 3 });
    admin = new Cluster(cluster.masters);
    await seedLiveKeyspace(admin);
    truth = await groundTruth(cluster.masters);
    const seed = cluster.masters[0];
    client = createRedisClient({ id: 'c', name: 'c', kind: 'cluster', host: seed.host, port: seed.port, clusterNodes: cluster.masters, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: true }, {}, { lazyConnect: true });
    await client.connect();
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await stopAll();
  });

  it('reads every master and merges: totals, patterns and top keys match MEMORY USAGE key by key', async () => {
    const { report, nodes, complete, profiles } = await analyzeLiveMemory(client, { budget: null });
    assert.ok(complete);
    assert.equal(nodes.length, 3);
    assert.equal(profiles.length, 3);
    assert.ok(nodes.every((n) => n.done > 0), 'each master holds some keys');
    assert.equal(report.totalKeys, truth.length);
    assert.equal(report.totalMemoryBytes, sum(truth, (k) => k.exact));
    const users = matching(truth, 'user:*:profile');
    const entry = report.patterns.find((p) => p.pattern === 'user:*:profile');
    assert.deepEqual(entry && [entry.keys, entry.memoryBytes], [users.length, sum(users, (k) => k.memory)]);
    const expected = [...truth].sort((a, b) => b.exact - a.exact).slice(0, 5).map((k) => k.name);
    assert.deepEqual(report.topKeys.slice(0, 5).map((k) => k.key), expected);
  });

  it('the CLI detects the Cluster from one node\'s URL and reads every master', async () => {
    let stdout = '';
    const seed = cluster.masters[1];
    const code = await runMemoryCli(['--redis', `redis://${seed.host}:${seed.port}`, '--format', 'json', '--top', '3'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { source: { mode: string; nodes: unknown[] }; totalKeys: number; topKeys: { key: string }[] };
    assert.equal(report.source.mode, 'cluster');
    assert.equal(report.source.nodes.length, 3);
    assert.equal(report.totalKeys, truth.length);
    assert.deepEqual(report.topKeys.map((k) => k.key), [...truth].sort((a, b) => b.exact - a.exact).slice(0, 3).map((k) => k.name));
  });
});
