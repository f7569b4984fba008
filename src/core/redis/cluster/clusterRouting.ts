import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { deadlinesOf, ServerNotAnsweringError } from '../connection/commandDeadline';
import { keySlot } from '../keyspace/keySlot';
import { chosenReplicas } from './clusterReplicaReads';

/**
 * ioredis routes a Cluster command by the key positions it knows. For OBJECT, MEMORY, XINFO and
 * module commands (JSON.GET) it knows none and picks a random node, which answers about a key it
 * does not hold. Those commands go to the master that owns the key's slot instead.
 */
export async function nodeForKey(client: RedisClient, key: Buffer): Promise<Redis> {
  if (!(client instanceof Cluster)) return client;
  const slot = keySlot(key);
  // A Cluster client learns the slot map after connecting; wait for it rather than fail.
  if (!ownerOf(client, slot) && client.status !== 'ready') await whenReady(client);
  const node = ownerOf(client, slot);
  if (!node) throw new Error(`No Cluster node serves slot ${slot}: the slot is unassigned or the slot map is out of date. Check CLUSTER SLOTS, then try again.`);
  return node;
}

function ownerOf(client: Cluster, slot: number): Redis | undefined {
  const owner = client.slots[slot]?.[0];
  return owner ? client.nodes('all').find((n) => `${n.options.host}:${n.options.port}` === owner) : undefined;
}

/** Waits for the slot map, but no longer than one command deadline: a Cluster that keeps reconnecting never ends. */
function whenReady(client: Cluster): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.status === 'end') {
      reject(new Error('The Cluster connection is closed: reconnect and try again.'));
      return;
    }
    const timeoutMs = deadlinesOf(client).commandTimeoutMs;
    const settle = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
    };
    const onReady = (): void => {
      settle();
      resolve();
    };
    const onEnd = (): void => {
      settle();
      reject(new Error('The Cluster connection closed before its slot map was loaded.'));
    };
    const timer = setTimeout(() => {
      settle();
      reject(new ServerNotAnsweringError(timeoutMs));
    }, timeoutMs);
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}

/** The nodes that hold keys: every master of a Cluster, or the client itself. */
export function keyHoldingNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/**
 * Every master that should hold keys, with its connection when there is one: the slot map's
 * owners as well as the connected masters, so a master that died (and left the connection
 * pool) still shows up, without a node, instead of silently missing from a count. A master
 * whose replica was chosen for reads is that replica.
 */
export function keyHoldingTargets(client: RedisClient): { address: string; node?: Redis }[] {
  if (!(client instanceof Cluster)) return [{ address: nodeKey(client), node: client }];
  const live = new Map(client.nodes('master').map((node) => [nodeKey(node), node]));
  const addresses = new Set(live.keys());
  for (const owners of client.slots) if (owners?.[0]) addresses.add(owners[0]);
  // A master whose replica the caller chose to read (clusterReplicaReads) is read there instead.
  const replicas = chosenReplicas(client);
  return [...addresses].sort().map((address) => {
    const replica = replicas?.get(address);
    return replica ? { address: nodeKey(replica), node: replica } : { address, node: live.get(address) };
  });
}

function nodeKey(node: Redis): string {
  return node.options.path ?? `${node.options.host}:${node.options.port}`;
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** `callBuffer` on the node owning `key` (see {@link nodeForKey}). */
export async function callOnKeyNode(client: RedisClient, key: Buffer, command: string, ...args: (string | Buffer)[]): Promise<unknown> {
  return (await nodeForKey(client, key)).callBuffer(command, ...args);
}

/** The server a client is connected to right now (`host:port`): a Sentinel client's master changes on failover. */
export function connectedServer(node: Redis): string | undefined {
  const stream = (node as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  return stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : undefined;
}
