import { Cluster, type ChainableCommander } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { isNotAnswering } from '../connection/commandDeadline';
import { keySlot } from './keySlot';

/**
 * Type, TTL and (optionally) memory of the keys a tree is showing: one pipelined round trip per
 * node for the whole batch instead of two or three round trips per key. On a Cluster the batch
 * is split by the master that owns each key's slot, each group being one pipeline.
 */

export interface KeyMetadata {
  key: Buffer;
  /** `string`, `hash`…, a module type name, or `none` when the key vanished since it was listed. */
  type: string;
  /** Milliseconds left; `null` for a key without expiry (or a missing key). */
  ttlMs: number | null;
  /** `MEMORY USAGE` in bytes, when asked for and allowed. */
  memoryBytes?: number;
  /** Why this key's metadata could not be read (the rest of the batch is still filled in). */
  error?: string;
}

export interface MetadataOptions {
  /** Also fetch MEMORY USAGE (costs a little per key; `SAMPLES 0` would scan whole collections, so the default sampling is kept). */
  memory?: boolean;
}

export async function fetchKeyMetadata(client: RedisClient, keys: readonly Buffer[], options: MetadataOptions = {}): Promise<KeyMetadata[]> {
  const results = new Array<KeyMetadata>(keys.length);
  await Promise.all(groupByNode(client, keys).map((indexes) => fetchGroup(client, keys, indexes, options, results)));
  return results;
}

async function fetchGroup(client: RedisClient, keys: readonly Buffer[], indexes: number[], options: MetadataOptions, results: KeyMetadata[]): Promise<void> {
  const pipeline: ChainableCommander = client.pipeline();
  for (const i of indexes) {
    pipeline.type(keys[i]);
    pipeline.pttl(keys[i]);
    if (options.memory) pipeline.call('MEMORY', 'USAGE', keys[i]);
  }
  const replies = (await pipeline.exec()) ?? [];
  // A server that does not answer fails the whole batch, not key by key.
  const silent = replies.find(([error]) => isNotAnswering(error))?.[0];
  if (silent) throw silent;
  const perKey = options.memory ? 3 : 2;
  indexes.forEach((keyIndex, n) => {
    const [typeReply, ttlReply, memoryReply] = replies.slice(n * perKey, n * perKey + perKey);
    const key = keys[keyIndex];
    const error = typeReply?.[0] ?? ttlReply?.[0];
    if (error) {
      results[keyIndex] = { key, type: 'unknown', ttlMs: null, error: error.message };
      return;
    }
    const ttl = Number(ttlReply?.[1]);
    const entry: KeyMetadata = { key, type: String(typeReply?.[1]), ttlMs: ttl >= 0 ? ttl : null };
    // MEMORY may be refused by ACL or disabled on a managed service: the type and TTL still count.
    if (memoryReply && !memoryReply[0] && memoryReply[1] !== null) entry.memoryBytes = Number(memoryReply[1]);
    results[keyIndex] = entry;
  });
}

/** Key indexes grouped by the node that serves them (one group for a single server). */
function groupByNode(client: RedisClient, keys: readonly Buffer[]): number[][] {
  if (!(client instanceof Cluster)) return keys.length ? [keys.map((_, i) => i)] : [];
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    // ioredis accepts one pipeline per slot owner; an unknown slot gets its own group and ioredis routes it.
    const slot = keySlot(key);
    const owner = client.slots[slot]?.[0] ?? `slot ${slot}`;
    const group = groups.get(owner);
    if (group) group.push(i);
    else groups.set(owner, [i]);
  });
  return [...groups.values()];
}

/**
 * A TTL for people: "no TTL", "42s", "3m 5s", "3h 5m", "2d 4h" (two most significant units,
 * rounded down, so a key never looks longer-lived than it is). Missing keys read "expired".
 */
export function formatTtl(ttlMs: number | null | undefined): string {
  if (ttlMs === null || ttlMs === undefined || ttlMs === -1) return 'no TTL';
  if (ttlMs === -2 || ttlMs < 0) return 'expired';
  if (ttlMs < 1000) return `${Math.floor(ttlMs)}ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const first = units.findIndex(([, size]) => ttlMs >= size);
  const [bigName, bigSize] = units[first];
  const big = Math.floor(ttlMs / bigSize);
  const next = units[first + 1];
  if (!next) return `${big}${bigName}`;
  const small = Math.floor((ttlMs - big * bigSize) / next[1]);
  return small > 0 ? `${big}${bigName} ${small}${next[0]}` : `${big}${bigName}`;
}

/** "512 B", "1.5 KiB", "12 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
