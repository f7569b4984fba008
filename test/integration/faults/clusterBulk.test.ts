import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { BulkDeleteError, countMatchingKeys, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { logProblemsOnce } from '../../../src/core/redis/connection/clientEvents';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeConnectionError } from '../../../src/core/redis/connection/connectionErrors';
import { readKeyspace } from '../../../src/core/redis/keyspace/keyspaceInfo';
import { keySlot } from '../../../src/core/redis/keyspace/keySlot';
import { allowAllWrites } from '../../../src/core/redis/safety/writeGuard';
import { startCluster, type ClusterFixture, type Endpoint } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';
import { injectFault } from './faultLedger';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };
const PER_MASTER = 1500;

async function dbsize(endpoint: Endpoint): Promise<number> {
  const node = new Redis({ port: endpoint.port, lazyConnect: true });
  try {
    await node.connect();
    return await node.dbsize();
  } finally {
    node.disconnect();
  }
}

describe('faults: Cluster bulk delete when a master dies', () => {
  let cluster: ClusterFixture;
  let client: RedisClient;
  const logged: string[] = [];
  const printed: string[] = [];
  const consoleError = console.error;

  before(async () => {
    // ioredis prints "[ioredis] Unhandled error event" through console.error for a client or node without a listener.
    console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    cluster = await startCluster({ masters: 3 });
    const seeder = new Cluster(cluster.masters);
    // Tags spread the keys over every master; one MSET per tag (one slot).
    for (let tag = 0; tag < 30; tag++) {
      const pairs = Array.from({ length: PER_MASTER / 10 }, (_, i) => [`bulk:{t${tag}}:${i}`, 'v']).flat();
      await seeder.mset(pairs);
    }
    seeder.disconnect();
    client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters, connectTimeoutMs: 500 }), {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    logProblemsOnce(client, (line) => logged.push(line), (error) => describeConnectionError(error).message);
    await client.connect();
  });
  after(async () => {
    console.error = consoleError;
    client?.disconnect();
    await cluster?.stop();
  });

  it('stops every walk on the first failure, waits for them, and reports per node; counting then says it is partial', async () => {
    const fault = injectFault('bulk', 'Cluster master SIGKILL');
    const victim = cluster.masters[1];
    const survivors = [cluster.masters[0], cluster.masters[2]];
    let killed = false;
    const deletion = deleteMatchingKeys(client, 'bulk:*', allowAllWrites, {
      scanCount: 10,
      onProgress: (deleted) => {
        if (deleted >= 200 && !killed) {
          killed = true;
          process.kill(cluster.pidOf(victim), 'SIGKILL');
        }
      },
    });
    const error = await deletion.then(
      () => assert.fail('the delete reported success with a dead master'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof BulkDeleteError, String(error));
    const victimReport = error.nodes.find((n) => n.node === `${victim.host}:${victim.port}`);
    assert.equal(victimReport?.state, 'failed');
    assert.equal(error.nodes.length, 3);
    for (const survivor of survivors) {
      const report = error.nodes.find((n) => n.node === `${survivor.host}:${survivor.port}`);
      assert.ok(report && ['stopped', 'done'].includes(report.state), JSON.stringify(error.nodes));
    }
    assert.equal(error.deleted, error.nodes.reduce((sum, n) => sum + n.done, 0));
    assert.match(error.message, new RegExp(`${victim.port}`));

    // Nothing keeps deleting in the background once the operation has failed.
    const left = await Promise.all(survivors.map(dbsize));
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual(await Promise.all(survivors.map(dbsize)), left);

    const counted = await countMatchingKeys(client, 'bulk:*');
    assert.equal(counted.exact, false);
    assert.deepEqual(counted.unreachable, [`${victim.host}:${victim.port}`]);
    assert.equal(counted.count, left[0] + left[1], JSON.stringify({ left, nodes: counted.nodes }));
    // The tree's key count (INFO keyspace per master) says it too.
    const [db0] = await readKeyspace(client);
    assert.deepEqual([db0.keys, db0.partial], [left[0] + left[1], true]);
    fault.survived();
  });

  it('logs the dead master once, however often the client retries it, and prints no unhandled error event', async () => {
    const victim = `${cluster.masters[1].host}:${cluster.masters[1].port}`;
    // A master killed between commands may close its sockets without an error: make the client reach
    // it again and again (a key in one of its slots), so every attempt fails and would be logged.
    const slots = (client as Cluster).slots;
    const onVictim = Array.from({ length: 30 }, (_, tag) => `bulk:{t${tag}}:0`).find((key) => slots[keySlot(key)]?.[0] === victim);
    assert.ok(onVictim, `a seeded key lives in a slot of ${victim}`);
    for (let attempt = 0; attempt < 5; attempt++) await client.get(onVictim).catch(() => undefined);
    // Wait for the condition, not a fixed window, then let the client retry a while longer.
    for (let waited = 0; !logged.some((line) => line.includes(victim)) && waited < 15_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const aboutVictim = logged.filter((line) => line.includes(victim));
    assert.ok(aboutVictim.length >= 1 && aboutVictim.length <= 2, `lines about ${victim}:\n${logged.join('\n') || '(nothing logged)'}`);
    assert.deepEqual(printed.filter((line) => line.includes('Unhandled error event')), []);
  });
});
