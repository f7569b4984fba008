// Pattern id → proof. The suite fails when a catalogue pattern has no entry here (or an entry has no pattern).
import type { PatternProof } from '../harness/proof';
import { bitmapAnalyticsProof } from './bitmapAnalytics.proof';
import { cacheAsideProof } from './cacheAside.proof';
import { cacheWarmingProof } from './cacheWarming.proof';
import { circuitBreakerProof } from './circuitBreaker.proof';
import { delayedQueueProof } from './delayedQueue.proof';
import { geoSearchProof } from './geoSearch.proof';
import { idempotencyProof } from './idempotency.proof';
import { invalidatePrefixProof } from './invalidatePrefix.proof';
import { leaderboardProof } from './leaderboard.proof';
import { lockProof } from './lock.proof';
import { pubSubProof } from './pubsub.proof';
import { fixedWindowProof } from './rateLimitFixedWindow.proof';
import { timeSeriesProof } from './timeSeries.proof';
import { slidingWindowProof } from './rateLimitSlidingWindow.proof';
import { reliableQueueProof } from './reliableQueue.proof';
import { shardedCounterProof } from './shardedCounter.proof';
import { semaphoreProof } from './semaphore.proof';
import { sessionStoreProof } from './sessionStore.proof';
import { streamConsumerProof } from './streamConsumer.proof';
import { tokenBucketProof } from './tokenBucket.proof';
import { uniqueCounterProof } from './uniqueCounter.proof';
import { windowCounterProof } from './windowCounter.proof';
import { writeThroughProof } from './writeThrough.proof';

export const PROOFS: Readonly<Record<string, PatternProof>> = {
  lock: lockProof,
  'rate-limit-fixed-window': fixedWindowProof,
  'rate-limit-sliding-window': slidingWindowProof,
  'token-bucket': tokenBucketProof,
  leaderboard: leaderboardProof,
  'cache-aside': cacheAsideProof,
  'write-through': writeThroughProof,
  'session-store': sessionStoreProof,
  pubsub: pubSubProof,
  'stream-consumer': streamConsumerProof,
  'reliable-queue': reliableQueueProof,
  'delayed-queue': delayedQueueProof,
  'unique-counter': uniqueCounterProof,
  'invalidate-prefix': invalidatePrefixProof,
  idempotency: idempotencyProof,
  'circuit-breaker': circuitBreakerProof,
  'time-series': timeSeriesProof,
  'cache-warming': cacheWarmingProof,
  'geo-search': geoSearchProof,
  'bitmap-analytics': bitmapAnalyticsProof,
  'window-counter': windowCounterProof,
  semaphore: semaphoreProof,
  'sharded-counter': shardedCounterProof,
};
