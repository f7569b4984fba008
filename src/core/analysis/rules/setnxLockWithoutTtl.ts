import type { CallFact } from '../extract/facts';
import { PLACEHOLDER_LOCK_MS, addSetOption, setnxAsLockedSet } from '../fixes/clientForms';
import type { DraftFix, RuleContext } from './ruleTypes';
import type { Rule } from './ruleTypes';
import { setOptions } from './callFacts';
import { ttlFollows } from './ttlFacts';
import { nxIntent } from './lockIntent';

export const setnxLockWithoutTtl: Rule = {
  meta: {
    id: 'setnx-lock-without-ttl',
    title: 'Lock (SETNX / SET NX) without an expiry',
    why: 'A lock taken without an expiry is held forever if its holder crashes; SETNX is also deprecated since Redis 2.6.12.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: true,
    fixAllSafe: true,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (call.command !== 'setnx' && call.command !== 'set') continue;
      // A wrapper's own `setnx(key, value)` forwarding SETNX takes no lock itself: its callers decide what it is for.
      if (call.passThrough) continue;
      const options = setOptions(call);
      if (!options.nx || options.ttl || options.keepTtl || options.unknown) continue;
      // `setnx` followed by `expire` has an expiry (non-atomic-expire reports the race).
      if (call.args[0] && ttlFollows(call, call.args[0], ctx.calls, ctx.text)) continue;
      // An add-if-absent (a counter's first value, a cache entry) is a lock only by its shape: not reported when its
      // names say so; said quietly when nothing names either.
      const intent = nxIntent(call);
      if (intent === 'value') continue;
      const lock = intent === 'lock';
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message:
          (call.command === 'setnx'
            ? 'SETNX cannot expire, so a crashed holder keeps the lock forever (and SETNX is deprecated); use SET key token NX PX <ms>.'
            : 'SET NX without PX/EX: if the holder crashes the lock is never released; add an expiry.') +
          (lock ? '' : ' (Nothing here names a lock: if this only adds a value when absent, no expiry may be right.)'),
        fixes: fixesFor(call, ctx),
        severityCap: lock ? undefined : 'info',
      });
    }
  },
};

function fixesFor(call: CallFact, ctx: RuleContext): DraftFix[] {
  const major = ctx.options.nodeRedisMajor;
  let edits;
  if (call.command === 'set') {
    edits = addSetOption(call, { kind: 'ttl', unit: 'PX', valueText: PLACEHOLDER_LOCK_MS }, major);
  } else if (call.resultUse !== 'value') {
    // SETNX replies 1/0 and SET NX 'OK'/null: the same truthiness, so only rewrite where only that is used.
    edits = setnxAsLockedSet(call, major);
  }
  return edits ? [{ title: `Use SET … NX PX ${PLACEHOLDER_LOCK_MS} (adjust the lock time)`, edits, isPreferred: true }] : [];
}
