/**
 * Shared reasoning about keys and TTLs ("TTL facts" in RULES.md): what a SET's options say, which
 * key a command touches, and whether an EXPIRE follows in the same function or batch.
 */
import { EVAL_COMMANDS, EXPIRE_COMMANDS, TTL_TOKENS } from '../extract/commands';
import type { ArgFact, CallFact } from '../extract/facts';
import { countWork } from '../engine/workCounter';
import { callIndex } from './callIndex';

/** SET option keys of node-redis and upstash (lower case); any other key is a format we do not know. */
const KNOWN_OPTION_KEYS = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl', 'nx', 'xx', 'get', 'expiration', 'condition']);

export interface SetOptions {
  ttl: boolean;
  keepTtl: boolean;
  nx: boolean;
  /** Options we cannot read statically (a variable, a spread, a call): do not report. */
  unknown: boolean;
}

function isFalsy(arg: ArgFact): boolean {
  return arg.kind === 'keyword' && arg.value !== 'true';
}

/** Reads SET options in every client's form: tokens (ioredis), `{ EX }`/`{ expiration }` (node-redis), `{ ex }` (upstash). */
export function setOptions(call: CallFact): SetOptions {
  const out: SetOptions = { ttl: false, keepTtl: false, nx: call.command === 'setnx' || call.command === 'msetnx', unknown: false };
  if (call.command !== 'set') return out;
  for (const arg of call.args.slice(2)) {
    switch (arg.kind) {
      case 'string': {
        const token = arg.value.toLowerCase();
        if (token === 'keepttl') out.keepTtl = true;
        else if (TTL_TOKENS.has(token)) out.ttl = true;
        else if (token === 'nx') out.nx = true;
        break;
      }
      case 'object': {
        if (!arg.props) {
          out.unknown = true;
          break;
        }
        for (const prop of arg.props) {
          const key = prop.key.toLowerCase();
          if (isFalsy(prop.value)) continue;
          if (key === 'keepttl') out.keepTtl = true;
          else if (key === 'expiration') {
            if (prop.value.kind === 'string' && prop.value.value.toUpperCase() === 'KEEPTTL') out.keepTtl = true;
            else out.ttl = true;
          } else if (TTL_TOKENS.has(key)) out.ttl = true;
          else if (key === 'nx') out.nx = true;
          else if (key === 'condition') {
            if (prop.value.kind !== 'string') out.unknown = true;
            else if (prop.value.value.toUpperCase() === 'NX') out.nx = true;
          } else if (!KNOWN_OPTION_KEYS.has(key)) {
            // A wrapper's own option format (`{ expire: { mode: 'PX', … } }`): what it does is unknown.
            out.unknown = true;
          }
        }
        break;
      }
      case 'number':
      case 'keyword':
      case 'function':
        break;
      default:
        out.unknown = true;
    }
  }
  return out;
}

export function keyText(arg: ArgFact | undefined): string | null {
  if (!arg || arg.kind === 'spread' || arg.kind === 'function') return null;
  return arg.kind === 'string' ? `'${arg.value}'` : arg.text.replace(/\s+/g, '');
}

export function sameKey(a: ArgFact | undefined, b: ArgFact | undefined): boolean {
  const ka = keyText(a);
  return ka !== null && ka === keyText(b);
}

export function sameClient(a: CallFact, b: CallFact): boolean {
  const strip = (s: string): string => s.replace(/\s+/g, '');
  return a.client.chainKey !== null ? a.client.chainKey === b.client.chainKey : strip(a.client.receiverText) === strip(b.client.receiverText);
}

/** Keys written by SET/GETSET/MSET, or null when MSET's keys cannot be listed statically. */
export function writtenKeys(call: CallFact): ArgFact[] | null {
  if (call.command !== 'mset' && call.command !== 'msetnx') return call.args[0] ? [call.args[0]] : [];
  const pairs = msetPairs(call);
  return pairs ? pairs.map((p) => p.key) : null;
}

export interface KeyValuePair {
  key: ArgFact;
  value: ArgFact;
}

/** MSET arguments as pairs: flat (`k1, v1, …`), one flat array, tuples, or an object literal. */
export function msetPairs(call: CallFact): KeyValuePair[] | null {
  const args = call.args;
  const flat = args.length === 1 && args[0].kind === 'array' ? args[0].elements : args;
  if (flat.length > 0 && flat.every((a) => a.kind === 'array')) {
    const pairs = flat.map((t) => (t.kind === 'array' && t.elements.length === 2 ? { key: t.elements[0], value: t.elements[1] } : null));
    return pairs.every((p) => p !== null) ? (pairs) : null;
  }
  if (flat.length === 1 && flat[0].kind === 'object' && flat[0].inline && flat[0].props) {
    return flat[0].props.map((p) => ({ key: { kind: 'string', value: p.key, text: `'${p.key}'`, span: p.value.span, resolved: true }, value: p.value }));
  }
  if (flat.length >= 2 && flat.length % 2 === 0 && flat.every((a) => a.kind !== 'spread' && a.kind !== 'object' && a.kind !== 'array')) {
    const pairs: KeyValuePair[] = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push({ key: flat[i], value: flat[i + 1] });
    return pairs;
  }
  return null;
}

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

export function ttlFollows(first: CallFact, key: ArgFact, calls: readonly CallFact[]): boolean {
  return ttlCoverage(first, key, calls) !== 'none';
}

/**
 * Whether a TTL is set on `key` after `first`: on every path (`always`), only in branches that
 * test a ttl/expiry value (`guarded`: no TTL is the explicit choice on the other path), or not at
 * all. A TTL set in a branch with another condition is taken as set (we cannot tell the paths apart).
 */
export function ttlCoverage(first: CallFact, key: ArgFact, calls: readonly CallFact[]): 'always' | 'guarded' | 'none' {
  let guarded = false;
  const consider = (c: CallFact): boolean => {
    countWork('rule');
    if (c === first || !followsInScope(first, c) || !setsTtlOn(c, key)) return false;
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
  return guarded ? 'guarded' : 'none';
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
  const before = expires.firstAfter(set.order - 1) - 1;
  return before >= 0 ? expires.list[before] : undefined;
}
