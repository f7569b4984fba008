/**
 * Which arguments of a command are keys, whether it reads or writes them, and the Redis type it
 * implies (HSET → hash, GET → string; DEL or EXPIRE imply none). Every command here is extracted
 * (extract/commands.ts adds them all); access and type follow the server's `COMMAND INFO` (checked
 * against a real server by test/integration/analysis/keyCommandTable.test.ts).
 */

export type KeyAccess = 'read' | 'write';
export type RedisType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream' | 'hyperloglog';

/** first: the first argument; all: every argument; pairs: every other one (MSET); two: the first two; allButLast: BLPOP's keys before the timeout. */
export type KeyPositions = 'first' | 'all' | 'pairs' | 'two' | 'allButLast';

export interface KeyCommand {
  access: KeyAccess;
  type: RedisType | null;
  keys: KeyPositions;
  /** A write that can create the key (SET, HSET, LPUSH): where a TTL policy matters. Removals (SPOP, HDEL), LINSERT or GETEX never create one. */
  creates: boolean;
}

const table: Record<string, KeyCommand> = {};

/** Writes that only change or remove what exists: they never create the key, so they have no TTL policy. */
const NEVER_CREATE = new Set(
  (
    'getex getdel hdel srem spop lpop rpop lset ltrim lrem linsert lpushx rpushx blpop brpop zrem zremrangebyscore zremrangebyrank zremrangebylex ' +
    'zpopmin zpopmax bzpopmin bzpopmax xdel xtrim xack xclaim xautoclaim xsetid'
  ).split(' '),
);

function define(access: KeyAccess, type: RedisType | null, keys: KeyPositions, names: string): void {
  for (const name of names.split(/\s+/)) if (name) table[name] = { access, type, keys, creates: access === 'write' && type !== null && !NEVER_CREATE.has(name) };
}

define('read', 'string', 'first', 'get getrange substr strlen getbit bitcount bitpos bitfield_ro');
define('write', 'string', 'first', 'getex bitfield');
define('read', 'string', 'all', 'mget');
define('write', 'string', 'first', 'set setnx setex psetex getset getdel incr incrby incrbyfloat decr decrby append setrange setbit');
define('write', 'string', 'pairs', 'mset msetnx');
define('read', 'hash', 'first', 'hget hmget hgetall hexists hlen hkeys hvals hscan hscanstream hscaniterator hstrlen hrandfield');
define('write', 'hash', 'first', 'hset hmset hsetnx hdel hincrby hincrbyfloat');
define('read', 'list', 'first', 'lrange llen lindex lpos');
define('write', 'list', 'first', 'lpush rpush lpushx rpushx lpop rpop lset ltrim lrem linsert');
define('write', 'list', 'two', 'lmove blmove rpoplpush brpoplpush');
define('write', 'list', 'allButLast', 'blpop brpop');
define('read', 'set', 'first', 'smembers sismember smismember scard srandmember sscan sscanstream sscaniterator');
define('read', 'set', 'all', 'sunion sinter sdiff');
define('write', 'set', 'first', 'sadd srem spop');
define('write', 'set', 'two', 'smove');
define('write', 'set', 'all', 'sunionstore sinterstore sdiffstore');
define('read', 'zset', 'first', 'zrange zrangebyscore zrevrange zrevrangebyscore zrangebylex zrevrangebylex zlexcount zrandmember zscore zmscore zrank zrevrank zcard zcount zscan zscanstream zscaniterator');
define('write', 'zset', 'first', 'zadd zincrby zrem zremrangebyscore zremrangebyrank zremrangebylex zpopmin zpopmax');
// Geo indexes are sorted sets.
define('read', 'zset', 'first', 'geodist geopos geohash geosearch georadius_ro georadiusbymember_ro');
define('write', 'zset', 'first', 'geoadd');
define('write', 'zset', 'allButLast', 'bzpopmin bzpopmax');
define('read', 'stream', 'first', 'xrange xrevrange xlen xpending');
define('write', 'stream', 'first', 'xadd xtrim xdel xack xclaim xautoclaim xsetid');
define('write', 'hyperloglog', 'first', 'pfadd');
define('read', 'hyperloglog', 'all', 'pfcount');
define('write', null, 'all', 'del unlink');
define('read', null, 'all', 'exists touch watch');
define('write', null, 'first', 'expire pexpire expireat pexpireat persist');
define('read', null, 'first', 'ttl pttl type');
define('write', null, 'two', 'rename renamenx copy');

/** Every command of the table (lower case): the analyzer extracts them all. */
export const KEY_COMMAND_NAMES: readonly string[] = Object.keys(table);

export function keyCommand(command: string): KeyCommand | undefined {
  return Object.prototype.hasOwnProperty.call(table, command) ? table[command] : undefined;
}

/** Indices of the key arguments among `count` arguments. */
export function keyIndices(positions: KeyPositions, count: number): number[] {
  switch (positions) {
    case 'first':
      return count > 0 ? [0] : [];
    case 'two':
      return [0, 1].filter((i) => i < count);
    case 'pairs':
      return Array.from({ length: Math.floor(count / 2) }, (_, i) => 2 * i);
    case 'all':
      return Array.from({ length: count }, (_, i) => i);
    case 'allButLast':
      return Array.from({ length: Math.max(0, count - 1) }, (_, i) => i);
  }
}
