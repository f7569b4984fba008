import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';
import { keyFactOf, keyText, keyTextId, namedTemplate, sameClient, setOptions, withoutCallback } from './callFacts';
import { nxIntent } from './lockIntent';
import { expireFollows, returnsBefore } from './ttlFacts';
import { identifierWords } from '../extract/identifierWords';
import { callIndex } from './callIndex';

const LOCK_WORDS = new Set(['lock', 'locks', 'mutex', 'semaphore', 'leader', 'lease']);

/** `lock:${id}`, `userLock`, `LOCK_KEY` name a lock; `blocklist` and `clock` do not. */
function looksLikeLock(key: ArgFact | undefined): boolean {
  return namesLock(keyText(key) ?? '');
}

function namesLock(text: string): boolean {
  return identifierWords(text).some((w) => LOCK_WORDS.has(w));
}

/**
 * A released key named like a lock. `` `requestRelease:${lockKey}` `` is a key of its own built from the lock's
 * name (a flag beside the lock), not the lock: when a template's own words name something, they decide.
 */
function releasesLock(key: ArgFact): boolean {
  if (key.kind !== 'template') return looksLikeLock(key);
  const literal = key.text.slice(1, -1).replace(/\$\{[^}]*\}/g, ' ');
  return /[A-Za-z]/.test(literal) ? namesLock(literal) : looksLikeLock(key);
}

/**
 * SET NX / SETNX that takes a lock: the key is named like one, or the value is an owner token
 * (a variable or call, not a constant marker such as '1').
 */
function isAcquisition(call: CallFact): boolean {
  if ((call.command !== 'set' && call.command !== 'setnx') || !setOptions(call).nx || !call.args[0]) return false;
  // `set(unflushedTimeKey, Date.now(), 'NX')`: a first-seen timestamp, a counter's start — values, not locks.
  if (nxIntent(call) === 'value') return false;
  const value = call.args[1];
  // `lock(key)`, `acquireLock(key)`: a function that takes a lock, whatever its key and value.
  return looksLikeLock(call.args[0]) || takesLockByName(call) || (value !== undefined && value.kind !== 'string' && value.kind !== 'number' && value.kind !== 'keyword');
}

/**
 * `setnx(initKey, now)`, the work, then `del(initKey)` in the same function: whatever the key's words say (`init`
 * names a value), taking it, working and deleting it is a lock held around the work.
 */
function heldAndReleased(call: CallFact, calls: readonly CallFact[]): boolean {
  if ((call.command !== 'set' && call.command !== 'setnx') || !setOptions(call).nx || !call.args[0]) return false;
  const text = keyText(call.args[0]);
  return text !== null && calls.some((d) => (d.command === 'del' || d.command === 'unlink') && d.scopeKey === call.scopeKey && d.order > call.order && keyText(withoutCallback(d.args)[0]) === text);
}

/** The words of the call's function name (`releaseLock` → release, lock): see owner.ts. */
function functionWords(call: CallFact): string[] {
  return identifierWords(call.owner.split(/\s+/).pop() ?? '');
}

/** `acquireLock(…)`, `lock(…)`, `tryMutex(…)`: the function's name says it takes a lock. */
function takesLockByName(call: CallFact): boolean {
  return functionWords(call).some((w) => w === 'acquire' || LOCK_WORDS.has(w));
}

/**
 * A lock API's pair (`acquireLock(key)` / `releaseLock(key)`, `{ lock: (key) => …, unlock: (key) => … }`): the key is a
 * parameter of each function, so the names of the functions say what it is.
 */
function releasesByName(del: CallFact, acquisitions: readonly CallFact[], text: string): boolean {
  const words = functionWords(del);
  const releases = words.includes('unlock') || (words.includes('release') && (words.length === 1 || words.some((w) => LOCK_WORDS.has(w))));
  if (!releases) return false;
  return acquisitions.some((a) => keyText(a.args[0]) === text && takesLockByName(a));
}

/** The key's template as an id (a local `const key = \`lock:${job}\`` and the inline template are one key), when it names its parts. */
function lockTemplateId(call: CallFact, key: ArgFact | undefined): string | null {
  const template = namedTemplate(keyFactOf(call, key));
  return template === null ? null : `template|${template}`;
}

