import type { Cluster, Redis } from 'ioredis';
import { replicaOrMaster } from '../connection/replicaReads';

/**
 * The live, read-only analyses on a Cluster read one replica per master when the caller chose
 * them here (the CLI's `--replica`): each master's replicas from the slot map, the first that
 * {@link replicaOrMaster} finds working (a replica whose link to its master is up), else that
 * master, with one sentence saying why. ioredis connects to replicas with READONLY, so they
 * answer reads of the keys they hold. The walks ask {@link chosenReplicas} for the nodes to read.
 */

const chosen = new WeakMap<Cluster, ReadonlyMap<string, Redis>>();

/** The replica to read instead of each master (by master address), when the caller chose them. */
export function chosenReplicas(cluster: Cluster): ReadonlyMap<string, Redis> | undefined {
  return chosen.get(cluster);
}

function addressOf(node: Redis): string {
  return `${node.options.host}:${node.options.port}`;
}

/**
 * Chooses a replica per master of `cluster` for the analyses that follow; returns one sentence
 * per master read instead, and one saying how many replicas are read. Call once the client is ready.
 */
export async function chooseClusterReplicas(cluster: Cluster): Promise<string[]> {
  const replicasOf = new Map<string, string[]>();
  for (const owners of cluster.slots) {
    const [master, ...replicas] = owners ?? [];
    if (master && !replicasOf.has(master)) replicasOf.set(master, replicas);
  }
  const nodes = new Map(cluster.nodes('all').map((node) => [addressOf(node), node]));
  const picks = new Map<string, Redis>();
  const notes: string[] = [];
  for (const [master, replicas] of [...replicasOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const read = await replicaOrMaster<string>({
      name: master,
      throughTunnel: false,
      replica: () => firstWorkingReplica(replicas, nodes),
      master: () => Promise.resolve(master),
    });
    if (read.fellBack) notes.push(read.readFrom);
    else picks.set(master, read.client as Redis);
  }
  chosen.set(cluster, picks);
  const count = `${picks.size} of ${replicasOf.size} master(s)`;
  return [...notes, `Read from a replica for ${count}${picks.size ? `: ${[...picks.values()].map(addressOf).join(', ')}` : ''}.`];
}

/** The replicas in order, the first one that answers (replicaOrMaster then checks its role and link). */
async function firstWorkingReplica(replicas: readonly string[], nodes: ReadonlyMap<string, Redis>): Promise<Redis> {
  if (replicas.length === 0) throw new Error('the slot map names no replica of it');
  let last: Error | undefined;
  for (const address of replicas) {
    const node = nodes.get(address);
    if (!node) continue;
    // The node's own error (ECONNREFUSED with its address) says more than the PING's "Connection is closed".
    const emitted: unknown[] = [];
    const collect = (error: unknown): void => void emitted.push(error);
    node.on('error', collect);
    try {
      await node.ping();
      return node;
    } catch (error) {
      last = (emitted[0] ?? error) as Error;
    } finally {
      node.off('error', collect);
    }
  }
  throw last ?? new Error('no replica it names is connected');
}
