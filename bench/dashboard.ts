import Redis, { Cluster } from 'ioredis';
import { discoverDashboardNodes } from '../src/core/redis/server/dashboardNodes';
import { DashboardPoller, INFO_SECTIONS, type DashboardNode } from '../src/core/redis/server/dashboardPoller';
import { startCluster, startStandalone } from '../test/fixtures/redis';

/**
 * dashboard-tick: what one dashboard tick costs the extension host, over 100 ticks, on a
 * standalone server and on a 3+3 Cluster. The reference, measured in the same run, is the bare
 * round trips the tick cannot avoid (INFO and SLOWLOG GET on every node, nothing parsed); the
 * ratio is the overhead of parsing, deriving and merging. Each side runs three times, alternating,
 * and the fastest run counts. The servers hold a full slowlog (128 entries) and varied command stats
 * so that parsing is not trivially cheap.
 *
 * Run: `npx tsx bench/index.ts dashboard`.
 */

const TICKS = 100;
const ROUNDS = 3;

/** Counts the requests the poller makes, to report requests per tick. */
function counted(nodes: DashboardNode[]): { nodes: DashboardNode[]; requests: () => number } {
  let requests = 0;
  const count =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      requests++;
      return call(...args);
    };
  return {
    nodes: nodes.map((n) => ({ id: n.id, label: n.label, info: count(n.info), slowlog: count(n.slowlog), configGet: count(n.configGet), slowlogReset: count(n.slowlogReset) })),
    requests: () => requests,
  };
}

/** Key-less commands run on any node, Cluster or not: they fill the slowlog and spread the command stats. */
const SEED_COMMANDS = [['ping'], ['echo', 'bench'], ['time'], ['dbsize'], ['lastsave'], ['client', 'id'], ['command', 'count'], ['role']];

/** A full slowlog (everything logged for a moment) and varied command stats on every master. */
async function seed(client: Redis | Cluster): Promise<void> {
  for (const node of client instanceof Cluster ? client.nodes('master') : [client]) {
    await node.config('SET', 'slowlog-log-slower-than', '0');
    await node.pipeline(Array.from({ length: 200 }, (_, i) => SEED_COMMANDS[i % SEED_COMMANDS.length])).exec();
    await node.config('SET', 'slowlog-log-slower-than', '10000');
  }
}

async function timeTicks(run: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < TICKS; i++) await run();
  const used = process.cpuUsage(cpu);
  return { ms: (performance.now() - start) / TICKS, cpuMs: (used.user + used.system) / 1000 / TICKS };
}

async function measure(client: Redis | Cluster, discovered: DashboardNode[]): Promise<string> {
  await seed(client);
  let best = { host: Infinity, cpu: Infinity, requests: 0 };
  let ref = { ms: Infinity, cpuMs: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const { nodes, requests } = counted(discovered);
    const poller = new DashboardPoller(nodes, { windowSize: 300 });
    for (let i = 0; i < 5; i++) await poller.tick(); // connect lazily, learn the server version
    const before = requests();
    const host = await timeTicks(() => poller.tick());
    const perTick = (requests() - before) / TICKS;
    const bare = await timeTicks(() => Promise.all(discovered.map((n) => Promise.all([n.info(INFO_SECTIONS), n.slowlog(128)]))));
    if (host.ms < best.host) best = { host: host.ms, cpu: host.cpuMs, requests: perTick };
    if (bare.ms < ref.ms) ref = bare;
  }
  const fixed = (n: number): string => n.toFixed(3);
  return [
    `BENCH dashboard-tick nodes=${discovered.length} requests_per_tick=${best.requests.toFixed(2)} host_ms_per_tick=${fixed(best.host)}`,
    `host_cpu_ms_per_tick=${fixed(best.cpu)} ref_ms_per_tick=${fixed(ref.ms)} ref_cpu_ms_per_tick=${fixed(ref.cpuMs)}`,
    `ratio=${(best.host / ref.ms).toFixed(2)} cpu_ratio=${(best.cpu / ref.cpuMs).toFixed(2)}`,
  ].join(' ');
}

export async function run(): Promise<void> {
  const server = await startStandalone();
  const client = new Redis({ host: server.host, port: server.port });
  try {
    console.log(await measure(client, await discoverDashboardNodes(client)));
  } finally {
    client.disconnect();
    await server.stop();
  }

  const cluster = await startCluster({ masters: 3, replicasPerMaster: 1 });
  const clusterClient = new Cluster(cluster.masters);
  try {
    // Replicas appear in CLUSTER SLOTS once they have replicated something: write to every master.
    // Each node learns that through gossip, so ask until the node answering CLUSTER SLOTS lists all.
    for (let i = 0; i < 60; i++) await clusterClient.set(`bench:${i}`, 'x');
    let nodes = await discoverDashboardNodes(clusterClient);
    for (let i = 0; i < 100 && nodes.length < cluster.nodes.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      nodes = await discoverDashboardNodes(clusterClient);
    }
    console.log(await measure(clusterClient, nodes));
  } finally {
    clusterClient.disconnect();
    await cluster.stop();
  }
}
