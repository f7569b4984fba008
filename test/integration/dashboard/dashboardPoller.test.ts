import assert from 'node:assert/strict';
import { once } from 'node:events';
import Redis, { Cluster } from 'ioredis';
import { ALL_NODES, DashboardPoller, type DashboardTick, type NodeTick } from '../../../src/core/redis/server/dashboardPoller';
import { discoverDashboardNodes } from '../../../src/core/redis/server/dashboardNodes';
import { adminCommand } from '../../fixtures/redis/admin';
import { startCluster, startStandalone, type ClusterFixture, type Endpoint, type RedisFixture } from '../../fixtures/redis';

/** Calls of INFO the server has counted (`cmdstat_info`); the INFO asking for it is counted after it ran. */
async function infoCalls(endpoint: Endpoint): Promise<number> {
  const text = String(await adminCommand(endpoint, ['INFO', 'commandstats']));
  return Number(/cmdstat_info:calls=(\d+)/.exec(text)?.[1] ?? 0);
}

function okNode(tick: DashboardTick, id?: string): Extract<NodeTick, { ok: true }> {
  const node = id === undefined ? tick.nodes[0] : tick.nodes.find((n) => n.nodeId === id);
  assert.ok(node?.ok, `node answered: ${JSON.stringify(node)}`);
  return node;
}

function until(poller: DashboardPoller, ticks: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const listener = poller.onTick(() => {
      if (++seen === ticks) {
        listener.dispose();
        resolve();
      }
    });
  });
}

const HOSTILE_KEY = Buffer.concat([Buffer.from('<img src=x onerror="window.__pwned=1">\n'), Buffer.from([0xff, 0xfe])]);

