import type { RedisClient } from '../connection/clientFactory';
import type { WriteGuard } from '../safety/writeGuard';
import { asBuffer, asInteger } from './replies';
import { collectScanPage, scanArgs } from './scanPage';
import type { ScanOptions, ScanPage } from './valueTypes';

/** A page of members (SSCAN, never SMEMBERS), optionally only members matching `match`. */
export function scanSet(client: RedisClient, key: Buffer, options: ScanOptions = {}): Promise<ScanPage<Buffer>> {
  return collectScanPage(
    (cursor, count) => client.callBuffer('SSCAN', key, cursor, ...scanArgs(options, count)),
    (flat) => flat.map((m) => asBuffer(m, 'SSCAN')),
    (member) => member,
    options,
  );
}

/** SADD; how many members were new. */
export async function addSetMembers(client: RedisClient, key: Buffer, members: Buffer[], guard: WriteGuard): Promise<number> {
  guard('SADD');
  if (members.length === 0) return 0;
  return asInteger(await client.callBuffer('SADD', key, ...members), 'SADD');
}

/** SREM; how many members were there. */
export async function removeSetMembers(client: RedisClient, key: Buffer, members: Buffer[], guard: WriteGuard): Promise<number> {
  guard('SREM');
  if (members.length === 0) return 0;
  return asInteger(await client.callBuffer('SREM', key, ...members), 'SREM');
}
