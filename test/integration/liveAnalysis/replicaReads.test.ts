import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { collectLivePatternStats, type LivePatternReport } from '../../../src/core/patterns/livePatternStats';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeReplicaRead, replicaReadPlan } from '../../../src/core/redis/connection/replicaReads';
import { startSentinel, type Endpoint, type SentinelFixture } from '../../fixtures/redis';
import { adminCommand, describeEndpoint, parseInfo } from '../../fixtures/redis/admin';
import { configFor } from '../keys/connectionConfigs';

/**
 * A Sentinel connection that opts in to `readFromReplicas` runs the live analyses' SCANs on the
 * replica (INFO commandstats on each node says where they landed) and gets the master's figures;
 * without the opt-in they land on the master.
 */

const TEMPLATES = ['session:{id}', 'cache:{id}'];

async function scanCalls(node: Endpoint): Promise<number> {
  const stats = parseInfo(await adminCommand(node, ['INFO', 'commandstats']));
  return Number(/calls=(\d+)/.exec(stats.cmdstat_scan ?? '')?.[1] ?? 0);
}

function counts(report: LivePatternReport): Record<string, [number, number]> {
  return Object.fromEntries(report.patterns.map((p) => [p.pattern, [p.keys, p.withTtl]]));
}

describe('Live analyses read a Sentinel replica when the connection opts in', function () {
  let fixture: SentinelFixture;
  const clients: RedisClient[] = [];

  before(async () => {
    fixture = await startSentinel();
    const writer = new Redis({ host: fixture.master.host, port: fixture.master.port });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) writes.push(i % 3 === 0 ? writer.set(`session:${i}`, 'v'.repeat(i), 'EX', 3600) : writer.set(`session:${i}`, 'v'.repeat(i)));
    for (let i = 0; i < 120; i++) writes.push(writer.hset(`cache:${i}`, { a: String(i) }));
    for (let i = 0; i < 40; i++) writes.push(writer.set(`orphan:x${i}`, '1'));
    await Promise.all(writes);
    assert.equal(await writer.call('WAIT', '1', '1000'), 1, 'the replica acknowledged the seed');
    writer.disconnect();
  });
  after(async () => {
    for (const client of clients) client.disconnect();
    await fixture?.stop();
  });
  beforeEach(async () => {
    for (const node of [fixture.master, fixture.replica]) await adminCommand(node, ['CONFIG', 'RESETSTAT']);
  });

  const open = async (replica: boolean): Promise<Redis> => {
    const config = configFor(fixture.sentinels[0], { kind: 'sentinel', masterName: fixture.masterName, sentinels: fixture.sentinels, readFromReplicas: replica });
    assert.deepEqual(replicaReadPlan(config), { replica });
    const client = createRedisClient(config, {}, { lazyConnect: true, replica }) as Redis;
    clients.push(client);
    await client.connect();
    return client;
  };

  it('Key Patterns: SCAN runs on the replica only, with the figures the master gives', async () => {
    const replica = await open(true);
    assert.equal(describeReplicaRead(replica, false), `read from replica ${describeEndpoint(fixture.replica)}`);
    const fromReplica = await collectLivePatternStats(replica, { templates: TEMPLATES, sampleSize: 1000, budget: null });
    assert.ok((await scanCalls(fixture.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(fixture.master), 0, 'no SCAN on the master');
    await adminCommand(fixture.replica, ['CONFIG', 'RESETSTAT']);

    const master = await open(false);
    const fromMaster = await collectLivePatternStats(master, { templates: TEMPLATES, sampleSize: 1000, budget: null });
    assert.ok((await scanCalls(fixture.master)) > 0, 'without the opt-in SCAN runs on the master');
    assert.equal(await scanCalls(fixture.replica), 0, 'without the opt-in no SCAN on the replica');

    assert.equal(fromReplica.complete, true);
    assert.equal(fromReplica.totalKeys, 460);
    assert.deepEqual(counts(fromReplica), counts(fromMaster));
    assert.deepEqual(counts(fromReplica)['session:{id}'], [300, 100]);
  });

  it('Analyze Memory…: SCAN runs on the replica only, with the figures the master gives', async () => {
    const replica = await open(true);
    const fromReplica = await analyzeLiveMemory(replica, { budget: null });
    assert.ok((await scanCalls(fixture.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(fixture.master), 0, 'no SCAN on the master');

    const master = await open(false);
    const fromMaster = await analyzeLiveMemory(master, { budget: null });
    assert.equal(fromReplica.complete, true);
    assert.equal(fromReplica.report.totalKeys, 460);
    assert.equal(fromReplica.report.totalKeys, fromMaster.report.totalKeys);
    assert.deepEqual(fromReplica.report.types, fromMaster.report.types);
    assert.deepEqual(
      fromReplica.report.patterns.map((p) => [p.pattern, p.keys]),
      fromMaster.report.patterns.map((p) => [p.pattern, p.keys]),
    );
  });
});
