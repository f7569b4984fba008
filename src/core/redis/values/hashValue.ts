import type { RedisClient } from '../connection/clientFactory';
import type { WriteGuard } from '../safety/writeGuard';
import { formatKeyName } from '../keyspace/keyName';
import { asInteger, asNullableBuffer, pairUp } from './replies';
import { ItemGoneError } from './valueErrors';
import { collectScanPage, scanArgs } from './scanPage';
import type { HashField, ScanOptions, ScanPage } from './valueTypes';

/** A page of fields (HSCAN, never HGETALL), optionally only fields matching `match`. */
export function scanHash(client: RedisClient, key: Buffer, options: ScanOptions = {}): Promise<ScanPage<HashField>> {
  return collectScanPage(
    (cursor, count) => client.callBuffer('HSCAN', key, cursor, ...scanArgs(options, count)),
    (flat) => pairUp(flat, 'HSCAN').map(([field, value]) => ({ field, value })),
    (item) => item.field,
    options,
  );
}

/** HSET (or HSETNX with `onlyIfNew`); true when the field was created rather than changed. */
export async function setHashField(client: RedisClient, key: Buffer, field: Buffer, value: Buffer, guard: WriteGuard, onlyIfNew = false): Promise<boolean> {
  const command = onlyIfNew ? 'HSETNX' : 'HSET';
  guard(command);
  return asInteger(await client.callBuffer(command, key, field, value), command) === 1;
}

/** HDEL; the number of fields that existed. Deleting the last field deletes the key (Redis does). */
export async function deleteHashFields(client: RedisClient, key: Buffer, fields: Buffer[], guard: WriteGuard): Promise<number> {
  guard('HDEL');
  if (fields.length === 0) return 0;
  return asInteger(await client.callBuffer('HDEL', key, ...fields), 'HDEL');
}

/** HGET of a field shown on a page (its whole value, which the page showed cut). */
export async function readHashField(client: RedisClient, key: Buffer, field: Buffer): Promise<Buffer> {
  const value = asNullableBuffer(await client.callBuffer('HGET', key, field), 'HGET');
  if (value === null) throw new ItemGoneError(`Field ${formatKeyName(field.subarray(0, 64))} of ${formatKeyName(key)}`);
  return value;
}
