import { Cluster, type Redis } from 'ioredis';
import type { DashboardNode } from './dashboardPoller';

/**
 * Dashboard nodes over ioredis clients: one for a standalone or Sentinel connection (the master
 * it follows), one per master and replica of a Cluster. SLOWLOG goes through `callBuffer` so that
 * binary arguments reach the parser as the bytes the server logged.
 */
export async function discoverDashboardNodes(client: Redis | Cluster, fallbackId = 'server'): Promise<DashboardNode[]> {
  if (!(client instanceof Cluster)) {
    const id = addressOf(client) ?? fallbackId;
    return [dashboardNode(client, id, id)];
  }
  // The slot map read at connect time may predate the replicas: CLUSTER SLOTS lists a replica
  // only once it has replicated something.
  await new Promise<void>((resolve) => client.refreshSlotsCache(() => resolve()));
  const masters = new Set(client.nodes('master'));
  return client.nodes('all').map((node) => {
    const id = addressOf(node) ?? fallbackId;
    return dashboardNode(node, id, `${id} (${masters.has(node) ? 'master' : 'replica'})`);
  });
}

export function dashboardNode(client: Redis, id: string, label: string): DashboardNode {
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
  };
}

/** host:port as configured; for Sentinel clients (their master is discovered) the group name. */
function addressOf(client: Redis): string | undefined {
  const { host, port, path, sentinels, name } = client.options;
  if (sentinels?.length) return name ? `sentinel master ${name}` : undefined;
  if (path) return path;
  return host !== undefined && port !== undefined ? `${host}:${port}` : undefined;
}
