import type { RedisClient } from '../connection/clientFactory';
import type { WriteGuard } from '../safety/writeGuard';
import { asInteger } from './replies';
import { KeyExistsError } from './valueErrors';

/** The first content of a new key: Redis has no empty collections, so each type needs one element. */
export type NewKeyValue =
  | { type: 'string'; value: Buffer }
  | { type: 'hash'; fields: [Buffer, Buffer][] }
  | { type: 'list'; items: Buffer[] }
  | { type: 'set'; members: Buffer[] }
  | { type: 'zset'; members: { member: Buffer; score: string }[] }
  | { type: 'stream'; fields: [Buffer, Buffer][] }
  | { type: 'json'; json: string };

const WRITE_COMMAND: Record<NewKeyValue['type'], string> = { string: 'SET', hash: 'HSET', list: 'RPUSH', set: 'SADD', zset: 'ZADD', stream: 'XADD', json: 'JSON.SET' };

/**
 * Creates a key with an optional TTL, never touching an existing one ({@link KeyExistsError}).
 * The value and the TTL are written atomically — SET … NX EX for strings, MULTI/EXEC for the
 * rest — so a failure cannot leave a key that never expires. JSON needs the RedisJSON module.
 */
export async function createKey(client: RedisClient, key: Buffer, value: NewKeyValue, guard: WriteGuard, ttlSeconds?: number): Promise<void> {
  guard(WRITE_COMMAND[value.type]);
  if (ttlSeconds !== undefined) {
    guard('EXPIRE');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`A TTL must be a whole positive number of seconds (got ${ttlSeconds}).`);
  }
  if (value.type === 'string') {
    const reply = await client.callBuffer('SET', key, value.value, 'NX', ...(ttlSeconds ? ['EX', String(ttlSeconds)] : []));
    if (reply === null) throw new KeyExistsError(key);
    return;
  }
  // Collections have no NX form: check first (a key created in the instant between is the only gap).
  if (asInteger(await client.exists(key), 'EXISTS') > 0) throw new KeyExistsError(key);
  const args = firstWriteArgs(value);
  if (args.length === 0) throw new RangeError(`A new ${value.type} needs at least one element: Redis deletes empty collections.`);
  const transaction = client.multi().callBuffer(WRITE_COMMAND[value.type], key, ...args);
  if (ttlSeconds) transaction.expire(key, ttlSeconds);
  const replies = await transaction.exec();
  if (!replies) throw new Error('Creating the key was aborted.');
  for (const [error] of replies) if (error) throw error;
  if (value.type === 'json' && replies[0][1] === null) throw new KeyExistsError(key);
}

function firstWriteArgs(value: Exclude<NewKeyValue, { type: 'string' }>): (Buffer | string)[] {
  switch (value.type) {
    case 'json':
      JSON.parse(value.json);
      return ['$', value.json, 'NX'];
    case 'hash':
      return value.fields.flat();
    case 'list':
      return value.items;
    case 'set':
      return value.members;
    case 'zset':
      return value.members.flatMap((m) => [m.score, m.member]);
    case 'stream':
      return value.fields.length ? ['*', ...value.fields.flat()] : [];
  }
}
