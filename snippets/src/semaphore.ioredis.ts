// Fair distributed semaphore: at most `limit` holders at once, permits handed out in arrival order, and leases
// that expire so a crashed holder frees its permit. One Lua script on four keys sharing a {hash tag} (so it also
// runs on Cluster): holders (token → lease end), the line of waiters (token → ticket), each waiter's deadline
// (a waiter that stops polling loses its place) and the ticket counter. Server clock (TIME) throughout.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, Redis, Result } from 'ioredis';

const SEMAPHORE_KEY_PREFIX = '${1:semaphore:}';
const SEMAPHORE_LIMIT = ${2:5};
const SEMAPHORE_LEASE_MS = ${3:30000};
const SEMAPHORE_POLL_MS = ${4:50};
const SEMAPHORE_QUEUE_LEASE_MS = 2000;

// KEYS: holders, waiters, waiter deadlines, ticket counter. ARGV: token, limit, leaseMs, queueLeaseMs, idle TTL.
const ACQUIRE_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local token, limit = ARGV[1], tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1000)
if #gone > 0 then
  redis.call('ZREM', KEYS[2], unpack(gone))
  redis.call('ZREM', KEYS[3], unpack(gone))
end
local acquired = 0
if redis.call('ZSCORE', KEYS[1], token) then
  acquired = 1
else
  if not redis.call('ZSCORE', KEYS[2], token) then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), token)
  end
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), token)
  -- First come, first served: only the first (free permits) waiters in line may take one.
  if redis.call('ZRANK', KEYS[2], token) < limit - redis.call('ZCARD', KEYS[1]) then
    redis.call('ZREM', KEYS[2], token)
    redis.call('ZREM', KEYS[3], token)
    acquired = 1
  end
end
if acquired == 1 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), token)
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ARGV[5])
end
return acquired
`;

// Frees a permit, or leaves the line. KEYS: holders, waiters, waiter deadlines. Returns 1 when a permit was held.
const RELEASE_LUA = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    acquirePermit(...keysThenArgs: (string | number)[]): Result<number, Context>;
    releasePermit(holders: string, waiters: string, deadlines: string, token: string): Result<number, Context>;
  }
}

export interface Permit {
  readonly token: string;
}

export class SemaphoreTimeoutError extends Error {}

export interface SemaphoreOptions {
  keyPrefix?: string;
  limit?: number;
  /** A holder that neither releases nor finishes within this long loses its permit. */
  leaseMs?: number;
  pollMs?: number;
}

export class Semaphore {
  private readonly keys: string[];
  private readonly limit: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly redis: Redis | Cluster, name: string, options: SemaphoreOptions = {}) {
    const base = `${options.keyPrefix ?? SEMAPHORE_KEY_PREFIX}{${name}}`;
    this.keys = [`${base}:holders`, `${base}:waiters`, `${base}:waiter-deadlines`, `${base}:tickets`];
    this.limit = options.limit ?? SEMAPHORE_LIMIT;
    this.leaseMs = options.leaseMs ?? SEMAPHORE_LEASE_MS;
    this.pollMs = options.pollMs ?? SEMAPHORE_POLL_MS;
    redis.defineCommand('acquirePermit', { numberOfKeys: 4, lua: ACQUIRE_LUA });
    redis.defineCommand('releasePermit', { numberOfKeys: 3, lua: RELEASE_LUA });
  }

  /** Waits in line up to timeoutMs for a permit; throws SemaphoreTimeoutError (and leaves the line) when none came. */
  async acquire(timeoutMs: number): Promise<Permit> {
    const permit = { token: randomBytes(16).toString('hex') };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.attempt(permit)) return permit;
      if (Date.now() >= deadline) break;
      await sleep(this.pollMs);
    }
    await this.release(permit);
    throw new SemaphoreTimeoutError(`no permit within ${timeoutMs} ms`);
  }

  /** False when the permit had expired (another process may have got it meanwhile). */
  async release(permit: Permit): Promise<boolean> {
    const [holders, waiters, deadlines] = this.keys;
    return (await this.redis.releasePermit(holders, waiters, deadlines, permit.token)) === 1;
  }

  /** Runs fn holding a permit and always releases it. Keep fn shorter than the lease. */
  async withPermit<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    const permit = await this.acquire(timeoutMs);
    try {
      return await fn();
    } finally {
      await this.release(permit);
    }
  }

  private async attempt(permit: Permit): Promise<boolean> {
    const queueLeaseMs = Math.max(SEMAPHORE_QUEUE_LEASE_MS, this.pollMs * 10);
    const idleTtlMs = 2 * Math.max(this.leaseMs, queueLeaseMs);
    const args = [permit.token, this.limit, this.leaseMs, queueLeaseMs, idleTtlMs];
    return (await this.redis.acquirePermit(...this.keys, ...args)) === 1;
  }
}
$0
