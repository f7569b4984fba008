import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';
import { keyText, sameClient, sameKey, setOptions } from './ttlFacts';

const LOCK_WORDS = /lock|mutex|semaphore|leader/i;

function isAcquisition(call: CallFact): boolean {
  return (call.command === 'set' || call.command === 'setnx') && setOptions(call).nx && call.args[0] !== undefined;
}

function looksLikeLock(key: ArgFact): boolean {
  return LOCK_WORDS.test(keyText(key) ?? '');
}

/** A key the file takes as a lock (SET NX / SETNX), or one named like a lock when the file takes locks. */
function isLockKey(key: ArgFact, acquisitions: readonly CallFact[]): boolean {
  if (acquisitions.some((a) => sameKey(a.args[0], key))) return true;
  return looksLikeLock(key) && acquisitions.some((a) => looksLikeLock(a.args[0]));
}

export const unsafeLockRelease: Rule = {
  meta: {
    id: 'unsafe-lock-release',
    title: 'Lock released without checking its owner',
    why: 'A plain DEL (or GET then DEL) can delete a lock that expired and was taken by another process; release with a compare-and-delete script.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    const acquisitions = ctx.calls.filter(isAcquisition);
    if (acquisitions.length === 0) return;
    for (const del of ctx.calls) {
      if ((del.command !== 'del' && del.command !== 'unlink') || del.args.length !== 1 || del.client.via !== 'client') continue;
      const key = del.args[0];
      if (!isLockKey(key, acquisitions)) continue;
      // WATCH … MULTI DEL is the optimistic compare-and-delete: the DEL is queued, never sent here.
      const watched = ctx.calls.some((c) => c.command === 'watch' && c.scopeKey === del.scopeKey && c.args.some((a) => sameKey(a, key)));
      if (watched) continue;
      const check = ctx.calls.find((c) => c.command === 'get' && c.order < del.order && c.scopeKey === del.scopeKey && sameKey(c.args[0], key) && sameClient(c, del));
      ctx.report({
        span: del.report,
        confidence: del.client.confidence,
        message: check
          ? `GET on line ${check.call.start.line + 1} then DEL is not atomic: the lock can expire and pass to another holder in between; release it with a compare-and-delete script (EVAL).`
          : 'A plain DEL releases the lock even when another holder took it after it expired; compare the token and delete in one script (EVAL).',
      });
    }
  },
};
