// Unique counter on HyperLogLog: distinct items in at most 12 KB per counter, ~0.81% standard error.
// A counter expires retentionSeconds after its first item (EXPIRE … NX in the same MULTI, Redis 7.0+).
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const UNIQUE_COUNTER_KEY_PREFIX = '${1:uniques:}';
const UNIQUE_COUNTER_RETENTION_SECONDS = ${2:604800};

export interface UniqueCounterOptions {
  keyPrefix?: string;
  retentionSeconds?: number;
}

export class UniqueCounter {
  private readonly keyPrefix: string;
  private readonly retentionSeconds: number;

  constructor(private readonly client: RedisClient, options: UniqueCounterOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? UNIQUE_COUNTER_KEY_PREFIX;
    this.retentionSeconds = options.retentionSeconds ?? UNIQUE_COUNTER_RETENTION_SECONDS;
  }

  /** Adds items to a counter; true when the estimate changed. */
  async add(counter: string, items: string[]): Promise<boolean> {
    if (items.length === 0) return false;
    const key = this.keyPrefix + counter;
    const [changed] = await this.client.multi().pfAdd(key, items).expire(key, this.retentionSeconds, 'NX').exec();
    // node-redis 4 types transaction replies loosely; PFADD's reply is true when the estimate changed.
    return Boolean(changed);
  }

  /** Estimated distinct items across the counters (their union). On Cluster they must share a {hash tag}. */
  async count(...counters: string[]): Promise<number> {
    if (counters.length === 0) return 0;
    return this.client.pfCount(counters.map((counter) => this.keyPrefix + counter));
  }

  /** Stores the union of `sources` in `destination` (e.g. daily counters into a weekly one). */
  async merge(destination: string, sources: string[]): Promise<void> {
    const key = this.keyPrefix + destination;
    const sourceKeys = sources.map((source) => this.keyPrefix + source);
    await this.client.multi().pfMerge(key, sourceKeys).expire(key, this.retentionSeconds, 'NX').exec();
  }
}
$0
