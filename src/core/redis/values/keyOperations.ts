import type { RedisClient } from '../connection/clientFactory';
import { isCluster } from '../cluster/clusterRouting';
import { keySlot } from '../keyspace/keySlot';
import type { WriteGuard } from '../safety/writeGuard';
import { asInteger, asNullableBuffer } from './replies';
import { CrossSlotError, isReplyError, KeyExistsError, KeyNotFoundError } from './valueErrors';

/**
 * Renames a key. Without `overwrite` it uses RENAMENX and throws {@link KeyExistsError} when
 * the new name is taken, so the UI can ask; with `overwrite` (the user agreed) RENAME replaces it.
 */
export async function renameKey(client: RedisClient, from: Buffer, to: Buffer, guard: WriteGuard, overwrite = false): Promise<void> {
  const command = overwrite ? 'RENAME' : 'RENAMENX';
  guard(command);
  assertSameSlot(client, 'Renaming', from, to);
  try {
    const reply = await client.callBuffer(command, from, to);
    if (!overwrite && asInteger(reply, command) === 0) throw new KeyExistsError(to);
  } catch (error) {
    if (isReplyError(error, 'ERR no such key')) throw new KeyNotFoundError(from);
    throw error;
  }
}

/** UNLINK (memory is freed in the background); how many of the keys existed. */
export async function deleteKeys(client: RedisClient, keys: Buffer[], guard: WriteGuard): Promise<number> {
  guard('UNLINK');
  if (keys.length === 0) return 0;
  // A Cluster takes a multi-key UNLINK only within one slot; one call per key keeps it simple for a UI-sized selection.
  if (isCluster(client)) {
    const counts = await Promise.all(keys.map(async (key) => asInteger(await client.callBuffer('UNLINK', key), 'UNLINK')));
    return counts.reduce((a, b) => a + b, 0);
  }
  return asInteger(await client.callBuffer('UNLINK', ...keys), 'UNLINK');
}

/** Sets the time to live: PEXPIRE for milliseconds, EXPIRE for whole seconds. */
export async function setKeyTtl(client: RedisClient, key: Buffer, ttl: { seconds: number } | { milliseconds: number }, guard: WriteGuard): Promise<void> {
  const [command, amount] = 'seconds' in ttl ? ['EXPIRE', ttl.seconds] : ['PEXPIRE', ttl.milliseconds];
  guard(command);
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new RangeError(`A TTL must be a whole positive number (got ${amount}). To keep the key forever, remove its TTL instead.`);
  }
  if (asInteger(await client.callBuffer(command, key, String(amount)), command) === 0) throw new KeyNotFoundError(key);
}

/** PERSIST: the key no longer expires. False when it had no TTL; throws when it does not exist. */
export async function persistKey(client: RedisClient, key: Buffer, guard: WriteGuard): Promise<boolean> {
  guard('PERSIST');
  const removed = asInteger(await client.callBuffer('PERSIST', key), 'PERSIST') === 1;
  if (!removed && !(await client.exists(key))) throw new KeyNotFoundError(key);
  return removed;
}

/**
 * Copies a key with its TTL. COPY where the server has it (6.2+) and both names share a slot;
 * otherwise DUMP + RESTORE with the remaining TTL. Throws {@link KeyExistsError} when `to`
 * exists and `replace` is false.
 */
export async function duplicateKey(client: RedisClient, from: Buffer, to: Buffer, guard: WriteGuard, replace = false): Promise<void> {
  const sameSlot = !isCluster(client) || keySlot(from) === keySlot(to);
  if (sameSlot) {
    guard('COPY');
    try {
      const copied = asInteger(await client.callBuffer('COPY', from, to, ...(replace ? ['REPLACE'] : [])), 'COPY');
      if (copied === 1) return;
      if (!(await client.exists(from))) throw new KeyNotFoundError(from);
      throw new KeyExistsError(to);
    } catch (error) {
      if (!isReplyError(error, 'ERR unknown command')) throw error;
    }
  }
  await dumpAndRestore(client, from, to, guard, replace);
}

async function dumpAndRestore(client: RedisClient, from: Buffer, to: Buffer, guard: WriteGuard, replace: boolean): Promise<void> {
  guard('RESTORE');
  const [dump, pttl] = await Promise.all([client.callBuffer('DUMP', from), client.pttl(from)]);
  const payload = asNullableBuffer(dump, 'DUMP');
  if (payload === null) throw new KeyNotFoundError(from);
  try {
    await client.callBuffer('RESTORE', to, String(pttl > 0 ? pttl : 0), payload, ...(replace ? ['REPLACE'] : []));
  } catch (error) {
    if (isReplyError(error, 'BUSYKEY')) throw new KeyExistsError(to);
    throw error;
  }
}

function assertSameSlot(client: RedisClient, operation: string, from: Buffer, to: Buffer): void {
  if (isCluster(client) && keySlot(from) !== keySlot(to)) throw new CrossSlotError(operation, from, to);
}
