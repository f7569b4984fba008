// Unique counter on HyperLogLog: distinct items in at most 12 KB per counter, ~0.81% standard error.
// A counter expires retentionSeconds after its first item (EXPIRE … NX in the same MULTI, Redis 7.0+).
import type { ChainableCommander, Cluster, Redis } from 'ioredis';

const UNIQUE_COUNTER_KEY_PREFIX = '${1:uniques:}';
const UNIQUE_COUNTER_RETENTION_SECONDS = ${2:604800};

export interface UniqueCounterOptions {
  keyPrefix?: string;
  retentionSeconds?: number;
}

export class UniqueCounter {
  private readonly keyPrefix: string;
  private readonly retentionSeconds: number;

  constructor(private readonly redis: Redis | Cluster, options: UniqueCounterOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? UNIQUE_COUNTER_KEY_PREFIX;
    this.retentionSeconds = options.retentionSeconds ?? UNIQUE_COUNTER_RETENTION_SECONDS;
  }

  /** Adds items to a counter; true when the estimate changed. */
  async add(counter: string, items: string[]): Promise<boolean> {
    if (items.length === 0) return false;
    const key = this.keyPrefix + counter;
    const [changed] = await this.exec(this.redis.multi().pfadd(key, ...items).expire(key, this.retentionSeconds, 'NX'));
    return changed === 1;
  }

  /** Estimated distinct items across the counters (their union). On Cluster they must share a {hash tag}. */
  async count(...counters: string[]): Promise<number> {
    if (counters.length === 0) return 0;
    return this.redis.pfcount(...counters.map((counter) => this.keyPrefix + counter));
  }

  /** Stores the union of `sources` in `destination` (e.g. daily counters into a weekly one). */
  async merge(destination: string, sources: string[]): Promise<void> {
    const key = this.keyPrefix + destination;
    const sourceKeys = sources.map((source) => this.keyPrefix + source);
    await this.exec(this.redis.multi().pfmerge(key, ...sourceKeys).expire(key, this.retentionSeconds, 'NX'));
  }

  private async exec(transaction: ChainableCommander): Promise<unknown[]> {
    const replies = await transaction.exec();
    if (!replies) throw new Error('counter transaction was aborted');
    return replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
  }
}
$0
