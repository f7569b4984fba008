/**
 * Per-file indexes of the calls the TTL rules pair up (writes, EXPIREs, TTL-setting SETs, reads that probe a key), keyed by
 * key text and scope, built once per analysis. Without them every SET/EXPIRE looked at every other
 * call of the file, which made files with thousands of calls quadratic.
 */
import { EVAL_COMMANDS, EXPIRE_COMMANDS, WRITE_COMMANDS } from '../extract/commands';
import type { CallFact } from '../extract/facts';
import { countWork } from '../engine/workCounter';
import { keyText, setOptions } from './callFacts';

/** Calls sorted by `order`, so "the latest before" / "the first after" are binary searches. */
export class OrderedCalls {
  readonly list: CallFact[] = [];

  add(call: CallFact): void {
    this.list.push(call);
  }

  /** Index of the first call whose order is greater than `order`. */
  firstAfter(order: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      countWork('rule');
      const mid = (lo + hi) >> 1;
      if (this.list[mid].order <= order) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface CallIndex {
  /** EXPIRE-family calls by `scopeKey` + key text. */
  expiresByScopeKey: Map<string, OrderedCalls>;
  /** EXPIRE-family calls by scope (for writes whose keys cannot be listed). */
  expiresByScope: Map<string, OrderedCalls>;
  /** Calls that give a key a TTL (EXPIRE family, SET with a TTL, SETEX/PSETEX), by key text. */
  ttlSettersByKey: Map<string, OrderedCalls>;
  /** Scripts (EVAL/FCALL…) that may set a TTL on any key they are given. */
  scripts: CallFact[];
  /** Direct (not batched) writes by `scopeKey` + key text. */
  writesByScopeKey: Map<string, OrderedCalls>;
  /** Direct writes by key text, whatever their scope (an EXPIRE may sit in the write's callback). */
  writesByKey: Map<string, OrderedCalls>;
  /** Reads that tell whether a key exists (EXISTS, GET, HGETALL…), by key text (see existingKey.ts). */
  probesByKey: Map<string, OrderedCalls>;
}

/** Reads whose answer says whether the key exists. */
const PROBES = new Set(['exists', 'get', 'getbuffer', 'hget', 'hgetall', 'hexists', 'smembers', 'lrange', 'zrange']);

const cache = new WeakMap<readonly CallFact[], CallIndex>();

function push(map: Map<string, OrderedCalls>, key: string, call: CallFact): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = new OrderedCalls()));
  list.add(call);
}

/** The index of a file's calls (which are sorted by order); built on first use and cached. */
export function callIndex(calls: readonly CallFact[]): CallIndex {
  const cached = cache.get(calls);
  if (cached) return cached;
  const index: CallIndex = { expiresByScopeKey: new Map(), expiresByScope: new Map(), ttlSettersByKey: new Map(), scripts: [], writesByScopeKey: new Map(), writesByKey: new Map(), probesByKey: new Map() };
  for (const call of calls) {
    countWork('rule');
    const key = keyText(call.args[0]);
    if (EXPIRE_COMMANDS.has(call.command)) {
      push(index.expiresByScope, call.scopeKey, call);
      if (key !== null) push(index.expiresByScopeKey, `${call.scopeKey}\n${key}`, call);
    }
    const ttlSet = call.command === 'setex' || call.command === 'psetex' || (call.command === 'set' && setOptions(call).ttl);
    if (key !== null && (EXPIRE_COMMANDS.has(call.command) || ttlSet)) {
      push(index.ttlSettersByKey, key, call);
    }
    if (EVAL_COMMANDS.has(call.command) && call.command !== 'scriptload' && call.command !== 'script' && call.command !== 'definecommand') index.scripts.push(call);
    if (key !== null && WRITE_COMMANDS.has(call.command) && call.client.via === 'client') {
      push(index.writesByScopeKey, `${call.scopeKey}\n${key}`, call);
      push(index.writesByKey, key, call);
    }
    if (key !== null && PROBES.has(call.command)) push(index.probesByKey, key, call);
  }
  cache.set(calls, index);
  return index;
}
