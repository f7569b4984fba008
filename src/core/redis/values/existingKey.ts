import type { RedisClient } from '../connection/clientFactory';
import { KeyNotFoundError, KeyTypeError } from './valueErrors';
import type { KeyType } from './valueTypes';

/**
 * An edit from an open editor changes a key that exists: HSET, SADD, ZADD, RPUSH and XADD would
 * silently re-create a key deleted (or expired) since the page was read. Checked right before
 * the write; a key deleted in between the two commands is the one case left.
 */
export async function requireKeyOfType(client: RedisClient, key: Buffer, expected: KeyType): Promise<void> {
  const type = String(await client.type(key));
  if (type === 'none') throw new KeyNotFoundError(key);
  if (type !== expected) throw new KeyTypeError(key, expected, type);
}
