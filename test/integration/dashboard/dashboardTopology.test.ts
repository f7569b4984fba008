import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { DashboardPoller, type DashboardTick, type NodeTick } from '../../../src/core/redis/server/dashboardPoller';
import { discoverDashboardNodes } from '../../../src/core/redis/server/dashboardNodes';
import { adminCommand } from '../../fixtures/redis/admin';
import { freePort, startCluster, startSentinel, startStandalone, type ClusterFixture, type Endpoint, type RedisFixture, type SentinelFixture } from '../../fixtures/redis';

const address = (e: Endpoint): string => `${e.host}:${e.port}`;

function okNode(tick: DashboardTick, id: string): Extract<NodeTick, { ok: true }> {
  const node = tick.nodes.find((n) => n.nodeId === id);
  assert.ok(node?.ok, `node ${id} answered: ${JSON.stringify(node)}`);
  return node;
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

describe('dashboard nodes of a real cluster with a replica that has not synced', function () {
  let cluster: ClusterFixture;
  let newcomer: RedisFixture;
  let client: Cluster;

  /** Adds a cluster-enabled server as a replica of the first master, which holds the first sync back for a minute. */
  async function joinUnsyncedReplica(): Promise<RedisFixture> {
    const master = cluster.masters[0];
    await adminCommand(master, ['CONFIG', 'SET', 'repl-diskless-sync', 'yes', 'repl-diskless-sync-delay', '60', 'repl-diskless-sync-max-replicas', '0']);
    const joining = await startStandalone({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(await freePort())] });
    const masterLine = String(await adminCommand(master, ['CLUSTER', 'NODES'])).split('\n').find((l) => l.includes('myself')) as string;
    const [masterId, masterAddress] = masterLine.split(' ');
    const busPort = masterAddress.split('@')[1].split(',')[0];
    await adminCommand(joining, ['CLUSTER', 'MEET', master.host, master.port, busPort]);
    await waitUntil('the newcomer to learn the master', async () => String(await adminCommand(joining, ['CLUSTER', 'NODES'])).includes(masterId));
    await adminCommand(joining, ['CLUSTER', 'REPLICATE', masterId]);
    const listsNewcomer = async (node: Endpoint): Promise<boolean> =>
      String(await adminCommand(node, ['CLUSTER', 'NODES'])).split('\n').some((l) => l.includes(`:${joining.port}@`) && l.includes('slave'));
    await waitUntil('every master to list the newcomer as a replica', async () => (await Promise.all(cluster.masters.map(listsNewcomer))).every(Boolean));
    return joining;
  }

  before(async () => {
    cluster = await startCluster({ masters: 3 });
    client = new Cluster(cluster.masters, { lazyConnect: true });
    await client.connect();
  });
  after(async () => {
    client?.disconnect();
    await newcomer?.stop();
    await cluster?.stop();
  });

  it('picks up a replica that joins while polling, though it has not synced and CLUSTER SLOTS leaves it out', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client), { discover: () => discoverDashboardNodes(client) });
    try {
      assert.deepEqual(poller.nodes.map((n) => n.label).sort(), cluster.masters.map((m) => `${address(m)} (master)`).sort());
      await poller.tick();
      newcomer = await joinUnsyncedReplica();
      const slots = JSON.stringify(await adminCommand(cluster.masters[0], ['CLUSTER', 'SLOTS']));
      assert.ok(!slots.includes(String(newcomer.port)), `precondition: CLUSTER SLOTS omits the unsynced replica: ${slots}`);
      assert.equal(await poller.rediscover(), true);
      const expected = [...cluster.masters.map((m) => `${address(m)} (master)`), `${address(newcomer)} (replica)`];
      assert.deepEqual(poller.nodes.map((n) => n.label).sort(), expected.sort());
      const tick = await poller.tick();
      assert.equal(okNode(tick, address(newcomer)).snapshot.role, 'slave');
      assert.equal(tick.merged?.snapshot.role, '3 masters, 1 replica');
      assert.equal(poller.history(address(cluster.masters[0])).length, 2, 'the masters kept their history');
    } finally {
      poller.dispose();
    }
  });
});

describe('dashboard nodes of a real Sentinel deployment', function () {
  let sentinel: SentinelFixture;
  let client: Redis;

  before(async () => {
    sentinel = await startSentinel();
    client = new Redis({ sentinels: sentinel.sentinels, name: sentinel.masterName, lazyConnect: true });
    await client.connect();
  });
  after(async () => {
    client?.disconnect();
    await sentinel?.stop();
  });

  it('polls the master and the replicas that SENTINEL REPLICAS lists, and closes the replica clients', async () => {
    const nodes = await discoverDashboardNodes(client);
    assert.deepEqual(nodes.map((n) => n.label), [`sentinel master ${sentinel.masterName}`, `${address(sentinel.replica)} (replica)`]);
    const poller = new DashboardPoller(nodes);
    const tick = await poller.tick();
    assert.equal(okNode(tick, nodes[0].id).snapshot.role, 'master');
    assert.equal(okNode(tick, address(sentinel.replica)).snapshot.role, 'slave');
    assert.equal(tick.merged?.snapshot.role, '1 master, 1 replica');
    const infoClients = async (): Promise<number> => String(await adminCommand(sentinel.replica, ['CLIENT', 'LIST'])).split('\n').filter((l) => !/ name=sentinel/.test(l) && / cmd=(info|slowlog\|get|config\|get) /.test(l)).length;
    assert.equal(await infoClients(), 1, 'the dashboard client of the replica');
    poller.dispose();
    await waitUntil('the replica client to close', async () => (await infoClients()) === 0);
  });
});
