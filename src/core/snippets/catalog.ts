// The pattern catalogue: the single source of truth for snippet names, prefixes and the text the
// "Insert Pattern…" picker and the README show. Bodies live in snippets/src/<id>.<client>.ts and are
// compiled into snippets/redis-patterns.code-snippets by scripts/build-snippets.ts.
import { expandDefaults } from './snippetSyntax';

export const SNIPPET_CLIENTS = ['ioredis', 'node-redis', 'node-redis-v4'] as const;
export type SnippetClient = (typeof SNIPPET_CLIENTS)[number];

export const CLIENT_LABELS: Readonly<Record<SnippetClient, string>> = {
  ioredis: 'ioredis',
  'node-redis': 'node-redis v5',
  'node-redis-v4': 'node-redis v4',
};

/** The npm package a snippet's code imports (`redis` for both node-redis majors). */
export const CLIENT_PACKAGES: Readonly<Record<SnippetClient, string>> = {
  ioredis: 'ioredis',
  'node-redis': 'redis',
  'node-redis-v4': 'redis',
};

export interface PatternEntry {
  /** Stable id; also the template file stem (snippets/src/<id>.<client>.ts). */
  readonly id: string;
  readonly title: string;
  /** One line, shown in the completion list and the QuickPick. */
  readonly description: string;
  /** What the snippet guarantees (the invariant its integration test proves). */
  readonly guarantees: string;
  readonly whenToUse: string;
  /** The oldest Redis server the snippet runs on, with the command that needs it. */
  readonly minRedis: string;
  readonly prefixes: Readonly<Record<SnippetClient, string>>;
}

function entry(id: string, text: Omit<PatternEntry, 'id' | 'prefixes'>): PatternEntry {
  return {
    id,
    ...text,
    prefixes: { ioredis: `redis-${id}-ioredis`, 'node-redis': `redis-${id}-node-redis`, 'node-redis-v4': `redis-${id}-node-redis-v4` },
  };
}

