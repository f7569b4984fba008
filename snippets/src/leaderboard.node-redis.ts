// Leaderboard on a sorted set: higher scores rank first (rank 0 is the leader); equal scores rank by member,
// descending, as ZRANGE … REV orders them. Scores are data meant to live, so no TTL is set.
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const LEADERBOARD_KEY_PREFIX = '${1:leaderboard:}';
const LEADERBOARD_PAGE_SIZE = ${2:20};

// Rank and neighbours in one script: with two round trips the member could move in between.
const AROUND_MEMBER_LUA = `
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then return false end
local first = math.max(0, rank - tonumber(ARGV[2]))
return {first, redis.call('ZRANGE', KEYS[1], first, rank + tonumber(ARGV[2]), 'REV', 'WITHSCORES')}
`;

// #include lua-script.node-redis

const aroundMemberScript = new LuaScript(AROUND_MEMBER_LUA);

export interface LeaderboardEntry {
  member: string;
  score: number;
  /** 0-based position; 0 is the highest score. */
  rank: number;
}

export class Leaderboard {
  private readonly key: string;

  constructor(private readonly client: RedisClient, name: string, keyPrefix: string = LEADERBOARD_KEY_PREFIX) {
    this.key = keyPrefix + name;
  }

  /** Sets the member's score. */
  async submit(member: string, score: number): Promise<void> {
    await this.client.zAdd(this.key, { score, value: member });
  }

  /** Adds to the member's score (creating it at 0) and returns the new score. */
  async increment(member: string, by: number): Promise<number> {
    return Number(await this.client.zIncrBy(this.key, by, member));
  }

  async top(count: number): Promise<LeaderboardEntry[]> {
    if (count <= 0) return [];
    return this.range(0, count - 1);
  }

  /** 0-based page of `pageSize` entries. */
  async page(pageNumber: number, pageSize: number = LEADERBOARD_PAGE_SIZE): Promise<LeaderboardEntry[]> {
    const first = pageNumber * pageSize;
    return this.range(first, first + pageSize - 1);
  }

  async rank(member: string): Promise<number | null> {
    return this.client.zRevRank(this.key, member);
  }

  async score(member: string): Promise<number | null> {
    const score = await this.client.zScore(this.key, member);
    return score === null ? null : Number(score);
  }

  /** The member and up to `radius` entries above and below it; empty when the member is not ranked. */
  async around(member: string, radius: number): Promise<LeaderboardEntry[]> {
    const reply = (await aroundMemberScript.run(this.client, [this.key], [member, radius])) as [number, string[]] | null;
    if (!reply) return [];
    const [firstRank, flat] = reply;
    const entries: LeaderboardEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      entries.push({ member: flat[i], score: Number(flat[i + 1]), rank: firstRank + i / 2 });
    }
    return entries;
  }

  async remove(member: string): Promise<boolean> {
    return (await this.client.zRem(this.key, member)) === 1;
  }

  private async range(first: number, last: number): Promise<LeaderboardEntry[]> {
    const entries = await this.client.zRangeWithScores(this.key, first, last, { REV: true });
    return entries.map(({ value, score }, i) => ({ member: value, score, rank: first + i }));
  }
}
$0
