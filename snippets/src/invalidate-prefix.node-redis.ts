// Cache invalidation by prefix: SCAN + UNLINK in batches, never KEYS (which walks the whole keyspace in one
// blocking call). Keys are read as Buffers so binary keys are deleted too, and on a cluster every master is
// scanned: keys live on many nodes. SCAN is not a snapshot, so keys written meanwhile may survive.
import { RESP_TYPES, type createClient, type createCluster } from 'redis';

type RedisClient = ReturnType<typeof createClient>;
type RedisCluster = ReturnType<typeof createCluster>;

const INVALIDATE_SCAN_COUNT = ${1:500};

/** SCAN MATCH treats * ? [ ] \ as glob syntax: escape them so the prefix matches literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Deletes every key starting with `prefix` and returns how many were removed. */
export async function invalidateByPrefix(
  redis: RedisClient | RedisCluster,
  prefix: string,
  scanCount = INVALIDATE_SCAN_COUNT,
): Promise<number> {
  if (prefix === '') throw new RangeError('refusing to delete every key: the prefix is empty');
  const nodes = 'masters' in redis ? await Promise.all(redis.masters.map((master) => redis.nodeClient(master))) : [redis];
  let removed = 0;
  for (const node of nodes) {
    const binary = node.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    for await (const keys of binary.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: scanCount })) {
      // One UNLINK per key (node-redis pipelines them): on a cluster node a multi-key UNLINK fails when the keys' slots differ.
      const counts = await Promise.all(keys.map((key) => binary.unlink(key)));
      removed += counts.reduce((sum, count) => sum + count, 0);
    }
  }
  return removed;
}
$0
