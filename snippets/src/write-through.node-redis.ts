// Write-through and write-behind caching of JSON values.
// - WriteThroughCache writes the source first, then the cache, but only when the source's version is newer
//   than the cached one (Lua): concurrent writers can never leave an older value in the cache.
// - WriteBehindCache writes the cache and a stream entry in one MULTI; a consumer group applies the stream
//   to the source later and acknowledges only after success; entries a dead consumer left pending are
//   reclaimed with XAUTOCLAIM, so no queued write is lost. Its cache keys and stream share the
//   {hash tag} of the stream's name, so the MULTI also runs on Redis Cluster (one slot per write-behind stream).
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const CACHE_KEY_PREFIX = '${1:cache:}';
const CACHE_TTL_SECONDS = ${2:3600};
const WRITE_BEHIND_STREAM = '${3:write-behind}';
const WRITE_BEHIND_GROUP = '${4:cache-writers}';
const WRITE_BEHIND_MAX_LENGTH = ${5:100000};
const WRITE_BEHIND_RECLAIM_IDLE_MS = ${6:60000};
const WRITE_BEHIND_BATCH_SIZE = 100;

const SET_IF_NEWER_LUA = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version'))
if current and current >= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'value', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

// #include lua-script.node-redis

const setIfNewerScript = new LuaScript(SET_IF_NEWER_LUA);

export interface CacheOptions {
  keyPrefix?: string;
  ttlSeconds?: number;
}

export interface VersionedSource<T> {
  /** Persists the value; returns its new version, which grows with every write of the key (e.g. a row version). */
  save(key: string, value: T): Promise<number>;
}

export class WriteThroughCache<T> {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;

  constructor(private readonly client: RedisClient, private readonly source: VersionedSource<T>, options: CacheOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? CACHE_KEY_PREFIX;
    this.ttlSeconds = options.ttlSeconds ?? CACHE_TTL_SECONDS;
  }

  async write(key: string, value: T): Promise<void> {
    const version = await this.source.save(key, value);
    await setIfNewerScript.run(this.client, [this.keyPrefix + key], [version, JSON.stringify(value), this.ttlSeconds]);
  }

  /** The cached value; undefined on a miss (read the source then). */
  async read(key: string): Promise<T | undefined> {
    const json = await this.client.hGet(this.keyPrefix + key, 'value');
    return json === null ? undefined : (JSON.parse(json) as T);
  }
}

// #include stream-entries.node-redis

export interface WriteBehindOptions extends CacheOptions {
  /** The stream's name: its key is `<keyPrefix>{<stream>}`, and the cache keys share that {hash tag}. */
  stream?: string;
  group?: string;
  maxLength?: number;
  reclaimIdleMs?: number;
}

export interface WriteBehindSink<T> {
  /**
   * Stores a queued write. `version` is the stream entry id: delivery is at least once and a reclaimed entry
   * can arrive after a newer one, so ignore a version older than the stored one (see compareStreamIds).
   */
  apply(key: string, value: T, version: string): Promise<void>;
}

export class WriteBehindCache<T> {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;
  private readonly stream: string;
  private readonly group: string;
  private readonly maxLength: number;
  private readonly reclaimIdleMs: number;
  private blocking?: Promise<RedisClient>;

  constructor(private readonly client: RedisClient, options: WriteBehindOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? CACHE_KEY_PREFIX;
    this.ttlSeconds = options.ttlSeconds ?? CACHE_TTL_SECONDS;
    this.stream = `${this.keyPrefix}{${options.stream ?? WRITE_BEHIND_STREAM}}`;
    this.group = options.group ?? WRITE_BEHIND_GROUP;
    this.maxLength = options.maxLength ?? WRITE_BEHIND_MAX_LENGTH;
    this.reclaimIdleMs = options.reclaimIdleMs ?? WRITE_BEHIND_RECLAIM_IDLE_MS;
  }

  /** Updates the cache and queues the write for the source, atomically. */
  async write(key: string, value: T): Promise<void> {
    const json = JSON.stringify(value);
    await this.client
      .multi()
      .set(this.entryKey(key), json, { expiration: { type: 'EX', value: this.ttlSeconds } })
      .xAdd(this.stream, '*', { key, value: json }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength } })
      .exec();
  }

  async read(key: string): Promise<T | undefined> {
    const json = await this.client.get(this.entryKey(key));
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  /** The cache key of `key`: under the stream's {hash tag}, so a write's MULTI touches one slot. */
  private entryKey(key: string): string {
    return `${this.stream}:${key}`;
  }

  /** Creates the consumer group once; an existing group (BUSYGROUP) is fine. */
  async ensureGroup(): Promise<void> {
    try {
      await this.client.xGroupCreate(this.stream, this.group, '0', { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
  }

  /**
   * One round for consumer `consumer`: writes other consumers left pending for reclaimIdleMs, then new ones.
   * Each entry is acknowledged only after the sink stored it. With blockMs > 0 the read waits on a dedicated
   * connection (see close()).
   */
  async processBatch(consumer: string, sink: WriteBehindSink<T>, blockMs = 0): Promise<number> {
    const claimed = await this.client.xAutoClaim(this.stream, this.group, consumer, this.reclaimIdleMs, '0-0', {
      COUNT: WRITE_BEHIND_BATCH_SIZE,
    });
    const applied = await this.applyEntries(toStreamEntries(claimed.messages), sink);
    const newEntries = { key: this.stream, id: '>' };
    const reply =
      blockMs > 0
        ? await (await this.blockingClient()).xReadGroup(this.group, consumer, newEntries, { COUNT: WRITE_BEHIND_BATCH_SIZE, BLOCK: blockMs })
        : await this.client.xReadGroup(this.group, consumer, newEntries, { COUNT: WRITE_BEHIND_BATCH_SIZE });
    return applied + (await this.applyEntries(readGroupEntries(reply), sink));
  }

  /** Closes the dedicated blocking connection (call after the consumer loop ended). */
  async close(): Promise<void> {
    const blocking = await this.blocking;
    this.blocking = undefined;
    if (blocking?.isOpen) await blocking.close();
  }

  /** Blocking reads hold their connection: they run on a dedicated duplicate, so the shared client stays free. */
  private blockingClient(): Promise<RedisClient> {
    this.blocking ??= (async () => {
      const blocking = this.client.duplicate();
      blocking.on('error', (error) => console.error('write-behind: blocking connection error', error));
      await blocking.connect();
      return blocking;
    })();
    return this.blocking;
  }

  private async applyEntries(entries: StreamEntry[], sink: WriteBehindSink<T>): Promise<number> {
    for (const { id, fields } of entries) {
      await sink.apply(fields.key, JSON.parse(fields.value) as T, id);
      await this.client.xAck(this.stream, this.group, id);
    }
    return entries.length;
  }
}

/** Orders stream entry ids ("<ms>-<seq>"): negative when a is older than b. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}
$0
