import type { ClientFamily, ClientKind } from '../extract/facts';

/** The package a module specifier belongs to, if it is a Redis client package. */
export function clientFamilyOf(specifier: string): ClientFamily | undefined {
  if (specifier === 'ioredis' || specifier === 'iovalkey') return 'ioredis';
  if (specifier === 'redis' || specifier === '@redis/client' || specifier.startsWith('@redis/client/')) return 'node-redis';
  // @vercel/kv wraps @upstash/redis: the same REST client (`kv`, `createClient`, `VercelKV`).
  if (specifier === '@upstash/redis' || specifier.startsWith('@upstash/redis/') || specifier === '@vercel/kv') return 'upstash';
  // Bun's built-in client (`import { RedisClient, redis } from 'bun'`, or the `Bun` global).
  if (specifier === 'bun') return 'bun';
  // Valkey GLIDE (`GlideClient.createClient(…)`, `GlideClusterClient.createClient(…)`).
  if (specifier === '@valkey/valkey-glide') return 'glide';
  return undefined;
}

/** What Bun's module exports besides its Redis client (`serve`, `file`, …) is no client of ours. */
const BUN_CLIENT_EXPORTS = new Set(['RedisClient', 'redis', 'module', 'default']);

/** The family of an import of `exportName` from a package of `family` (null: that export is nothing Redis). */
export function familyOfExport(family: ClientFamily | null, exportName: string): ClientFamily | null {
  return family === 'bun' && !BUN_CLIENT_EXPORTS.has(exportName) ? null : family;
}

/** Matches any client package specifier inside quotes (a cheap pre-filter for imports). */
export const CLIENT_SPECIFIER_RE = /(['"`])(?:ioredis|iovalkey|redis|@redis\/client(?:\/[^'"`]*)?|@upstash\/redis(?:\/[^'"`]*)?|@vercel\/kv|bun|@valkey\/valkey-glide)\1/g;

const standalone = (family: ClientFamily): ClientKind => ({ family, topology: 'standalone' });

/** What `new X(…)` creates when X is this export of the package ("module" = the package itself). */
export function constructedKind(family: ClientFamily, exportName: string): ClientKind | undefined {
  if (family === 'ioredis') {
    // ioredis: module.exports is the Redis class, with .default, .Redis and .Cluster on it.
    if (exportName === 'module' || exportName === 'default' || exportName === 'Redis') return standalone(family);
    if (exportName === 'Cluster') return { family, topology: 'cluster' };
  }
  if (family === 'upstash' && (exportName === 'Redis' || exportName === 'VercelKV')) return standalone(family);
  if (family === 'bun' && exportName === 'RedisClient') return standalone(family);
  return undefined;
}

/** An export that is a ready client object itself (@vercel/kv's `kv`, also its default export; Bun's `redis`). */
export function instanceKind(family: ClientFamily, exportName: string): ClientKind | undefined {
  if (family === 'bun') return exportName === 'redis' ? standalone(family) : undefined;
  return family === 'upstash' && (exportName === 'kv' || exportName === 'default') ? standalone(family) : undefined;
}

/** What calling this export returns (`createClient()` etc.). */
export function factoryKind(family: ClientFamily, exportName: string): ClientKind | undefined {
  if (family === 'node-redis') {
    if (exportName === 'createClient') return standalone(family);
    if (exportName === 'createCluster') return { family, topology: 'cluster' };
    if (exportName === 'createClientPool') return { family, topology: 'pool' };
    if (exportName === 'createSentinel') return { family, topology: 'sentinel' };
  }
  if (family === 'upstash' && exportName === 'createClient') return standalone(family);
  return undefined;
}

/** Static factories on a class export (`Redis.fromEnv()` in upstash, `GlideClient.createClient(…)`). */
export function staticFactoryKind(family: ClientFamily, exportName: string, method: string): ClientKind | undefined {
  if (family === 'upstash' && exportName === 'Redis' && method === 'fromEnv') return standalone(family);
  if (family === 'glide' && method === 'createClient') return typeKind(family, exportName);
  return undefined;
}

/** The client a type annotation names (`Redis`, `Cluster`, `RedisClientType`, …). */
export function typeKind(family: ClientFamily, exportName: string): ClientKind | undefined {
  if (family === 'ioredis') return constructedKind(family, exportName);
  if (family === 'upstash') return exportName === 'Redis' || exportName === 'VercelKV' ? standalone(family) : undefined;
  if (family === 'bun') return constructedKind(family, exportName);
  if (family === 'glide') return exportName === 'GlideClient' ? standalone(family) : exportName === 'GlideClusterClient' ? { family, topology: 'cluster' } : undefined;
  switch (exportName) {
    case 'RedisClientType':
    case 'RedisClient': // node-redis v2/v3's client class (@types/redis)
      return standalone(family);
    case 'RedisClusterType':
      return { family, topology: 'cluster' };
    case 'RedisClientPoolType':
      return { family, topology: 'pool' };
    case 'RedisSentinelType':
      return { family, topology: 'sentinel' };
    default:
      return undefined;
  }
}

/** Methods that return the same client (or a client of the same kind). */
export const SAME_CLIENT_METHODS = new Set(['duplicate', 'on', 'once', 'addListener', 'prependListener', 'connect', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal']);

/** Methods that start a batch whose commands are queued. */
export const BATCH_METHODS: Record<string, 'pipeline' | 'multi'> = {
  pipeline: 'pipeline',
  multi: 'multi',
  multiExecutor: 'multi',
};

/**
 * What a cluster client does itself that Redis Cluster does not (Valkey GLIDE): it routes key-less KEYS/SCAN to every
 * primary (so they see the whole keyspace), and splits multi-key commands of these kinds by hash slot.
 */
export function coversWholeCluster(kind: ClientKind | null | undefined): boolean {
  return kind?.family === 'glide';
}

const SPLIT_BY_SLOT = new Set(['mget', 'mset', 'del', 'unlink', 'exists', 'touch']);

export function splitsBySlot(kind: ClientKind | null | undefined, command: string): boolean {
  return kind?.family === 'glide' && SPLIT_BY_SLOT.has(command);
}
