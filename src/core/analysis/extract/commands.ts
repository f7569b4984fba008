/**
 * The Redis commands the rules look at, and the text patterns that find their call sites
 * cheaply. The patterns only need recall: every match is checked against the syntax tree.
 */
import { KEY_COMMAND_NAMES } from './keyCommands';
import { RULE_COMMANDS } from './ruleCommands';

/** Commands that write a key's value (and keep an existing TTL, except SET-like ones). */
export const WRITE_COMMANDS = new Set([
  'set',
  'setnx',
  'mset',
  'msetnx',
  'getset',
  'incr',
  'incrby',
  'incrbyfloat',
  'decr',
  'decrby',
  'hset',
  'hmset',
  'hsetnx',
  'hincrby',
  'hincrbyfloat',
  'sadd',
  'zadd',
  'zincrby',
  'lpush',
  'rpush',
  'lpushx',
  'rpushx',
  'xadd',
  'append',
  'setrange',
  'setbit',
  'pfadd',
]);

export const EXPIRE_COMMANDS = new Set(['expire', 'pexpire', 'expireat', 'pexpireat']);

/** Key-less walks of the keyspace: one node's keys on a Cluster connection. */
export const SCAN_COMMANDS = new Set(['scan', 'scanstream', 'scaniterator']);
export const EVAL_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalro', 'fcall', 'definecommand', 'scriptload', 'script']);

export const COMMANDS = new Set([
  ...RULE_COMMANDS,
  ...WRITE_COMMANDS,
  ...EXPIRE_COMMANDS,
  ...EVAL_COMMANDS,
  // Every command with key arguments, so that each call names its keys (key patterns).
  ...KEY_COMMAND_NAMES,
  'keys',
  'scan',
  'scanstream',
  'scaniterator',
  'setex',
  'psetex',
  'flushall',
  'flushdb',
  'hgetall',
  'smembers',
  'lrange',
  'zrange',
]);

/** Methods whose first argument names the command (`call('keys', …)`, `sendCommand(['KEYS', …])`). */
export const RAW_METHODS = new Set(['call', 'callbuffer', 'sendcommand', 'send_command']);

/**
 * `client.hGetAll` → `hgetall`; `keysBuffer` → `keys`; node-redis v3 promisified with Bluebird's
 * `promisifyAll` (`getAsync`, `hgetallAsync`) → `get`, `hgetall`; unknown methods → undefined.
 */
export function canonicalCommand(method: string): string | undefined {
  let lower = method.toLowerCase();
  if (COMMANDS.has(lower)) return lower;
  if (lower.endsWith('async')) lower = lower.slice(0, -5);
  if (lower.endsWith('buffer')) lower = lower.slice(0, -6);
  return COMMANDS.has(lower) ? lower : undefined;
}

/** Listener methods: `.on('error', …)` registers an error listener. */
export const LISTENER_METHODS = ['on', 'once', 'addlistener', 'prependlistener'];

const methodAlternatives = [...COMMANDS, ...RAW_METHODS, ...LISTENER_METHODS, 'pipeline', 'multi']
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * One pass finds every interesting method call: `.keys(`, `?.hGetAll(`, `.get<T>(`, `.call(`, `.on(`…
 * Group 1 is the method name.
 */
export const METHOD_CALL_RE = new RegExp(`(?:\\.|\\?\\.)\\s*((?:${methodAlternatives})(?:buffer)?(?:async)?)\\s*(?:\\?\\.\\s*)?[(<]`, 'gid');

/**
 * Any method whose first argument is a command name, alone or opening an array: a project's own
 * raw-command wrapper (`redis.send('KEYS', p)`, `db.run(['keys', p])`). Group 1 is the method,
 * group 2 the `[` if any, group 3 the command word; what follows must be `,`, `]` or `)`.
 */
export const RAW_SHAPE_RE = /(?:\.|\?\.)\s*([A-Za-z_$][\w$]*)\s*\(\s*(\[\s*)?['"`]([A-Za-z]+)['"`]\s*[,\])]/dg;

/** Right after `.call(` / `.sendCommand(`: the command name (group 1). */
export const RAW_COMMAND_AFTER_RE = /\s*\[?\s*['"`]([A-Za-z_.]+)['"`]/y;

/** Right after `.on(`: is it the `'error'` event? */
export const ERROR_EVENT_AFTER_RE = /\s*['"`]error['"`]/y;

export const SUPPRESSION_WORD = 'redis-specialist-disable';
export const SUPPRESSION_RE = /redis-specialist-disable(-next-line|-line)?\b([^\n]*)/g;

/** Option tokens of SET that give the key a TTL (or keep its TTL). */
export const TTL_TOKENS = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl']);

/** Lua source sent to Redis: it calls `redis.call`/`redis.pcall` (or names one, `local rcall = redis.call`). */
export const LUA_CALL = /\bredis\s*\.\s*p?call\b/;
