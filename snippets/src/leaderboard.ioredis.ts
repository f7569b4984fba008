// Leaderboard on a sorted set: higher scores rank first (rank 0 is the leader); equal scores rank by member,
// descending, as ZRANGE … REV orders them. Scores are data meant to live, so no TTL is set.
import type { Cluster, Redis, Result } from 'ioredis';

const LEADERBOARD_KEY_PREFIX = '${1:leaderboard:}';
const LEADERBOARD_PAGE_SIZE = ${2:20};

// Rank and neighbours in one script: with two round trips the member could move in between.
const AROUND_MEMBER_LUA = `
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then return false end
local first = math.max(0, rank - tonumber(ARGV[2]))
return {first, redis.call('ZRANGE', KEYS[1], first, rank + tonumber(ARGV[2]), 'REV', 'WITHSCORES')}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    leaderboardAround(key: string, member: string, radius: number): Result<[number, string[]] | null, Context>;
  }
}

export interface LeaderboardEntry {
  member: string;
  score: number;
  /** 0-based position; 0 is the highest score. */
  rank: number;
}

export class Leaderboard {
  private readonly key: string;

  constructor(private readonly redis: Redis | Cluster, name: string, keyPrefix: string = LEADERBOARD_KEY_PREFIX) {
    this.key = keyPrefix + name;
    redis.defineCommand('leaderboardAround', { numberOfKeys: 1, lua: AROUND_MEMBER_LUA });
  }

  /** Sets the member's score. */
  async submit(member: string, score: number): Promise<void> {
    await this.redis.zadd(this.key, score, member);
  }

  /** Adds to the member's score (creating it at 0) and returns the new score. */
  async increment(member: string, by: number): Promise<number> {
    return Number(await this.redis.zincrby(this.key, by, member));
  }

  async top(count: number): Promise<LeaderboardEntry[]> {
    if (count <= 0) return [];
    return toEntries(await this.redis.zrange(this.key, 0, count - 1, 'REV', 'WITHSCORES'), 0);
  }

  /** 0-based page of `pageSize` entries. */
  async page(pageNumber: number, pageSize: number = LEADERBOARD_PAGE_SIZE): Promise<LeaderboardEntry[]> {
    const first = pageNumber * pageSize;
    return toEntries(await this.redis.zrange(this.key, first, first + pageSize - 1, 'REV', 'WITHSCORES'), first);
  }

  async rank(member: string): Promise<number | null> {
    return this.redis.zrevrank(this.key, member);
  }

  async score(member: string): Promise<number | null> {
    const score = await this.redis.zscore(this.key, member);
    return score === null ? null : Number(score);
  }

  /** The member and up to `radius` entries above and below it; empty when the member is not ranked. */
  async around(member: string, radius: number): Promise<LeaderboardEntry[]> {
    const reply = await this.redis.leaderboardAround(this.key, member, radius);
    return reply ? toEntries(reply[1], reply[0]) : [];
  }

  async remove(member: string): Promise<boolean> {
    return (await this.redis.zrem(this.key, member)) === 1;
  }
}

/** WITHSCORES replies are flat [member, score, member, score, …]. */
function toEntries(flat: string[], firstRank: number): LeaderboardEntry[] {
  const entries: LeaderboardEntry[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    entries.push({ member: flat[i], score: Number(flat[i + 1]), rank: firstRank + i / 2 });
  }
  return entries;
}
$0
