// Cache invalidation by prefix: SCAN + UNLINK in batches, never KEYS (which walks the whole keyspace in one
// blocking call). Keys are read as Buffers so binary keys are deleted too, and on a cluster every master is
// scanned: keys live on many nodes. SCAN is not a snapshot, so keys written meanwhile may survive.
import { commandOptions, type createClient, type createCluster } from 'redis';

type RedisClient = ReturnType<typeof createClient>;
type RedisCluster = ReturnType<typeof createCluster>;

const INVALIDATE_SCAN_COUNT = ${1:500};

/** SCAN MATCH treats * ? [ ] \ as glob syntax: escape them so the prefix matches literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Deletes every key starting with `prefix` on one server and returns how many were removed. */
export async function invalidateByPrefix(client: RedisClient, prefix: string, scanCount = INVALIDATE_SCAN_COUNT): Promise<number> {
  if (prefix === '') throw new RangeError('refusing to delete every key: the prefix is empty');
  // A manual SCAN loop: scanIterator() cannot return keys as Buffers.
  const asBuffers = commandOptions({ returnBuffers: true });
  let removed = 0;
  let cursor = 0;
  do {
    const reply = await client.scan(asBuffers, cursor, { MATCH: `${escapeGlob(prefix)}*`, COUNT: scanCount });
    cursor = reply.cursor;
    // One UNLINK per key (node-redis pipelines them): on a cluster node a multi-key UNLINK fails when the keys' slots differ.
    const counts = await Promise.all(reply.keys.map((key) => client.unlink(key)));
    removed += counts.reduce((sum, count) => sum + count, 0);
  } while (cursor !== 0);
  return removed;
}

/** The same on every master of a cluster. */
export async function invalidateByPrefixOnCluster(cluster: RedisCluster, prefix: string, scanCount = INVALIDATE_SCAN_COUNT): Promise<number> {
  let removed = 0;
  for (const master of cluster.masters) {
    removed += await invalidateByPrefix(await cluster.nodeClient(master), prefix, scanCount);
  }
  return removed;
}
$0
