// Fixed-window rate limiter: INCR and PEXPIRE … NX run in one MULTI, so a crash can never leave the counter
// without a TTL. A subject's window starts with its first request. Needs Redis 7.0+ (EXPIRE … NX).
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const RATE_LIMIT_KEY_PREFIX = '${1:ratelimit:fixed:}';
const RATE_LIMIT_MAX_REQUESTS = ${2:100};
const RATE_LIMIT_WINDOW_MS = ${3:60000};

export interface RateLimitOptions {
  keyPrefix?: string;
  limit?: number;
  windowMs?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window (and the counter) ends. */
  resetInMs: number;
}

export class FixedWindowRateLimiter {
  private readonly keyPrefix: string;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(private readonly client: RedisClient, options: RateLimitOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? RATE_LIMIT_KEY_PREFIX;
    this.limit = options.limit ?? RATE_LIMIT_MAX_REQUESTS;
    this.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
  }

  async hit(subject: string): Promise<RateLimitResult> {
    const key = this.keyPrefix + subject;
    const [count, , ttl] = (await this.client.multi().incr(key).pExpire(key, this.windowMs, 'NX').pTTL(key).exec()) as [number, boolean, number];
    return {
      allowed: count <= this.limit,
      remaining: Math.max(0, this.limit - count),
      resetInMs: Math.max(0, ttl),
    };
  }
}
$0
