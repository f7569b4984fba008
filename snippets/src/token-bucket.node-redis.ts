// Token bucket: bursts up to `capacity`, then `refillPerSecond` tokens per second, enforced atomically in Lua.
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const TOKEN_BUCKET_KEY_PREFIX = '${1:ratelimit:bucket:}';
const TOKEN_BUCKET_CAPACITY = ${2:20};
const TOKEN_BUCKET_REFILL_PER_SECOND = ${3:5};

// One script refills and takes, so concurrent callers can never spend the same token twice. Tokens and the last
// refill time live in one hash that expires once the bucket would be full again (an absent bucket is full).
const TOKEN_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updatedAt')
local tokens = tonumber(state[1]) or capacity
local updatedAt = tonumber(state[2]) or now
if now > updatedAt then
  tokens = math.min(capacity, tokens + (now - updatedAt) * rate / 1000)
  updatedAt = now
end
local allowed = 0
local retryAfterMs = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retryAfterMs = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updatedAt', updatedAt)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate) + 1000)
return {allowed, math.floor(tokens), retryAfterMs}
`;

// #include lua-script.node-redis

const takeTokensScript = new LuaScript(TOKEN_BUCKET_LUA);

export interface TokenBucketOptions {
  keyPrefix?: string;
  capacity?: number;
  refillPerSecond?: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this call. */
  remaining: number;
  /** When rejected: milliseconds until enough tokens have been refilled. */
  retryAfterMs: number;
}

export class TokenBucket {
  private readonly keyPrefix: string;
  private readonly capacity: number;
  private readonly refillPerSecond: number;

  constructor(private readonly client: RedisClient, options: TokenBucketOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? TOKEN_BUCKET_KEY_PREFIX;
    this.capacity = options.capacity ?? TOKEN_BUCKET_CAPACITY;
    this.refillPerSecond = options.refillPerSecond ?? TOKEN_BUCKET_REFILL_PER_SECOND;
    if (!(this.capacity > 0 && this.refillPerSecond > 0)) throw new RangeError('capacity and refillPerSecond must be > 0');
  }

  /** `nowMs` replaces the server clock; pass it only if every caller shares that clock. */
  async take(subject: string, cost = 1, nowMs?: number): Promise<TakeResult> {
    if (!(cost > 0 && cost <= this.capacity)) throw new RangeError(`cost must be in (0, ${this.capacity}]`);
    const reply = await takeTokensScript.run(
      this.client,
      [this.keyPrefix + subject],
      [this.capacity, this.refillPerSecond, cost, nowMs === undefined ? '' : nowMs],
    );
    const [allowed, remaining, retryAfterMs] = reply as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs };
  }
}
$0
