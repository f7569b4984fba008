/** What an add-if-absent write (SET NX, SETNX) is for, read from its names: a lock, a value, or unknown. */
import type { CallFact } from '../extract/facts';
import { writeWords } from '../extract/identifierWords';

/** Words that say a write takes a lock (in its key, its value, or the class and function it is written from). */
const LOCK_WORDS = new Set([
  'lock', 'locks', 'locked', 'locking', 'mutex', 'semaphore', 'leader', 'leadership', 'lease', 'claim', 'claimed', 'acquire',
  'acquired', 'holder', 'owner', 'exclusive', 'singleton', 'running', 'processing', 'busy', 'guard', 'token', 'redlock',
]);

/** Words of an add-if-absent that is no lock: a counter's first value, a cache entry, a default. */
const VALUE_WORDS = new Set([
  'cache', 'cached', 'count', 'counter', 'counters', 'seq', 'sequence', 'autoinc', 'autoincrement', 'increment', 'incr',
  'init', 'initial', 'default', 'defaults', 'version', 'stats', 'total', 'totals', 'time', 'timestamp', 'date', 'now',
  // A session store creates a session only if its id is free (and destroys it with a plain DEL).
  'session', 'sessions', 'sess',
]);

/**
 * `setnx('lock:a', token)`, `acquire() { … set(key, id, 'NX') }`: 'lock'. `setnx(key + ':_autoinc', 1)`, a cache's
 * `add(key, value)`: 'value' (an add-if-absent, not a lock). Neither: 'unknown'.
 */
export function nxIntent(call: CallFact): 'lock' | 'value' | 'unknown' {
  const words = writeWords(call, call.args[0], call.args[1]);
  if (words.some((w) => LOCK_WORDS.has(w))) return 'lock';
  return words.some((w) => VALUE_WORDS.has(w)) ? 'value' : 'unknown';
}
