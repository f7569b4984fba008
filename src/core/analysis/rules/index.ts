/** Every rule, in documentation order. Add a rule here and in types.ts RULE_IDS. */
import { blockingOnSharedClient } from './blockingOnSharedClient';
import { clientPerCall } from './clientPerCall';
import { clusterCrossslot } from './clusterCrossslot';
import { liveKeysWithoutTtl, liveTypeMismatch, ttlMissingOnLiveKeys } from './dataRules';
import { dynamicLua } from './dynamicLua';
import { keysInLua } from './keysInLua';
import { keysOnCluster } from './keysOnCluster';
import { missingErrorListener } from './missingErrorListener';
import { noFlush } from './noFlush';
import { noKeys } from './noKeys';
import { nonAtomicExpire } from './nonAtomicExpire';
import type { Rule } from './ruleTypes';
import { sequentialRoundTrips } from './sequentialRoundTrips';
import { setClearsTtl } from './setClearsTtl';
import { setnxLockWithoutTtl } from './setnxLockWithoutTtl';
import { setWithoutTtl } from './setWithoutTtl';
import { subscriberReuse } from './subscriberReuse';
import { unboundedGrowth } from './unboundedGrowth';
import { unboundedRead } from './unboundedRead';
import { unsafeLockRelease } from './unsafeLockRelease';

export const RULES: readonly Rule[] = [
  noKeys,
  keysOnCluster,
  setWithoutTtl,
  setnxLockWithoutTtl,
  nonAtomicExpire,
  setClearsTtl,
  noFlush,
  unboundedRead,
  clientPerCall,
  missingErrorListener,
  dynamicLua,
  clusterCrossslot,
  sequentialRoundTrips,
  blockingOnSharedClient,
  subscriberReuse,
  unboundedGrowth,
  unsafeLockRelease,
  keysInLua,
  liveKeysWithoutTtl,
  ttlMissingOnLiveKeys,
  liveTypeMismatch,
];

export function ruleMeta(id: string): Rule['meta'] | undefined {
  return RULES.find((r) => r.meta.id === id)?.meta;
}
