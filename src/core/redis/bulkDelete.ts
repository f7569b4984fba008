import type { Redis } from 'ioredis';
import type { RedisClient } from './clientFactory';
import { isCluster, keyHoldingNodes } from './clusterRouting';
import { keySlot } from './keySlot';
import type { WriteGuard } from './writeGuard';

/**
 * "Delete keys matching…": count first, then delete, both with SCAN (never KEYS, which blocks
 * the server) on every node that holds keys — each master of a Cluster. Deletion uses UNLINK
 * (memory freed in the background) in batches; in a Cluster a multi-key UNLINK only takes keys
 * of one slot, so each batch is split by slot. Both steps stop between batches when cancelled.
 */

export interface CountOptions {
  signal?: AbortSignal;
  onProgress?: (counted: number) => void;
  /** How many matching keys to return for the confirmation dialog. */
  sampleSize?: number;
  /** SCAN COUNT hint per call. */
  scanCount?: number;
}

export interface CountResult {
  count: number;
  /** False when the count passed the de-duplication limit and SCAN's rare repeats may be included. */
  exact: boolean;
  sample: Buffer[];
  cancelled: boolean;
}

export interface DeleteOptions {
  signal?: AbortSignal;
  onProgress?: (deleted: number) => void;
  scanCount?: number;
}

export interface DeleteResult {
  deleted: number;
  cancelled: boolean;
}

const DEFAULT_SCAN_COUNT = 1000;
/** SCAN may return a key twice; remembering up to this many keys makes the count exact. */
const DEDUPE_LIMIT = 1_000_000;

export async function countMatchingKeys(client: RedisClient, pattern: Buffer | string, options: CountOptions = {}): Promise<CountResult> {
  assertPattern(pattern);
  const sampleSize = options.sampleSize ?? 20;
  const seen = new Set<string>();
  const sample: Buffer[] = [];
  let count = 0;
  let exact = true;
  const cancelled = await scanEveryNode(client, pattern, options, (_node, keys) => {
    for (const key of keys) {
      if (exact) {
        const id = key.toString('latin1');
        if (seen.has(id)) continue;
        if (seen.size < DEDUPE_LIMIT) seen.add(id);
        else exact = false;
      }
      count++;
      if (sample.length < sampleSize) sample.push(key);
    }
    options.onProgress?.(count);
    return Promise.resolve();
  });
  return { count, exact, sample, cancelled };
}

export async function deleteMatchingKeys(client: RedisClient, pattern: Buffer | string, guard: WriteGuard, options: DeleteOptions = {}): Promise<DeleteResult> {
  guard('UNLINK');
  assertPattern(pattern);
  let deleted = 0;
  const cluster = isCluster(client);
  const cancelled = await scanEveryNode(client, pattern, options, async (node, keys) => {
    // Await first: `deleted += await …` would read `deleted` before the other nodes' walks update it.
    const removed = cluster ? await unlinkBySlot(client, node, keys) : await unlink(node, keys);
    deleted += removed;
    options.onProgress?.(deleted);
  });
  return { deleted, cancelled };
}

/** Runs SCAN MATCH on every key-holding node in parallel; resolves true when cancelled. */
async function scanEveryNode(
  client: RedisClient,
  pattern: Buffer | string,
  options: { signal?: AbortSignal; scanCount?: number },
  onBatch: (node: Redis, keys: Buffer[]) => Promise<void>,
): Promise<boolean> {
  const count = String(options.scanCount ?? DEFAULT_SCAN_COUNT);
  const walks = keyHoldingNodes(client).map(async (node) => {
    let cursor = '0';
    do {
      if (options.signal?.aborted) return;
      const [next, keys] = (await node.callBuffer('SCAN', cursor, 'MATCH', pattern, 'COUNT', count)) as [Buffer, Buffer[]];
      cursor = next.toString();
      if (keys.length > 0 && !options.signal?.aborted) await onBatch(node, keys);
    } while (cursor !== '0');
  });
  await Promise.all(walks);
  return options.signal?.aborted ?? false;
}

async function unlink(node: Redis, keys: Buffer[]): Promise<number> {
  return Number(await node.callBuffer('UNLINK', ...keys));
}

/** One UNLINK per slot, pipelined to the node that returned the keys; a moved slot falls back to the Cluster client. */
async function unlinkBySlot(client: RedisClient, node: Redis, keys: Buffer[]): Promise<number> {
  const bySlot = new Map<number, Buffer[]>();
  for (const key of keys) {
    const slot = keySlot(key);
    const group = bySlot.get(slot);
    if (group) group.push(key);
    else bySlot.set(slot, [key]);
  }
  const pipeline = node.pipeline();
  for (const group of bySlot.values()) pipeline.callBuffer('UNLINK', ...group);
  const replies = (await pipeline.exec()) ?? [];
  let deleted = 0;
  const groups = [...bySlot.values()];
  for (let i = 0; i < groups.length; i++) {
    const [error, reply] = replies[i] ?? [new Error('no reply')];
    if (!error) {
      deleted += Number(reply);
      continue;
    }
    for (const key of groups[i]) {
      const removed = Number(await client.callBuffer('UNLINK', key));
      deleted += removed;
    }
  }
  return deleted;
}

function assertPattern(pattern: Buffer | string): void {
  if (pattern.length === 0) throw new RangeError('Enter a key pattern, such as session:* — an empty pattern matches nothing.');
}
