// Distributed lock on one Redis primary: SET NX PX with a random token; release and extend check the token in Lua.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const LOCK_KEY_PREFIX = '${1:lock:}';
const LOCK_TTL_MS = ${2:10000};
const LOCK_RETRY_COUNT = ${3:50};
const LOCK_RETRY_DELAY_MS = ${4:100};

// Only the holder of the token may delete or extend: a plain DEL could free a lock that expired and was
// taken by another process in the meantime.
const RELEASE_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const EXTEND_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

// #include lua-script.node-redis

const releaseLockScript = new LuaScript(RELEASE_LOCK_LUA);
const extendLockScript = new LuaScript(EXTEND_LOCK_LUA);

export interface LockOptions {
  keyPrefix?: string;
  ttlMs?: number;
  retryCount?: number;
  retryDelayMs?: number;
}

export interface Lock {
  readonly key: string;
  readonly token: string;
}

export class LockNotAcquiredError extends Error {}

export class RedisLock {
  private readonly keyPrefix: string;
  private readonly ttlMs: number;
  private readonly retryCount: number;
  private readonly retryDelayMs: number;

  constructor(private readonly client: RedisClient, options: LockOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? LOCK_KEY_PREFIX;
    this.ttlMs = options.ttlMs ?? LOCK_TTL_MS;
    this.retryCount = options.retryCount ?? LOCK_RETRY_COUNT;
    this.retryDelayMs = options.retryDelayMs ?? LOCK_RETRY_DELAY_MS;
  }

  /** One attempt; null when another process holds the lock. */
  async tryAcquire(resource: string): Promise<Lock | null> {
    const key = this.keyPrefix + resource;
    const token = randomBytes(16).toString('hex');
    const reply = await this.client.set(key, token, { NX: true, PX: this.ttlMs });
    return reply === 'OK' ? { key, token } : null;
  }

  /** Retries with jitter so that waiting processes do not retry in lock-step. */
  async acquire(resource: string): Promise<Lock> {
    for (let attempt = 0; attempt <= this.retryCount; attempt++) {
      const lock = await this.tryAcquire(resource);
      if (lock) return lock;
      if (attempt < this.retryCount) await sleep(this.retryDelayMs * (0.5 + Math.random()));
    }
    throw new LockNotAcquiredError(`lock "${resource}" is held by another process`);
  }

  /** False when the lock had already expired: another holder may have run in the meantime. */
  async release(lock: Lock): Promise<boolean> {
    return (await releaseLockScript.run(this.client, [lock.key], [lock.token])) === 1;
  }

  /** Pushes the expiry out; false when the lock is no longer ours. */
  async extend(lock: Lock, ttlMs: number = this.ttlMs): Promise<boolean> {
    return (await extendLockScript.run(this.client, [lock.key], [lock.token, ttlMs])) === 1;
  }

  /** Runs fn while holding the lock and always releases it. Keep fn shorter than the TTL, or extend(). */
  async withLock<T>(resource: string, fn: (lock: Lock) => Promise<T>): Promise<T> {
    const lock = await this.acquire(resource);
    try {
      return await fn(lock);
    } finally {
      await this.release(lock);
    }
  }
}
$0
