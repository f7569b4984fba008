// Cache warming: loads a set of ids from the source in batches and writes them with jittered TTLs, so entries
// warmed together do not all expire together. A lock (SET NX PX, token-checked extend and release) lets one
// process warm while the others skip; the lock is extended after every batch and warming stops if it is lost.
import { randomBytes } from 'node:crypto';
import type { Cluster, Redis, Result } from 'ioredis';

const WARM_KEY_PREFIX = '${1:cache:}';
const WARM_TTL_SECONDS = ${2:3600};
const WARM_TTL_JITTER_SECONDS = ${3:300};
const WARM_BATCH_SIZE = ${4:100};
const WARM_LOCK_TTL_MS = ${5:30000};

const EXTEND_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

const RELEASE_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    extendWarmLock(key: string, token: string, ttlMs: number): Result<number, Context>;
    releaseWarmLock(key: string, token: string): Result<number, Context>;
  }
}

/** Loads one batch; ids it leaves out are not cached. */
export type BatchLoader<T> = (ids: string[]) => Promise<Map<string, T>>;

export interface WarmResult {
  /** False when another process held the warming lock (nothing was loaded here). */
  warmedHere: boolean;
  warmed: number;
}

export interface CacheWarmerOptions {
  keyPrefix?: string;
  ttlSeconds?: number;
  jitterSeconds?: number;
  batchSize?: number;
  lockTtlMs?: number;
}

export class CacheWarmer<T> {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;
  private readonly jitterSeconds: number;
  private readonly batchSize: number;
  private readonly lockTtlMs: number;

  constructor(private readonly redis: Redis | Cluster, options: CacheWarmerOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? WARM_KEY_PREFIX;
    this.ttlSeconds = options.ttlSeconds ?? WARM_TTL_SECONDS;
    this.jitterSeconds = options.jitterSeconds ?? WARM_TTL_JITTER_SECONDS;
    this.batchSize = options.batchSize ?? WARM_BATCH_SIZE;
    this.lockTtlMs = options.lockTtlMs ?? WARM_LOCK_TTL_MS;
    redis.defineCommand('extendWarmLock', { numberOfKeys: 1, lua: EXTEND_LOCK_LUA });
    redis.defineCommand('releaseWarmLock', { numberOfKeys: 1, lua: RELEASE_LOCK_LUA });
  }

  /** Warms `ids` under the lock named `job`; returns at once when another process is warming it. */
  async warm(job: string, ids: string[], load: BatchLoader<T>): Promise<WarmResult> {
    const lockKey = `${this.keyPrefix}warm-lock:${job}`;
    const token = randomBytes(16).toString('hex');
    const locked = await this.redis.set(lockKey, token, 'PX', this.lockTtlMs, 'NX');
    if (locked !== 'OK') return { warmedHere: false, warmed: 0 };
    let warmed = 0;
    try {
      for (let start = 0; start < ids.length; start += this.batchSize) {
        const values = await load(ids.slice(start, start + this.batchSize));
        // Written to the socket together without waiting for each reply (a pipeline that, unlike redis.pipeline(),
        // also works on a cluster, where the keys of one batch live in different slots).
        await Promise.all([...values].map(([id, value]) => this.redis.set(this.keyPrefix + id, JSON.stringify(value), 'EX', this.jitteredTtl())));
        warmed += values.size;
        if ((await this.redis.extendWarmLock(lockKey, token, this.lockTtlMs)) !== 1) break; // lock lost: let its new holder go on
      }
    } finally {
      await this.redis.releaseWarmLock(lockKey, token);
    }
    return { warmedHere: true, warmed };
  }

  /** ttlSeconds ± jitterSeconds, uniformly, never below one second. */
  private jitteredTtl(): number {
    return Math.max(1, Math.round(this.ttlSeconds + (Math.random() * 2 - 1) * this.jitterSeconds));
  }
}
$0
