import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './clientFactory';
import { keySlot } from './keySlot';

/**
 * ioredis routes a Cluster command by the key positions it knows. For OBJECT, MEMORY, XINFO and
 * module commands (JSON.GET) it knows none and picks a random node, which answers about a key it
 * does not hold. Those commands go to the master that owns the key's slot instead.
 */
export function nodeForKey(client: RedisClient, key: Buffer): Redis {
  if (!(client instanceof Cluster)) return client;
  const slot = keySlot(key);
  const owner = client.slots[slot]?.[0];
  const node = owner ? client.nodes('all').find((n) => `${n.options.host}:${n.options.port}` === owner) : undefined;
  if (!node) throw new Error(`No Cluster node is known for slot ${slot} yet; the slot map is still loading or the slot is unassigned. Try again in a moment.`);
  return node;
}

/** The nodes that hold keys: every master of a Cluster, or the client itself. */
export function keyHoldingNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}
