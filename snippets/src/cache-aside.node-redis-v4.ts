// Cache-aside (read-through) with JSON values, TTL jitter, negative caching and stampede protection: in each
// process one load per key at a time (single-flight), across processes only the holder of a short load lock
// calls the source while the others wait for its value.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const CACHE_KEY_PREFIX = '${1:cache:}';
const CACHE_TTL_SECONDS = ${2:300};
const CACHE_MISS_TTL_SECONDS = ${3:30};
/** ±10%: keys written together should not all expire (and reload) together. */
const CACHE_TTL_JITTER = ${4:0.1};
const CACHE_LOAD_LOCK_MS = ${5:5000};
const CACHE_WAIT_POLL_MS = ${6:50};

// Releases the load lock only if it is still ours: it may have expired during a slow load and been taken.
const RELEASE_LOAD_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

// #include lua-script.node-redis

const releaseLoadLockScript = new LuaScript(RELEASE_LOAD_LOCK_LUA);

/** What is stored: a hit carries the value; a miss is remembered too (negative caching). */
type CacheEntry<T> = { hit: true; value: T } | { hit: false };

export interface CacheAsideOptions {
  keyPrefix?: string;
  ttlSeconds?: number;
  missTtlSeconds?: number;
  ttlJitter?: number;
  loadLockMs?: number;
  waitPollMs?: number;
}

export class CacheAside {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;
  private readonly missTtlSeconds: number;
  private readonly ttlJitter: number;
  private readonly loadLockMs: number;
  private readonly waitPollMs: number;

  constructor(private readonly client: RedisClient, options: CacheAsideOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? CACHE_KEY_PREFIX;
    this.ttlSeconds = options.ttlSeconds ?? CACHE_TTL_SECONDS;
    this.missTtlSeconds = options.missTtlSeconds ?? CACHE_MISS_TTL_SECONDS;
    this.ttlJitter = options.ttlJitter ?? CACHE_TTL_JITTER;
    this.loadLockMs = options.loadLockMs ?? CACHE_LOAD_LOCK_MS;
    this.waitPollMs = options.waitPollMs ?? CACHE_WAIT_POLL_MS;
  }

  /** The cached value, or the value `load` returns (undefined: the source has nothing), loaded once per cold key. */
  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = await this.read<T>(key);
    if (cached) return cached.hit ? cached.value : undefined;
    let pending = this.inFlight.get(key) as Promise<T | undefined> | undefined;
    if (!pending) {
      pending = this.loadOnce(key, load).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  async invalidate(key: string): Promise<void> {
    await this.client.unlink(this.keyPrefix + key);
  }

  private async loadOnce<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const lockKey = `loadlock:${this.keyPrefix}${key}`;
    for (;;) {
      const token = randomBytes(16).toString('hex');
      const locked = await this.client.set(lockKey, token, { NX: true, PX: this.loadLockMs });
      if (locked === 'OK') {
        try {
          const cached = await this.read<T>(key); // another process may have finished just before we got the lock
          if (cached) return cached.hit ? cached.value : undefined;
          const value = await load();
          const entry: CacheEntry<T> = value === undefined ? { hit: false } : { hit: true, value };
          await this.client.set(this.keyPrefix + key, JSON.stringify(entry), { EX: this.ttlFor(value !== undefined) });
          return value;
        } finally {
          await releaseLoadLockScript.run(this.client, [lockKey], [token]);
        }
      }
      await sleep(this.waitPollMs);
      const cached = await this.read<T>(key);
      if (cached) return cached.hit ? cached.value : undefined;
    }
  }

  private async read<T>(key: string): Promise<CacheEntry<T> | null> {
    const raw = await this.client.get(this.keyPrefix + key);
    return raw === null ? null : (JSON.parse(raw) as CacheEntry<T>);
  }

  private ttlFor(found: boolean): number {
    const base = found ? this.ttlSeconds : this.missTtlSeconds;
    return Math.max(1, Math.round(base * (1 + (Math.random() * 2 - 1) * this.ttlJitter)));
  }
}
$0
