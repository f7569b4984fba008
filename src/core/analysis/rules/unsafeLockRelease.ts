import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';
import { keyText, sameClient, sameKey, setOptions } from './ttlFacts';

const LOCK_WORDS = new Set(['lock', 'locks', 'mutex', 'semaphore', 'leader', 'lease']);

/** `lock:${id}`, `userLock`, `LOCK_KEY` name a lock; `blocklist` and `clock` do not. */
function looksLikeLock(key: ArgFact | undefined): boolean {
  const words = (keyText(key) ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase());
  return words.some((w) => LOCK_WORDS.has(w));
}

/**
 * SET NX / SETNX that takes a lock: the key is named like one, or the value is an owner token
 * (a variable or call, not a constant marker such as '1').
 */
function isAcquisition(call: CallFact): boolean {
  if ((call.command !== 'set' && call.command !== 'setnx') || !setOptions(call).nx || !call.args[0]) return false;
  const value = call.args[1];
  return looksLikeLock(call.args[0]) || (value !== undefined && value.kind !== 'string' && value.kind !== 'number' && value.kind !== 'keyword');
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