describe('dashboard poller against a real redis-server', function () {
  let server: RedisFixture;
  let client: Redis;
  let traffic: Redis;

  before(async () => {
    server = await startStandalone();
    client = new Redis({ host: server.host, port: server.port, enableOfflineQueue: false, retryStrategy: () => 20, lazyConnect: true });
    client.on('error', () => undefined);
    traffic = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await Promise.all([client.connect(), traffic.connect()]);
  });
  after(async () => {
    client.disconnect();
    traffic.disconnect();
    await server.stop();
  });

  it('reads the header, the slowlog settings and command stats of a standalone server', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client));
    const node = okNode(await poller.tick());
    assert.equal(node.nodeId, `${server.host}:${server.port}`);
    assert.equal(node.snapshot.mode, 'standalone');
    assert.equal(node.snapshot.role, 'master');
    assert.equal(node.slowlogConfig.maxLen, 128);
    assert.equal(node.slowlogConfig.slowerThanUsec, 10000);
    assert.ok(node.commandStats.some((s) => s.command === 'info'));
  });

  it('shows slow commands with binary arguments escaped, newest first', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client));
    await traffic.call('DEBUG', 'SLEEP', '0.05');
    await traffic.config('SET', 'slowlog-log-slower-than', '0');
    await traffic.set(HOSTILE_KEY, 'v');
    await traffic.config('SET', 'slowlog-log-slower-than', '10000');
    const node = okNode(await poller.tick());
    const sleep = node.slowlog.find((e) => e.args.join(' ') === 'DEBUG SLEEP 0.05');
    assert.ok(sleep, 'DEBUG SLEEP is in the slowlog');
    assert.ok(sleep.durationUsec >= 50_000);
    const set = node.slowlog.find((e) => e.args[0] === 'set');
    assert.ok(set, 'the SET logged while slowlog-log-slower-than was 0');
    assert.equal(set.args[1], '<img src=x onerror="window.__pwned=1">\\n\\xff\\xfe');
    assert.ok(set.id > sleep.id);
    assert.ok(node.slowlog.indexOf(set) < node.slowlog.indexOf(sleep), 'newest first');
    assert.equal(node.slowlogConfig.slowerThanUsec, 10000);
  });

  it('shows an idle server at 0 ops/sec: its own INFO and SLOWLOG are not counted', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client), { configEveryTicks: 2 });
    await poller.tick();
    const samples = [];
    for (let i = 0; i < 4; i++) samples.push(okNode(await poller.tick()).sample);
    assert.deepEqual(samples.map((s) => s.opsPerSec), [0, 0, 0, 0]);
    // Real traffic is counted.
    for (let i = 0; i < 50; i++) await traffic.get(`k${i}`);
    const busy = okNode(await poller.tick()).sample;
    assert.ok(busy.opsPerSec > 0);
    assert.equal(busy.hitRatio, 0);
  });

  it('sends no INFO once stopped (counted by the server)', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client), { intervalMs: 20 });
    const before = await infoCalls(server);
    poller.start();
    await until(poller, 5);
    poller.stop();
    await poller.tick(); // joins the tick in flight at stop(), if any, so that it cannot land later
    const atStop = await infoCalls(server);
    assert.ok(atStop - before >= 1 + 5, `the poller's INFO calls reached the server (${atStop - before})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await infoCalls(server);
    assert.equal(later - atStop, 1, 'only our own INFO commandstats since stop()');
  });

  it('reports a dropped connection and resumes when it comes back', async () => {
    const poller = new DashboardPoller(await discoverDashboardNodes(client));
    okNode(await poller.tick());
    const closed = once(client, 'close');
    await traffic.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await closed;
    const dropped = await poller.tick();
    assert.equal(dropped.nodes[0].ok, false);
    assert.match(dropped.nodes[0].ok ? '' : dropped.nodes[0].error, /writeable|closed/i);
    if (client.status !== 'ready') await once(client, 'ready');
    const resumed = okNode(await poller.tick());
    assert.equal(resumed.snapshot.role, 'master');
    okNode(await poller.tick());
  });
});

describe('dashboard poller against a real cluster', function () {
  let cluster: ClusterFixture;
  let client: Cluster;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 1 });
    client = new Cluster(cluster.masters, { lazyConnect: true });
    await client.connect();
    for (let i = 0; i < 30; i++) {
      if (i % 2 === 0) await client.set(`user:${i}`, 'x', 'EX', 600);
      else await client.set(`user:${i}`, 'x');
    }
  });
  after(async () => {
    client.disconnect();
    await cluster.stop();
  });

  it('polls every master and replica with one INFO each per tick, and merges them', async () => {
    // CLUSTER NODES lists every replica at once (CLUSTER SLOTS only those that have replicated something).
    const nodes = await discoverDashboardNodes(client);
    assert.deepEqual(nodes.map((n) => n.id).sort(), cluster.nodes.map((e) => `${e.host}:${e.port}`).sort());
    assert.equal(nodes.filter((n) => n.label.endsWith('(replica)')).length, 3);
    const poller = new DashboardPoller(nodes);
    await poller.tick(); // replica clients connect lazily now, and their ready check sends an INFO of its own
    const before = await Promise.all(cluster.nodes.map(infoCalls));
    await poller.tick();
    const tick = await poller.tick();
    const after = await Promise.all(cluster.nodes.map(infoCalls));
    // 2 ticks + the INFO that read `before` on each node.
    assert.deepEqual(after.map((n, i) => n - before[i]), cluster.nodes.map(() => 3));
    for (const node of nodes) assert.equal(okNode(tick, node.id).snapshot.mode, 'cluster');
    assert.ok(tick.merged);
    assert.equal(tick.merged.nodeId, ALL_NODES);
    assert.equal(tick.merged.snapshot.role, '3 masters, 3 replicas');
    assert.deepEqual(tick.merged.snapshot.keyspace.map((d) => [d.db, d.keys, d.expires]), [[0, 30, 15]]);
    assert.equal(poller.history(ALL_NODES).length, 3);
    poller.dispose();
  });
});
