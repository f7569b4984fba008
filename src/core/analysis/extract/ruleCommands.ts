/**
 * Commands the later rules look at (cross-slot keys, round trips in loops, blocking reads, pub/sub,
 * collection growth, lock release, Lua). Kept apart from commands.ts, which lists the commands of
 * the TTL and KEYS rules; both feed the one candidate pattern.
 */

/** Commands that block the connection until data arrives or a timeout passes. */
export const BLOCKING_COMMANDS = new Set(['blpop', 'brpop', 'blmove', 'brpoplpush', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'wait', 'waitaof']);

/** Stream reads that block only with a BLOCK option. */
export const STREAM_READS = new Set(['xread', 'xreadgroup']);

/** Commands that put a connection into subscriber mode. */
export const SUBSCRIBE_COMMANDS = new Set(['subscribe', 'psubscribe', 'ssubscribe']);

/** Commands a subscribed connection may still send. */
export const PUBSUB_COMMANDS = new Set([...SUBSCRIBE_COMMANDS, 'unsubscribe', 'punsubscribe', 'sunsubscribe', 'ping']);

/** Commands that remove elements from (or bound) a list, sorted set or stream. */
export const SHRINKING_COMMANDS = new Set([
  'ltrim',
  'lpop',
  'rpop',
  'lmove',
  'blmove',
  'rpoplpush',
  'brpoplpush',
  'lrem',
  'blpop',
  'brpop',
  'lmpop',
  'blmpop',
  'zrem',
  'zremrangebyscore',
  'zremrangebyrank',
  'zremrangebylex',
  'zpopmin',
  'zpopmax',
  'bzpopmin',
  'bzpopmax',
  'zmpop',
  'bzmpop',
  'xtrim',
  'xdel',
  'del',
  'unlink',
  'getdel',
  'rename',
]);

/** Multi-key commands whose every argument is a key. */
export const ALL_KEYS_COMMANDS = new Set(['mget', 'del', 'unlink', 'exists', 'touch', 'watch', 'sunion', 'sinter', 'sdiff', 'sunionstore', 'sinterstore', 'sdiffstore', 'pfcount', 'pfmerge']);

/** Commands whose first two arguments are keys. */
export const TWO_KEYS_COMMANDS = new Set(['rename', 'renamenx', 'smove', 'lmove', 'blmove', 'rpoplpush', 'brpoplpush', 'copy']);

/** `dest numkeys key…` (ioredis) or `dest [keys]` (node-redis). */
export const STORE_COMMANDS = new Set(['zunionstore', 'zinterstore', 'zdiffstore']);

/** Single-key reads and writes whose first argument is the key (for MULTI slot checks and loops). */
export const SINGLE_KEY_COMMANDS = new Set([
  'get',
  'getex',
  'getdel',
  'strlen',
  'hget',
  'hmget',
  'hdel',
  'hexists',
  'hlen',
  'hkeys',
  'hvals',
  'sismember',
  'smismember',
  'scard',
  'srem',
  'zscore',
  'zrank',
  'zcard',
  'zcount',
  'zrangebyscore',
  'zrevrange',
  'zrevrangebyscore',
  'zrevrank',
  'llen',
  'lindex',
  'lset',
  'xlen',
  'xrange',
  'xack',
  'ttl',
  'pttl',
  'persist',
  'publish',
]);

/** Cursor scans: loops around them are not round trips to batch. */
export const CURSOR_SCANS = new Set(['scan', 'hscan', 'sscan', 'zscan', 'scanstream', 'hscanstream', 'sscanstream', 'zscanstream', 'scaniterator', 'hscaniterator', 'sscaniterator', 'zscaniterator']);

/** Server-side functions: `fcall`, `function('LOAD', …)` / `functionLoad`. */
export const FUNCTION_COMMANDS = new Set(['fcall', 'fcall_ro', 'fcallro', 'functionload', 'function']);

export const RULE_COMMANDS = new Set([
  ...BLOCKING_COMMANDS,
  ...STREAM_READS,
  ...PUBSUB_COMMANDS,
  ...SHRINKING_COMMANDS,
  ...ALL_KEYS_COMMANDS,
  ...TWO_KEYS_COMMANDS,
  ...STORE_COMMANDS,
  ...SINGLE_KEY_COMMANDS,
  ...CURSOR_SCANS,
  ...FUNCTION_COMMANDS,
]);
