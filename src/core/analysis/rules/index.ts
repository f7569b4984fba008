/** Every rule, in documentation order. Add a rule here and in types.ts RULE_IDS. */
import { clientPerCall } from './clientPerCall';
import { dynamicLua } from './dynamicLua';
import { keysOnCluster } from './keysOnCluster';
import { missingErrorListener } from './missingErrorListener';
import { noFlush } from './noFlush';
import { noKeys } from './noKeys';
import { nonAtomicExpire } from './nonAtomicExpire';
import type { Rule } from './ruleTypes';
import { setClearsTtl } from './setClearsTtl';
import { setnxLockWithoutTtl } from './setnxLockWithoutTtl';
import { setWithoutTtl } from './setWithoutTtl';
import { unboundedRead } from './unboundedRead';

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
];

export function ruleMeta(id: string): Rule['meta'] | undefined {
  return RULES.find((r) => r.meta.id === id)?.meta;
}
