// The pattern catalogue: the single source of truth for snippet names, prefixes and the text the
// "Insert Pattern…" picker and the README show. Bodies live in snippets/src/<id>.<client>.ts and are
// compiled into snippets/redis-patterns.code-snippets by scripts/build-snippets.ts.
import { expandDefaults } from './snippetSyntax';

export const SNIPPET_CLIENTS = ['ioredis', 'node-redis'] as const;
export type SnippetClient = (typeof SNIPPET_CLIENTS)[number];

export const CLIENT_LABELS: Readonly<Record<SnippetClient, string>> = {
  ioredis: 'ioredis',
  'node-redis': 'node-redis v5',
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
  readonly prefixes: Readonly<Record<SnippetClient, string>>;
}

function entry(id: string, text: Omit<PatternEntry, 'id' | 'prefixes'>): PatternEntry {
  return { id, ...text, prefixes: { ioredis: `redis-${id}-ioredis`, 'node-redis': `redis-${id}-node-redis` } };
}

export const PATTERNS: readonly PatternEntry[] = [
  entry('lock', {
    title: 'Distributed lock',
    description: 'Lock with SET NX PX and a random token; token-checked release/extend in Lua; withLock() always releases.',
    guarantees:
      'Only one holder at a time while the lock lives; release and extend never touch a lock another holder owns; a crashed holder frees the lock when its TTL ends.',
    whenToUse:
      'Short critical sections across processes (a cron that must run once, a read-modify-write on an external resource). Not a fencing mechanism: keep the work shorter than the TTL or extend it.',
  }),
  entry('rate-limit-fixed-window', {
    title: 'Fixed-window rate limiter',
    description: 'INCR + PEXPIRE NX in one MULTI: at most limit hits per window, and the counter always expires.',
    guarantees:
      'Exactly `limit` requests pass per window even under concurrency; the counter key always carries a TTL (never leaked by a crash between INCR and EXPIRE). Needs Redis 7.0+ (EXPIRE … NX).',
    whenToUse:
      'Cheap per-user or per-IP quotas where a burst of up to 2×limit across a window boundary is acceptable.',
  }),
  entry('rate-limit-sliding-window', {
    title: 'Sliding-window log limiter',
    description: 'One Lua script trims, counts and logs each hit in a sorted set: never more than limit in any window.',
    guarantees:
      'Never more than `limit` allowed requests in any window of `windowMs`, under any concurrency; the log key expires when idle.',
    whenToUse: 'Exact limits (login attempts, paid API quotas) where memory of one entry per allowed request is fine.',
  }),
  entry('token-bucket', {
    title: 'Token bucket',
    description: 'Lua token bucket in a hash (tokens + last refill), server clock by default, TTL when idle.',
    guarantees: 'Bursts up to `capacity`, then at most `refillPerSecond` tokens per second; atomic under concurrency.',
    whenToUse: 'Smooth rate limits that allow short bursts (outgoing API calls, per-tenant throughput).',
  }),
  entry('leaderboard', {
    title: 'Leaderboard',
    description: 'Sorted-set leaderboard: submit/increment, top N with scores, rank, neighbours (atomic Lua), pages.',
    guarantees: 'Ranks, pages and neighbours match a descending sort by score (ties: member descending), read atomically.',
    whenToUse: 'Rankings and "top N" views; scores are data meant to live, so no TTL is set.',
  }),
  entry('cache-aside', {
    title: 'Cache-aside with stampede protection',
    description: 'Read-through JSON cache: TTL with jitter, negative caching, one loader per cold key (lock + single-flight).',
    guarantees:
      'A cold key under many concurrent readers (any number of processes) is loaded from the source once; every entry expires.',
    whenToUse: 'Caching database or HTTP reads whose source can tolerate staleness of up to the TTL.',
  }),
  entry('write-through', {
    title: 'Write-through / write-behind cache',
    description: 'Write-through with versioned cache updates, plus write-behind through a stream with a reliable consumer.',
    guarantees:
      'Write-through: after writes settle the cache equals the source, even with concurrent writers. Write-behind: every queued write reaches the source at least once, also when a consumer dies.',
    whenToUse:
      'Write-through when reads must see the latest write; write-behind when writes must be fast and the source may lag briefly.',
  }),
  entry('session-store', {
    title: 'Session store',
    description: 'Hash per session with a sliding idle TTL refreshed on access, updates that never resurrect, destroy.',
    guarantees: 'A session disappears after `idleTtlSeconds` without access; every access restarts that clock.',
    whenToUse: 'Server-side web sessions or any per-user state that should vanish when idle.',
  }),
  entry('pubsub', {
    title: 'Pub/Sub with JSON messages',
    description: 'Dedicated subscriber connection, channel and pattern subscriptions, JSON messages, clean unsubscribe.',
    guarantees:
      'Messages from one publisher arrive in publish order on the channels they were sent to; after unsubscribe the handler gets nothing.',
    whenToUse:
      'Fire-and-forget notifications to connected processes (cache invalidation, live updates). Messages are lost when nobody listens: use streams for durability.',
  }),
  entry('stream-consumer', {
    title: 'Stream consumer group',
    description: 'XADD with MAXLEN trimming, group via MKSTREAM, XREADGROUP + XACK, stuck messages recovered by XAUTOCLAIM.',
    guarantees: 'Every message is processed at least once, also when a consumer dies mid-way.',
    whenToUse: 'Durable event processing with several workers, replay and per-consumer acknowledgement.',
  }),
  entry('reliable-queue', {
    title: 'Reliable queue',
    description: 'BLMOVE into a processing list, ack with LREM, stale jobs requeued after a visibility timeout (Lua).',
    guarantees: 'No job is lost when a worker dies: an unacknowledged job returns to the queue after the visibility timeout.',
    whenToUse: 'Simple FIFO job queues with at-least-once delivery when streams are more than you need.',
  }),
  entry('delayed-queue', {
    title: 'Delayed / priority queue',
    description: 'Sorted-set queue: jobs due by time claimed atomically in Lua; priority jobs popped with ZPOPMIN.',
    guarantees: 'Jobs come out in due-time (or priority) order and each job is claimed exactly once, across concurrent workers.',
    whenToUse: 'Scheduled work (reminders, retries with back-off) and priority ordering of jobs.',
  }),
  entry('unique-counter', {
    title: 'Unique counter (HyperLogLog)',
    description: 'HyperLogLog unique counts (PFADD/PFCOUNT/PFMERGE) with a retention TTL set once.',
    guarantees: 'Counts distinct items within ~0.81% standard error in 12 KB per counter; duplicates never inflate the count.',
    whenToUse: 'Unique visitors, distinct search terms, or any cardinality where an approximate count is enough.',
  }),
  entry('invalidate-prefix', {
    title: 'Cache invalidation by prefix',
    description: 'SCAN + UNLINK in batches (never KEYS), binary-safe, on every master of a cluster.',
    guarantees:
      'Removes all and only the keys that start with the prefix (glob characters escaped), without blocking the server.',
    whenToUse: 'Dropping a cache namespace after a deploy or a bulk update. SCAN is not a snapshot: keys written meanwhile may survive.',
  }),
  entry('idempotency', {
    title: 'Idempotency key',
    description: 'SET NX EX guard around a handler; retries get the stored result instead of running it again.',
    guarantees: 'Under concurrent retries with the same key the handler runs once and every caller gets its result.',
    whenToUse: 'Payment and webhook handlers, or any operation a client may retry after a timeout.',
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