export const PATTERNS: readonly PatternEntry[] = [
  entry('lock', {
    minRedis: '2.6.12 (SET … NX PX)',
    title: 'Distributed lock',
    description: 'Lock with SET NX PX and a random token; token-checked release/extend in Lua; withLock() always releases.',
    guarantees:
      'Only one holder at a time while the lock lives; release and extend never touch a lock another holder owns; a crashed holder frees the lock when its TTL ends.',
    whenToUse:
      'Short critical sections across processes (a cron that must run once, a read-modify-write on an external resource). Not a fencing mechanism: keep the work shorter than the TTL or extend it.',
  }),
  entry('rate-limit-fixed-window', {
    minRedis: '7.0 (PEXPIRE … NX)',
    title: 'Fixed-window rate limiter',
    description: 'INCR + PEXPIRE NX in one MULTI: at most limit hits per window, and the counter always expires.',
    guarantees:
      'Exactly `limit` requests pass per window even under concurrency; the counter key always carries a TTL (never leaked by a crash between INCR and EXPIRE). Needs Redis 7.0+ (EXPIRE … NX).',
    whenToUse:
      'Cheap per-user or per-IP quotas where a burst of up to 2×limit across a window boundary is acceptable.',
  }),
  entry('rate-limit-sliding-window', {
    minRedis: '5.0 (a script that reads TIME before writing)',
    title: 'Sliding-window log limiter',
    description: 'One Lua script trims, counts and logs each hit in a sorted set: never more than limit in any window.',
    guarantees:
      'Never more than `limit` allowed requests in any window of `windowMs`, under any concurrency; the log key expires when idle.',
    whenToUse: 'Exact limits (login attempts, paid API quotas) where memory of one entry per allowed request is fine.',
  }),
  entry('token-bucket', {
    minRedis: '5.0 (a script that reads TIME before writing)',
    title: 'Token bucket',
    description: 'Lua token bucket in a hash (tokens + last refill), server clock by default, TTL when idle.',
    guarantees: 'Bursts up to `capacity`, then at most `refillPerSecond` tokens per second; atomic under concurrency.',
    whenToUse: 'Smooth rate limits that allow short bursts (outgoing API calls, per-tenant throughput).',
  }),
  entry('leaderboard', {
    minRedis: '6.2 (ZRANGE … REV)',
    title: 'Leaderboard',
    description: 'Sorted-set leaderboard: submit/increment, top N with scores, rank, neighbours (atomic Lua), pages.',
    guarantees: 'Ranks, pages and neighbours match a descending sort by score (ties: member descending), read atomically.',
    whenToUse: 'Rankings and "top N" views; scores are data meant to live, so no TTL is set.',
  }),
  entry('cache-aside', {
    minRedis: '2.6.12 (SET … NX PX)',
    title: 'Cache-aside with stampede protection',
    description: 'Read-through JSON cache: TTL with jitter, negative caching, one loader per cold key (lock + single-flight).',
    guarantees:
      'A cold key under many concurrent readers (any number of processes) is loaded from the source once; every entry expires.',
    whenToUse: 'Caching database or HTTP reads whose source can tolerate staleness of up to the TTL.',
  }),
  entry('write-through', {
    minRedis: '6.2 (XAUTOCLAIM)',
    title: 'Write-through / write-behind cache',
    description: 'Write-through with versioned cache updates, plus write-behind through a stream with a reliable consumer.',
    guarantees:
      'Write-through: after writes settle the cache equals the source, even with concurrent writers. Write-behind: every queued write reaches the source at least once, also when a consumer dies.',
    whenToUse:
      'Write-through when reads must see the latest write; write-behind when writes must be fast and the source may lag briefly.',
  }),
  entry('session-store', {
    minRedis: '4.0 (HSET with several fields)',
    title: 'Session store',
    description: 'Hash per session with a sliding idle TTL refreshed on access, updates that never resurrect, destroy.',
    guarantees: 'A session disappears after `idleTtlSeconds` without access; every access restarts that clock.',
    whenToUse: 'Server-side web sessions or any per-user state that should vanish when idle.',
  }),
  entry('pubsub', {
    minRedis: '2.8 (PUBSUB, pattern subscriptions)',
    title: 'Pub/Sub with JSON messages',
    description: 'Dedicated subscriber connection, channel and pattern subscriptions, JSON messages, clean unsubscribe.',
    guarantees:
      'Messages from one publisher arrive in publish order on the channels they were sent to; after unsubscribe the handler gets nothing.',
    whenToUse:
      'Fire-and-forget notifications to connected processes (cache invalidation, live updates). Messages are lost when nobody listens: use streams for durability.',
  }),
  entry('stream-consumer', {
    minRedis: '6.2 (XAUTOCLAIM)',
    title: 'Stream consumer group',
    description: 'XADD with MAXLEN trimming, group via MKSTREAM, XREADGROUP + XACK, stuck messages recovered by XAUTOCLAIM.',
    guarantees: 'Every message is processed at least once, also when a consumer dies mid-way.',
    whenToUse: 'Durable event processing with several workers, replay and per-consumer acknowledgement.',
  }),
  entry('reliable-queue', {
    minRedis: '6.2 (BLMOVE)',
    title: 'Reliable queue',
    description: 'BLMOVE into a processing list, ack with LREM, stale jobs requeued after a visibility timeout (Lua).',
    guarantees: 'No job is lost when a worker dies: an unacknowledged job returns to the queue after the visibility timeout.',
    whenToUse: 'Simple FIFO job queues with at-least-once delivery when streams are more than you need.',
  }),
  entry('delayed-queue', {
    minRedis: '5.0 (ZPOPMIN)',
    title: 'Delayed / priority queue',
    description: 'Sorted-set queue: jobs due by time claimed atomically in Lua; priority jobs popped with ZPOPMIN.',
    guarantees: 'Jobs come out in due-time (or priority) order and each job is claimed exactly once, across concurrent workers.',
    whenToUse: 'Scheduled work (reminders, retries with back-off) and priority ordering of jobs.',
  }),
  entry('unique-counter', {
    minRedis: '7.0 (EXPIRE … NX)',
    title: 'Unique counter (HyperLogLog)',
    description: 'HyperLogLog unique counts (PFADD/PFCOUNT/PFMERGE) with a retention TTL set once.',
    guarantees: 'Counts distinct items within ~0.81% standard error in 12 KB per counter; duplicates never inflate the count.',
    whenToUse: 'Unique visitors, distinct search terms, or any cardinality where an approximate count is enough.',
  }),
  entry('invalidate-prefix', {
    minRedis: '4.0 (UNLINK)',
    title: 'Cache invalidation by prefix',
    description: 'SCAN + UNLINK in batches (never KEYS), binary-safe, on every master of a cluster.',
    guarantees:
      'Removes all and only the keys that start with the prefix (glob characters escaped), without blocking the server.',
    whenToUse: 'Dropping a cache namespace after a deploy or a bulk update. SCAN is not a snapshot: keys written meanwhile may survive.',
  }),
  entry('idempotency', {
    minRedis: '2.6.12 (SET … NX EX)',
    title: 'Idempotency key',
    description: 'SET NX EX guard around a handler; retries get the stored result instead of running it again.',
    guarantees: 'Under concurrent retries with the same key the handler runs once and every caller gets its result.',
    whenToUse: 'Payment and webhook handlers, or any operation a client may retry after a timeout.',
  }),
  entry('circuit-breaker', {
    minRedis: '5.0 (a script that reads TIME before writing)',
    title: 'Circuit breaker',
    description: 'Breaker shared across processes: closed, open after N failures in a window, one half-open probe (Lua).',
    guarantees:
      'Transitions are atomic: concurrent callers never run more than one half-open probe; a probe success closes the breaker; the state key expires when idle.',
    whenToUse: 'Protecting a flaky downstream (payment API, search cluster) so every process stops calling it at once and one probe tests recovery.',
  }),
  entry('time-series', {
    minRedis: '5.0 (a script with several writes)',
    title: 'Time series in a sorted set',
    description: 'Sorted set scored by timestamp: append with retention trim and idle TTL, range by time, downsample into buckets.',
    guarantees: 'Range and downsampled sums equal the appended points; retention removes exactly the points older than the cut; idle series expire.',
    whenToUse: 'Metrics, sensor readings or activity per entity at modest rates when RedisTimeSeries is not available.',
  }),
  entry('cache-warming', {
    minRedis: '2.6.12 (SET … NX PX)',
    title: 'Cache warming',
    description: 'Warm keys from a batch loader in pipelined batches with jittered TTLs, under a lock so one process warms.',
    guarantees:
      'Concurrent warmers load each key once (one wins the lock, the others skip); every warmed key has a TTL within ttl ± jitter.',
    whenToUse: 'Filling a cache before traffic arrives (after a deploy or a flush) without a thundering herd or synchronised expiry.',
  }),
  entry('geo-search', {
    minRedis: '6.2 (GEOSEARCH)',
    title: 'Geospatial search',
    description: 'GEOADD places, GEOSEARCH by radius or box with distances and paging, GEODIST, stale positions pruned.',
    guarantees: 'Radius results and distances equal a haversine reference within Redis precision; positions not updated within the TTL are removed.',
    whenToUse: 'Nearby search for stores, drivers or couriers, including ephemeral positions that must disappear when stale.',
  }),
  entry('bitmap-analytics', {
    minRedis: '2.6 (BITOP, BITCOUNT)',
    title: 'Bitmap analytics',
    description: 'Daily active users with SETBIT/BITCOUNT; weekly or monthly BITOP OR and retention cohorts with BITOP AND.',
    guarantees: 'Daily, period and cohort counts equal set computations over the same users; every bitmap, daily or combined, expires.',
    whenToUse: 'Active-user and retention counts over dense integer ids (up to a few hundred million), exact and in a few MB.',
  }),
  entry('window-counter', {
    minRedis: '6.2 (GETDEL)',
    title: 'Counter with expiry and atomic reset',
    description: 'Per-window counters (e.g. per minute) that expire, history of recent windows, and an atomic take-and-reset.',
    guarantees: 'No increment is lost or counted twice across concurrent take-and-reset calls; every window key carries a TTL.',
    whenToUse: 'Per-minute or per-hour stats with rollover, and counters a job drains periodically (flush to a database).',
  }),
  entry('semaphore', {
    minRedis: '5.0 (a script that reads TIME before writing)',
    title: 'Distributed semaphore',
    description: 'Fair counting semaphore in Lua: at most N holders, first come first served, leases that expire.',
    guarantees: 'Never more than N holders under concurrency; waiters get permits in arrival order; a crashed holder is released when its lease ends.',
    whenToUse: 'Capping concurrent use of a shared resource (N connections to a legacy system, N parallel exports) across processes.',
  }),
  entry('sharded-counter', {
    minRedis: '2.6 (INCRBY)',
    title: 'Sharded counter for Cluster',
    description: 'A hot counter spread over shard keys on different Cluster slots; increments hit one shard, reads sum them.',
    guarantees: 'The sum over shards is exact under concurrent increments; on a Cluster the shards land on several masters.',
    whenToUse: 'A counter so hot (page views, likes) that one key would saturate one Cluster node.',
  }),
];

export function findPattern(id: string): PatternEntry | undefined {
  return PATTERNS.find((pattern) => pattern.id === id);
}

/** The key of a snippet in redis-patterns.code-snippets (what VS Code shows as the snippet name). */
export function snippetName(pattern: PatternEntry, client: SnippetClient): string {
  return `${pattern.title} (${CLIENT_LABELS[client]})`;
}

/** Plain code for a snippet body: placeholders replaced by their defaults, tab stops and escapes removed. */
export function defaultText(snippetBody: string | readonly string[]): string {
  return expandDefaults(typeof snippetBody === 'string' ? snippetBody : snippetBody.join('\n'));
}
