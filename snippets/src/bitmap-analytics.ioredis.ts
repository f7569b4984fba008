// Bitmap analytics: one bitmap per day, bit n = user n was active (SETBIT). BITCOUNT counts a day; BITOP OR over
// several days counts a week or month; BITOP AND counts who came back (retention cohorts). Combined bitmaps are
// written to keys with a TTL so repeated reports reuse them briefly. User ids must be dense integers: a bitmap is
// as large as the highest id / 8 bytes. Every key of one metric shares a {hash tag}, so BITOP also works on Cluster.
import type { Cluster, Redis, Result } from 'ioredis';

const BITMAP_KEY_PREFIX = '${1:active:}';
const BITMAP_DAY_TTL_SECONDS = ${2:7776000};
const BITMAP_REPORT_TTL_SECONDS = ${3:3600};

// The TTL is set when the day's bitmap is created, so a day expires a fixed time after it started.
const MARK_ACTIVE_LUA = `
local previous = redis.call('SETBIT', KEYS[1], ARGV[1], 1)
if redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return previous
`;

// KEYS[1] = destination, the rest = sources. ARGV: OR | AND, TTL of the destination.
const COMBINE_LUA = `
redis.call('BITOP', ARGV[1], KEYS[1], unpack(KEYS, 2))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return redis.call('BITCOUNT', KEYS[1])
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    markActive(key: string, userId: number, ttlSeconds: number): Result<number, Context>;
    combineBitmaps(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Result<number, Context>;
  }
}

export interface ActivityBitmapsOptions {
  keyPrefix?: string;
  dayTtlSeconds?: number;
  reportTtlSeconds?: number;
}

export class ActivityBitmaps {
  private readonly keyPrefix: string;
  private readonly dayTtlSeconds: number;
  private readonly reportTtlSeconds: number;

  constructor(private readonly redis: Redis | Cluster, private readonly metric: string, options: ActivityBitmapsOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? BITMAP_KEY_PREFIX;
    this.dayTtlSeconds = options.dayTtlSeconds ?? BITMAP_DAY_TTL_SECONDS;
    this.reportTtlSeconds = options.reportTtlSeconds ?? BITMAP_REPORT_TTL_SECONDS;
    redis.defineCommand('markActive', { numberOfKeys: 1, lua: MARK_ACTIVE_LUA });
    // Without numberOfKeys, the key count is the first argument of each call.
    redis.defineCommand('combineBitmaps', { lua: COMBINE_LUA });
  }

  /** Marks a user active on a day (e.g. "2024-05-01"); true when it was the user's first activity that day. */
  async markActive(userId: number, day: string): Promise<boolean> {
    if (!Number.isSafeInteger(userId) || userId < 0) throw new RangeError(`user id must be a non-negative integer (got ${userId})`);
    return (await this.redis.markActive(this.dayKey(day), userId, this.dayTtlSeconds)) === 0;
  }

  async dailyCount(day: string): Promise<number> {
    return this.redis.bitcount(this.dayKey(day));
  }

  async isActive(userId: number, day: string): Promise<boolean> {
    return (await this.redis.getbit(this.dayKey(day), userId)) === 1;
  }

  /** Users active on at least one of the days (a week, a month). */
  async activeInAny(days: string[]): Promise<number> {
    return this.combine('OR', days);
  }

  /** Users active on every one of the days: e.g. [cohortDay, laterDay] counts who came back. */
  async activeOnAll(days: string[]): Promise<number> {
    return this.combine('AND', days);
  }

  private async combine(operation: 'OR' | 'AND', days: string[]): Promise<number> {
    if (days.length === 0) return 0;
    const destination = `${this.keyPrefix}{${this.metric}}:${operation.toLowerCase()}:${[...days].sort().join(',')}`;
    const keys = [destination, ...days.map((day) => this.dayKey(day))];
    return this.redis.combineBitmaps(keys.length, ...keys, operation, this.reportTtlSeconds);
  }

  private dayKey(day: string): string {
    return `${this.keyPrefix}{${this.metric}}:${day}`;
  }
}
$0
