/**
 * Shared reasoning about keys and TTLs across calls ("TTL facts" in RULES.md): whether an EXPIRE
 * or a TTL-setting write follows a write in the same function or batch.
 */
import { EVAL_COMMANDS, EXPIRE_COMMANDS } from '../extract/commands';
import type { ArgFact, CallFact } from '../extract/facts';
import { countWork } from '../engine/workCounter';
import { callIndex } from './callIndex';
import { keyFactOf, keyText, sameClient, sameKey, setOptions } from './callFacts';

/** `later` runs in the same function as `first` (or in a callback inside it), after it. */
export function followsInScope(first: CallFact, later: CallFact): boolean {
  if (later.order <= first.order) return false;
  if (!first.scope) return later.scopeKey === 'module';
  return later.call.start.offset >= first.scope.start.offset && later.call.end.offset <= first.scope.end.offset;
}

/** Does `call` give `key` a TTL? EXPIRE-family on the key, or a script that is given the key. */
export function setsTtlOn(call: CallFact, key: ArgFact): boolean {
  if (EXPIRE_COMMANDS.has(call.command)) return sameKey(call.args[0], key);
  if (call.command === 'set' || call.command === 'setex' || call.command === 'psetex') {
    return (call.command !== 'set' || setOptions(call).ttl) && sameKey(call.args[0], key);
  }
  if (EVAL_COMMANDS.has(call.command) && call.command !== 'scriptload' && call.command !== 'script' && call.command !== 'definecommand') {
    const wanted = keyText(key);
    if (!wanted || !call.args.slice(1).some((a) => a.text.replace(/\s+/g, '').includes(wanted.replace(/^'(.*)'$/, '$1')))) return false;
    const script = call.args[0];
    // A literal script we can read must mention a TTL; anything else (a sha, a variable) might.
    return script?.kind === 'string' ? /expire|pexpire|setex|['"](?:ex|px)['"]/i.test(script.value) : true;
  }
  return false;
}

/** Commands that delete their keys. */
export const DELETES: ReadonlySet<string> = new Set(['del', 'unlink', 'getdel']);

/**
 * A DEL/UNLINK/GETDEL of `key` after `first` in its function, on the same client (`set(k, '1')`
 * then `del(k)`: a probe or a short-lived marker, which no TTL would improve).
 */
export function deletedAfter(first: CallFact, key: ArgFact, calls: readonly CallFact[]): boolean {
  const wanted = keyText(key);
  if (wanted === null) return false;
  // `if (logo) set(k, logo) else del(k)`: a DEL on the other branch never follows this write.
  return (deletesByKey(calls).get(wanted) ?? []).some((c) => followsInScope(first, c) && sameClient(first, c) && !exclusivePaths(first, c));
}

const deletesCache = new WeakMap<readonly CallFact[], Map<string, CallFact[]>>();

/** Deleting calls by the text of each key they delete (built once per list of calls). */
function deletesByKey(calls: readonly CallFact[]): Map<string, CallFact[]> {
  let byKey = deletesCache.get(calls);
  if (byKey) return byKey;
  byKey = new Map();
  for (const call of calls) {
    if (!DELETES.has(call.command)) continue;
    for (const arg of call.command === 'getdel' ? call.args.slice(0, 1) : call.args) {
      const text = keyText(arg);
      if (text === null) continue;
      const list = byKey.get(text);
      if (list) list.push(call);
      else byKey.set(text, [call]);
    }
  }
  deletesCache.set(calls, byKey);
  return byKey;
}

export function ttlFollows(first: CallFact, key: ArgFact, calls: readonly CallFact[], text: string): boolean {
  return ttlCoverage(first, key, calls, text) !== 'none';
}

/**
 * Whether a TTL is set on `key` after `first`: on every path (`always`), only in branches that
 * test a ttl/expiry value (`guarded`: no TTL is the explicit choice on the other path), only by
 * another MULTI or pipeline than the write's (`separate`: a crash in between leaves none), or not at
 * all. A TTL set in a branch with another condition is taken as set (we cannot tell the paths apart).
 */
export function ttlCoverage(first: CallFact, key: ArgFact, calls: readonly CallFact[], text: string): 'always' | 'guarded' | 'separate' | 'none' {
  let guarded = false;
  let separate = false;
  const sameVariable = sameVariableKey(first, key, text);
  const consider = (c: CallFact): boolean => {
    countWork('rule');
    if (c === first || !followsInScope(first, c) || !setsTtlOn(c, key) || !sameVariable(c)) return false;
    if (returnsBefore(first, c)) return false;
    // Queued in another MULTI or pipeline than the write (sent after it returns): set, but not with it.
    if (first.client.via !== 'client' && c.client.via !== 'client' && first.client.chainKey !== c.client.chainKey) {
      separate = true;
      return false;
    }
    const own = new Set(first.branches.map((b) => b.key));
    const extra = c.branches.filter((b) => !own.has(b.key));
    if (extra.length > 0 && extra.every((b) => b.ttlGuard)) {
      guarded = true;
      return false;
    }
    return true;
  };
  const index = callIndex(calls);
  const wanted = keyText(key);
  const setters = wanted === null ? undefined : index.ttlSettersByKey.get(wanted);
  if (setters) {
    for (let i = setters.firstAfter(first.order); i < setters.list.length; i++) {
      const c = setters.list[i];
      // Calls are in source order: past the end of `first`'s function nothing can follow in it.
      if (first.scope && c.call.start.offset > first.scope.end.offset) break;
      if (consider(c)) return 'always';
    }
  }
  if (index.scripts.some(consider)) return 'always';
  return guarded ? 'guarded' : separate ? 'separate' : 'none';
}

/**
 * Two uses of a local of the same name (`key`) hold the same key unless what each holds differs: sibling blocks may
 * each declare their own `const key` (`getCountKey(url)` in one, `` `${url}:count` `` in the other).
 */
function sameVariableKey(first: CallFact, key: ArgFact, text: string): (later: CallFact) => boolean {
  const name = keyText(key) ?? '';
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return () => true;
  const declared = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  const held = keyFactOf(first, key)?.template;
  return (later) => {
    // A declaration of the name between the two uses: the later one reads another variable.
    if (declared.test(text.slice(first.call.end.offset, later.call.start.offset))) return false;
    const other = keyFactOf(later, later.args[0])?.template;
    return !held || !other || held === other;
  };
}

/** Any EXPIRE-family call after `first` in its function (for writes whose keys are unknown). */
export function expireFollows(first: CallFact, calls: readonly CallFact[]): boolean {
  const expires = callIndex(calls).expiresByScope.get(first.scopeKey);
  return !!expires && expires.firstAfter(first.order) < expires.list.length;
}

export function isExpire(call: CallFact): boolean {
  return EXPIRE_COMMANDS.has(call.command);
}

/** An EXPIRE on the same key earlier in the same function (the SET then discards it). */
export function precedingExpire(set: CallFact, key: ArgFact, calls: readonly CallFact[]): CallFact | undefined {
  const wanted = keyText(key);
  const expires = wanted === null ? undefined : callIndex(calls).expiresByScopeKey.get(`${set.scopeKey}\n${wanted}`);
  if (!expires) return undefined;
  for (let i = expires.firstAfter(set.order - 1) - 1; i >= 0; i--) {
    if (!exclusivePaths(expires.list[i], set)) return expires.list[i];
  }
  return undefined;
}

/** One call in the `then` and the other in the `else` of the same `if`/ternary: no run sends both. */
/** `first` sits in a branch that returns and `later` outside it: no run reaches `later` after `first`. */
export function returnsBefore(first: CallFact, later: CallFact): boolean {
  return first.branches.some((b) => b.exits && !later.branches.some((o) => o.key === b.key));
}

export function exclusivePaths(a: CallFact, b: CallFact): boolean {
  const side = new Map<string, string>();
  for (const branch of a.branches) side.set(branch.key.slice(0, branch.key.lastIndexOf(':')), branch.key);
  return b.branches.some((branch) => {
    const other = side.get(branch.key.slice(0, branch.key.lastIndexOf(':')));
    return other !== undefined && other !== branch.key;
  });
}
