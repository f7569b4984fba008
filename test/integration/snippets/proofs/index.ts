// Pattern id → proof. The suite fails when a catalogue pattern has no entry here (or an entry has no pattern).
import type { PatternProof } from '../harness/proof';
import { cacheAsideProof } from './cacheAside.proof';
import { delayedQueueProof } from './delayedQueue.proof';
import { idempotencyProof } from './idempotency.proof';
import { invalidatePrefixProof } from './invalidatePrefix.proof';
import { leaderboardProof } from './leaderboard.proof';
import { lockProof } from './lock.proof';
import { pubSubProof } from './pubsub.proof';
import { fixedWindowProof } from './rateLimitFixedWindow.proof';
import { slidingWindowProof } from './rateLimitSlidingWindow.proof';
import { reliableQueueProof } from './reliableQueue.proof';
import { sessionStoreProof } from './sessionStore.proof';
import { streamConsumerProof } from './streamConsumer.proof';
import { tokenBucketProof } from './tokenBucket.proof';
import { uniqueCounterProof } from './uniqueCounter.proof';
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
};
