import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { DashboardNode } from './dashboardPoller';
import { parseClusterNodes, parseSentinelReplicas, type ListedNode } from './dashboardTopology';

/**
 * Dashboard nodes over ioredis clients: for a standalone server, the server; for Sentinel, the
 * master it follows and every replica the Sentinels list; for a Cluster, every master and replica
 * in CLUSTER NODES. SLOWLOG goes through `callBuffer` so that binary arguments reach the parser as
 * the bytes the server logged. Nodes the connection's clients do not cover get a client of their
 * own, released by the node's `close()`.
 */
export async function discoverDashboardNodes(client: Redis | Cluster, fallbackId = 'server'): Promise<DashboardNode[]> {
  if (client instanceof Cluster) return clusterNodes(client, fallbackId);
  const id = addressOf(client) ?? fallbackId;
  const followed = dashboardNode(client, id, id);
  const { sentinels, name } = client.options;
  if (!sentinels?.length || !name) return [followed];
  return [followed, ...(await sentinelReplicaNodes(client.options, name))];
}

export function dashboardNode(client: Redis, id: string, label: string, close?: () => void): DashboardNode {
  // Cluster node clients connect lazily, and without an offline queue their first command would fail.
  let connecting: Promise<void> | undefined;
  const ready = async (): Promise<Redis> => {
    if (client.status === 'wait') connecting ??= client.connect().finally(() => (connecting = undefined));
    if (connecting) await connecting;
    return client;
  };
  return {
    id,
    label,
    info: async (sections) => String(await (await ready()).call('INFO', ...sections)),
    slowlog: async (count) => (await ready()).callBuffer('SLOWLOG', 'GET', String(count)),
    configGet: async (pattern) => (await ready()).call('CONFIG', 'GET', pattern),
    slowlogReset: async () => {
      await (await ready()).call('SLOWLOG', 'RESET');
    },
    ...(close ? { close } : {}),
  };
}

/**
 * Every node in CLUSTER NODES. The client's slot map comes from CLUSTER SLOTS, which lists a
 * replica only once it has replicated something, so a replica that is still syncing (or was added
 * after connecting) would be missing until a reconnect.
 */
async function clusterNodes(client: Cluster, fallbackId: string): Promise<DashboardNode[]> {
  const listed = parseClusterNodes(String(await client.call('CLUSTER', 'NODES')));
  const pooled = new Map(client.nodes('all').map((node) => [addressOf(node) ?? fallbackId, node]));
  return listed.map((node) => {
    const { host, port } = mapAddress(client.options.natMap, node);
    const id = `${host}:${port}`;
    const label = `${id} (${node.role})`;
    const pooledClient = pooled.get(id);
    if (pooledClient) return dashboardNode(pooledClient, id, label);
    const own = ownClient({ ...client.options.redisOptions, host, port });
    return dashboardNode(own, id, label, () => own.disconnect());
  });
}

/** The replicas the Sentinels list for the followed master, each on a client of its own. */
async function sentinelReplicaNodes(options: RedisOptions, name: string): Promise<DashboardNode[]> {
  const replicas = parseSentinelReplicas(await askSentinels(options, name));
  return replicas.map((replica) => {
    const { host, port } = mapAddress(options.natMap, replica);
    const id = `${host}:${port}`;
    const own = ownClient({
      ...nodeConnectorOf(options),
      host,
      port,
      username: options.username,
      password: options.password,
      tls: options.enableTLSForSentinelMode ? options.tls : undefined,
      connectTimeout: options.connectTimeout,
    });
    return dashboardNode(own, id, `${id} (replica)`, () => own.disconnect());
  });
}

/** `SENTINEL REPLICAS <name>` of the first Sentinel that answers (`SLAVES` before Redis 5). */
async function askSentinels(options: RedisOptions, name: string): Promise<unknown> {
  const reasons: string[] = [];
  for (const sentinel of options.sentinels ?? []) {
    // A short question to one Sentinel per re-discovery (every 30 s), closed at once: a long-lived
    // Sentinel connection per dashboard would cost more than it saves.
    // redis-specialist-disable-next-line client-per-call
    const connection = new Redis({
      ...nodeConnectorOf(options),
      host: sentinel.host,
      port: sentinel.port ?? 26379,
      username: options.sentinelUsername,
      password: options.sentinelPassword,
      tls: options.sentinelTLS,
      connectTimeout: options.connectTimeout,
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    connection.on('error', () => undefined);
    try {
      await connection.connect();
      return await connection.call('SENTINEL', 'REPLICAS', name).catch(() => connection.call('SENTINEL', 'SLAVES', name));
    } catch (error) {
      reasons.push(`${sentinel.host}:${sentinel.port ?? 26379}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      connection.disconnect();
    }
  }
  throw new Error(`No Sentinel listed the replicas of "${name}" (${reasons.join('; ')}).`);
}

/**
 * How the connection reaches a single node: through its SSH tunnel when it has one (a Sentinel
 * connector routed through SSH carries the matching single-node connector), else directly.
 */
function nodeConnectorOf(options: RedisOptions): Pick<RedisOptions, 'Connector'> {
  const nodeConnector = (options.Connector as { nodeConnector?: RedisOptions['Connector'] } | undefined)?.nodeConnector;
  return nodeConnector ? { Connector: nodeConnector } : {};
}

/** A client for one node the connection's own clients do not reach; it reconnects on its own. */
function ownClient(options: RedisOptions): Redis {
  const client = new Redis({ ...options, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  // Failures surface as rejected commands in the poller; an unhandled 'error' event would crash.
  client.on('error', () => undefined);
  return client;
}

/** The address a client must use for a node the server announced, as ioredis' `natMap` says. */
function mapAddress(natMap: RedisOptions['natMap'], node: ListedNode): { host: string; port: number } {
  const key = `${node.host}:${node.port}`;
  const mapped = typeof natMap === 'function' ? natMap(key) : natMap?.[key];
  return mapped ?? { host: node.host, port: node.port };
}

/** host:port as configured; for Sentinel clients (their master is discovered) the group name. */
function addressOf(client: Redis): string | undefined {
  const { host, port, path, sentinels, name } = client.options;
  if (sentinels?.length) return name ? `sentinel master ${name}` : undefined;
  if (path) return path;
  return host !== undefined && port !== undefined ? `${host}:${port}` : undefined;
}
