/**
 * The Redis commands the rules look at, and the text patterns that find their call sites
 * cheaply. The patterns only need recall: every match is checked against the syntax tree.
 */

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
export const EVAL_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalro', 'fcall', 'definecommand', 'scriptload', 'script']);

export const COMMANDS = new Set([
  ...WRITE_COMMANDS,
  ...EXPIRE_COMMANDS,
  ...EVAL_COMMANDS,
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

/** `client.hGetAll` → `hgetall`; `keysBuffer` → `keys`; unknown methods → undefined. */
export function canonicalCommand(method: string): string | undefined {
  const lower = method.toLowerCase();
  if (COMMANDS.has(lower)) return lower;
  if (lower.endsWith('buffer') && COMMANDS.has(lower.slice(0, -6))) return lower.slice(0, -6);
  return undefined;
}

const methodAlternatives = [...COMMANDS, 'pipeline', 'multi'].sort((a, b) => b.length - a.length).join('|');

/** `.keys(`, `?.hGetAll(`, `.get<T>(`… — group 1 is the method name. */
export const METHOD_CALL_RE = new RegExp(`(?:\\.|\\?\\.)\\s*((?:${methodAlternatives})(?:buffer)?)\\s*(?:\\?\\.\\s*)?[(<]`, 'gi');

/** `.call('keys'`, `.sendCommand(['KEYS'` — group 1 method, group 2 command. */
export const RAW_CALL_RE = /(?:\.|\?\.)\s*(call|callBuffer|sendCommand|send_command)\s*\(\s*\[?\s*['"`]([A-Za-z_.]+)['"`]/g;

/** `.on('error'` and friends. */
export const ERROR_LISTENER_RE = /(?:\.|\?\.)\s*(on|once|addListener|prependListener)\s*\(\s*['"`]error['"`]/g;

export const SUPPRESSION_RE = /redis-specialist-disable(-next-line|-line)?\b([^\n]*)/g;

/** Option tokens of SET that give the key a TTL (or keep its TTL). */
export const TTL_TOKENS = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl']);
