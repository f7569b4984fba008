import assert from 'node:assert/strict';
import { Cluster } from 'ioredis';
import { runPatternsCli } from '../../../src/commandLine/patterns/runPatternsCli';
import { startCluster, type ClusterFixture, type Endpoint } from '../../fixtures/redis';
import { adminCommand, describeEndpoint, parseInfo } from '../../fixtures/redis/admin';
import { killNode } from '../../fixtures/redis/nodeDown';
import { waitFor } from '../../fixtures/redis/wait';
import { runMemory } from './memoryCliRun';

/**
 * `memory --replica` and `patterns --replica` on a Cluster with one replica per master: every
 * SCAN and MEMORY USAGE runs on the replicas (INFO commandstats on each node says so), the counts
 * are the masters' DBSIZE; a master whose replica is down is read itself, with one sentence.
 */

const SEEDED = 600;

async function calls(node: Endpoint, command: string): Promise<number> {
  const stats = parseInfo(await adminCommand(node, ['INFO', 'commandstats']));
  return Number(/calls=(\d+)/.exec(stats[`cmdstat_${command}`] ?? '')?.[1] ?? 0);
}

describe('memory and patterns CLI --replica on a Cluster: one replica per master', function () {
  this.timeout(120_000);
  let cluster: ClusterFixture;
  let url: string;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 1 });
    url = `redis://${describeEndpoint(cluster.masters[0])}`;
    const admin = new Cluster(cluster.masters);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < SEEDED; i++) writes.push(i % 2 ? admin.set(`session:${i}`, 'v', 'EX', 3600) : admin.hset(`cart:${i}`, { n: String(i) }));
    await Promise.all(writes);
    admin.disconnect();
    await waitFor('every replica to hold its master\'s keys', async () => {
      const [masters, replicas] = await Promise.all([cluster.masters, cluster.replicas].map((nodes) => Promise.all(nodes.map(async (n) => Number(await adminCommand(n, ['DBSIZE']))))));
      return masters.join() === replicas.join() ? true : `masters ${masters.join()} replicas ${replicas.join()}`;
    }, 20_000);
    // CLUSTER SLOTS lists a replica once gossip says it holds data (repl_offset > 0): the slot map the CLI reads.
    await waitFor('CLUSTER SLOTS to list a replica of every master', async () => {
      const ranges = (await adminCommand(cluster.masters[0], ['CLUSTER', 'SLOTS'])) as unknown[][];
      return ranges.every((range) => range.length > 3) ? true : `ranges with a replica: ${ranges.filter((range) => range.length > 3).length} of ${ranges.length}`;
    }, 20_000);
  });
  after(async () => {
    await cluster?.stop();
  });
  beforeEach(async () => {
    for (const node of [...cluster.masters, ...cluster.replicas]) await adminCommand(node, ['CONFIG', 'RESETSTAT']).catch(() => undefined);
  });

  it('memory --replica: SCAN and MEMORY USAGE on every replica, none on a master; every key counted', async () => {
    const out = await runMemory(['--redis', url, '--replica', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout) as { totalKeys: number; source: { mode: string; nodes: { node: string }[] } };
    assert.equal(report.totalKeys, SEEDED);
    assert.equal(report.source.mode, 'cluster');
    assert.deepEqual(report.source.nodes.map((n) => n.node).sort(), cluster.replicas.map(describeEndpoint).sort());
    assert.match(out.stderr, /^Read from a replica for 3 of 3 master\(s\): /m);
    for (const replica of cluster.replicas) {
      assert.ok((await calls(replica, 'scan')) > 0, `SCAN on ${describeEndpoint(replica)}`);
      assert.ok((await calls(replica, 'memory|usage')) > 0, `MEMORY USAGE on ${describeEndpoint(replica)}`);
    }
    for (const master of cluster.masters) assert.equal(await calls(master, 'scan'), 0, `no SCAN on ${describeEndpoint(master)}`);
  });

  it('patterns --replica counts every key on the replicas', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runPatternsCli(['--redis', url, '--replica', '--format', 'json'], { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    assert.equal(code, 0, stderr);
    const patterns = (JSON.parse(stdout) as { patterns: { keys: number }[] }).patterns;
    assert.equal(patterns.reduce((sum, p) => sum + p.keys, 0), SEEDED);
    for (const replica of cluster.replicas) assert.ok((await calls(replica, 'scan')) > 0);
    for (const master of cluster.masters) assert.equal(await calls(master, 'scan'), 0);
  });

  it('a master whose replica is stopped is read itself, with one sentence naming it', async () => {
    const [replica] = cluster.replicas;
    await killNode((node) => cluster.pidOf(node), replica);
    const out = await runMemory(['--redis', url, '--replica', '--format', 'json']);
    assert.equal(out.code, 0, out.stderr);
    assert.equal((JSON.parse(out.stdout) as { totalKeys: number }).totalKeys, SEEDED);
    const fallbacks = out.stderr.split('\n').filter((line) => line.startsWith('No replica'));
    assert.equal(fallbacks.length, 1, out.stderr);
    assert.match(fallbacks[0], new RegExp(`^No replica of "127\\.0\\.0\\.1:\\d+" can be read \\(replica ${describeEndpoint(replica).replace(/\./g, '\\.')} refuses connections\\), so the analysis reads the master\\.$`));
    assert.match(out.stderr, /^Read from a replica for 2 of 3 master\(s\): /m);
    assert.ok((JSON.parse(out.stdout) as { notes: string[] }).notes.includes(fallbacks[0]), 'the sentence is a note of the report too');
    const readMasters = await Promise.all(cluster.masters.map((m) => calls(m, 'scan')));
    assert.equal(readMasters.filter((n) => n > 0).length, 1, `SCAN on exactly one master: ${readMasters.join()}`);
  });
});
