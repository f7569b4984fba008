// Cache invalidation by prefix: SCAN + UNLINK in batches, never KEYS (which walks the whole keyspace in one
// blocking call). Keys are read as Buffers so binary keys are deleted too, and on a Cluster every master is
// scanned: a SCAN sent through the Cluster client reaches one node only. SCAN is not a snapshot, so keys
// written meanwhile may survive. ioredis' keyPrefix option is not applied to SCAN patterns: pass the full prefix.
import { Cluster, type Redis } from 'ioredis';

const INVALIDATE_SCAN_COUNT = ${1:500};

/** SCAN MATCH treats * ? [ ] \ as glob syntax: escape them so the prefix matches literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Deletes every key starting with `prefix` and returns how many were removed. */
export async function invalidateByPrefix(redis: Redis | Cluster, prefix: string, scanCount = INVALIDATE_SCAN_COUNT): Promise<number> {
  if (prefix === '') throw new RangeError('refusing to delete every key: the prefix is empty');
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  let removed = 0;
  for (const node of nodes) {
    const batches = node.scanBufferStream({ match: `${escapeGlob(prefix)}*`, count: scanCount });
    for await (const keys of batches as AsyncIterable<Buffer[]>) {
      if (keys.length === 0) continue;
      // One UNLINK per key, pipelined: on a cluster node a multi-key UNLINK fails when the keys' slots differ.
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.unlink(key);
      for (const [error, count] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        removed += Number(count);
      }
    }
  }
  return removed;
}
$0
