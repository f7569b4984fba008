// Sliding-window log limiter: each allowed request is a sorted-set entry; never more than `limit` in any window.
import { createHash, randomUUID } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const RATE_LIMIT_KEY_PREFIX = '${1:ratelimit:sliding:}';
const RATE_LIMIT_MAX_REQUESTS = ${2:100};
const RATE_LIMIT_WINDOW_MS = ${3:60000};

// One script trims the log, counts and records the hit, so concurrent requests can never all see room.
// The clock is the server's (one clock for every app server) unless the caller passes one.
const SLIDING_WINDOW_LUA = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[4])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}
`;

// #include lua-script.node-redis

const slidingWindowScript = new LuaScript(SLIDING_WINDOW_LUA);

export interface SlidingWindowOptions {
  keyPrefix?: string;
  limit?: number;
  windowMs?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** When rejected: milliseconds until the oldest logged request leaves the window. */
  retryAfterMs: number;
}

export class SlidingWindowRateLimiter {
  private readonly keyPrefix: string;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(private readonly client: RedisClient, options: SlidingWindowOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? RATE_LIMIT_KEY_PREFIX;
    this.limit = options.limit ?? RATE_LIMIT_MAX_REQUESTS;
    this.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new RangeError('limit must be an integer >= 1');
  }

  /** `nowMs` replaces the server clock; pass it only if every caller shares that clock. */
  async hit(subject: string, nowMs?: number): Promise<RateLimitResult> {
    const reply = await slidingWindowScript.run(
      this.client,
      [this.keyPrefix + subject],
      [this.limit, this.windowMs, randomUUID(), nowMs === undefined ? '' : nowMs],
    );
    const [allowed, remaining, retryAfterMs] = reply as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs };
  }
}
$0