/** A compare-and-delete release script (`if redis.call("get", KEYS[1]) == ARGV[1] then … redis.call("del", …)`). */
const SCRIPTED_RELEASE = /redis\.p?call\s*\(\s*(['"])get\1[^)]*\)\s*==\s*ARGV\s*\[[^\]]*\][\s\S]{0,300}?redis\.p?call\s*\(\s*(['"])(?:del|unlink)\2/i;

/** How far around an `ARGV` the release script is looked for (a script's compare and its DEL are a few lines apart). */
const SCRIPT_WINDOW = 1000;

/**
 * SCRIPTED_RELEASE somewhere in `text`. Lua names its arguments `ARGV` in capitals: the
 * case-insensitive pattern only runs around those, not over a whole (possibly large) file.
 */
function hasScriptedRelease(text: string): boolean {
  for (let at = text.indexOf('ARGV'); at >= 0; at = text.indexOf('ARGV', at + 4)) {
    if (SCRIPTED_RELEASE.test(text.slice(Math.max(0, at - SCRIPT_WINDOW), at + SCRIPT_WINDOW))) return true;
  }
  return false;
}

export const unsafeLockRelease: Rule = {
  meta: {
    id: 'unsafe-lock-release',
    title: 'Lock released without checking its owner',
    why: 'A plain DEL (or GET then DEL) can delete a lock that expired and was taken by another process, and GET then PEXPIRE can extend it; release or extend with a compare-and-act script.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    const acquisitions = ctx.calls.filter((c) => isAcquisition(c) || heldAndReleased(c, ctx.calls));
    if (acquisitions.length === 0) return;
    // The module releases its locks with a compare-and-delete script: a plain DEL beside it is a deliberate forced
    // release (a GET, a compare in JavaScript, then a DEL is not: it is the racy release itself).
    const scripted = hasScriptedRelease(ctx.text);
    // Indexes by key expression, so each DEL is checked in constant time.
    // A bare name (`key`) is a variable of its own function: another function's `key` may hold anything.
    // Per key: whether some acquisition of it names a lock (else the report says so, at info, as setnx-lock-without-ttl).
    const lockKeys = new Map<string, boolean>();
    // Locks that can expire (a TTL on the SET NX, or an EXPIRE after it): only those can pass to another holder while
    // held. One that never expires is released safely by its holder's DEL (setnx-lock-without-ttl reports the TTL).
    const expiring = new Set<string>();
    // SETNX is usually given its TTL by a following EXPIRE, possibly in a callback or a helper: only `SET … NX` without
    // a TTL, whose key nothing in the file gives one, counts as never expiring.
    const ttlSetters = callIndex(ctx.calls).ttlSettersByKey;
    const expires = (a: CallFact): boolean => a.command !== 'set' || setOptions(a).ttl || setOptions(a).unknown || expireFollows(a, ctx.calls) || ttlSetters.has(keyText(a.args[0]) ?? '');
    for (const a of acquisitions) {
      for (const id of [keyTextId(a, keyText(a.args[0])), lockTemplateId(a, a.args[0])]) {
        if (id !== null) lockKeys.set(id, lockKeys.get(id) === true || nxIntent(a) === 'lock');
        if (id !== null && expires(a)) expiring.add(id);
      }
    }
    const someExpire = acquisitions.some(expires);
    const takesNamedLocks = acquisitions.some((a) => looksLikeLock(a.args[0]));
    const watched = new Set<string>();
    const reads = new Map<string, CallFact[]>();
    for (const c of ctx.calls) {
      if (c.command === 'watch') for (const a of c.args) watched.add(`${c.scopeKey}|${keyText(a)}`);
      if (c.command !== 'get') continue;
      const at = `${c.scopeKey}|${keyText(c.args[0])}`;
      const list = reads.get(at) ?? [];
      list.push(c);
      reads.set(at, list);
    }
    for (const extend of ctx.calls) {
      // GET, compare in JavaScript, then PEXPIRE: the lock may have passed to another holder in between, whose lock this extends.
      if ((extend.command !== 'pexpire' && extend.command !== 'expire') || withoutCallback(extend.args).length < 2 || extend.client.via !== 'client') continue;
      const key = extend.args[0];
      const text = keyText(key);
      const template = lockTemplateId(extend, key);
      const acquired = lockKeys.get(keyTextId(extend, text)) ?? (template === null ? undefined : lockKeys.get(template));
      if (text === null || !(acquired || (takesNamedLocks && releasesLock(key))) || watched.has(`${extend.scopeKey}|${text}`)) continue;
      const check = reads.get(`${extend.scopeKey}|${text}`)?.find((c) => c.order < extend.order && sameClient(c, extend) && !returnsBefore(c, extend));
      // GET, then SETNX, then EXPIRE: the EXPIRE gives the lock this process just took its TTL (non-atomic-expire's finding).
      const retaken = check && acquisitions.some((a) => a.scopeKey === extend.scopeKey && keyText(a.args[0]) === text && a.order > check.order && a.order < extend.order);
      if (!check || retaken) continue;
      ctx.report({
        span: extend.report,
        confidence: extend.client.confidence,
        message: `GET on line ${check.call.start.line + 1} then ${extend.command.toUpperCase()} is not atomic: the lock can expire and pass to another holder in between, and this extends that holder's lock; compare the token and extend in one script (EVAL).`,
      });
    }
    for (const del of ctx.calls) {
      const deleted = withoutCallback(del.args);
      if ((del.command !== 'del' && del.command !== 'unlink') || deleted.length !== 1 || del.client.via !== 'client') continue;
      const key = deleted[0];
      const text = keyText(key);
      const named = (takesNamedLocks && releasesLock(key)) || (text !== null && /^[A-Za-z_$][\w$]*$/.test(text) && releasesByName(del, acquisitions, text));
      const template = lockTemplateId(del, key);
      const id = lockKeys.has(keyTextId(del, text)) ? keyTextId(del, text) : template;
      const acquired = id === null ? undefined : lockKeys.get(id);
      if (text === null || (acquired === undefined && !named)) continue;
      if (acquired !== undefined && id !== null ? !expiring.has(id) : !someExpire) continue;
      // WATCH … MULTI DEL is the optimistic compare-and-delete: the DEL is queued, never sent here.
      const at = `${del.scopeKey}|${text}`;
      if (watched.has(at)) continue;
      // A GET on a branch that returns (`if (!claimed) { get(k); return }`) never runs before this DEL.
      const check = reads.get(at)?.find((c) => c.order < del.order && sameClient(c, del) && !returnsBefore(c, del));
      if (scripted && !check) continue;
      ctx.report({
        span: del.report,
        confidence: del.client.confidence,
        message:
          (check
            ? `GET on line ${check.call.start.line + 1} then DEL is not atomic: the lock can expire and pass to another holder in between; release it with a compare-and-delete script (EVAL).`
            : 'A plain DEL releases the lock even when another holder took it after it expired; compare the token and delete in one script (EVAL).') +
          (named || acquired ? '' : ' (Nothing here names a lock: if the SET NX only adds a value when absent, a plain DEL is fine.)'),
        severityCap: named || acquired ? undefined : 'info',
      });
    }
  },
};
