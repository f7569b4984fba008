// Sharded counter for Redis Cluster: a counter too hot for one key is spread over `shards` keys whose hash tags
// differ ({name:0}, {name:1}, …), so they hash to different slots and, on a cluster, to different masters.
// Each increment touches one random shard; a read sums every shard (one GET per shard, sent together).
// The count is data meant to live: no TTL. Works the same on a single server.
import type { Cluster, Redis } from 'ioredis';

const SHARDED_COUNTER_KEY_PREFIX = '${1:counter:}';
const SHARDED_COUNTER_SHARDS = ${2:16};

export interface ShardedCounterOptions {
  keyPrefix?: string;
  /** More shards spread the load further; a read costs one GET per shard. */
  shards?: number;
}

export class ShardedCounter {
  private readonly shardKeys: string[];

  constructor(private readonly redis: Redis | Cluster, name: string, options: ShardedCounterOptions = {}) {
    const prefix = options.keyPrefix ?? SHARDED_COUNTER_KEY_PREFIX;
    const shards = options.shards ?? SHARDED_COUNTER_SHARDS;
    this.shardKeys = Array.from({ length: shards }, (_unused, shard) => `${prefix}{${name}:${shard}}`);
  }

  async increment(by = 1): Promise<void> {
    const key = this.shardKeys[Math.floor(Math.random() * this.shardKeys.length)];
    await this.redis.incrby(key, by);
  }

  /** The exact total at the moment each shard is read (increments racing the read may or may not be included). */
  async total(): Promise<number> {
    const values = await Promise.all(this.shardKeys.map((key) => this.redis.get(key)));
    return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
  }

  /** The keys to watch or to delete together (on a cluster, not with one multi-key command). */
  keyNames(): readonly string[] {
    return this.shardKeys;
  }
}
$0
