import { Cluster } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { deadlinesOf } from '../connection/commandDeadline';

/**
 * During a Sentinel failover the old master keeps accepting writes until it is demoted, and
 * those writes are lost when it resyncs from the new master: a save the editor confirmed, or a
 * delete the bulk delete counted, silently comes undone (and gets counted again). On a
 * Sentinel connection a write is therefore confirmed only once a replica acknowledged it (WAIT)
 * on the same connection that carried the write.
 */
export class UnconfirmedWriteError extends Error {
  override readonly name = 'UnconfirmedWriteError';
  constructor(readonly timeoutMs: number) {
    super(`No replica confirmed the write within ${timeoutMs} ms: a failover may be under way and the change may be lost. Check the value once the connection is back, then try again.`);
  }
}

/** Which connection a write is about to go over; pass it to {@link confirmReplicated} after the write. */
export function writeMark(client: RedisClient): number {
  return connectionEpoch(client);
}

/**
 * Resolves once a replica has the writes sent on `client` since `mark`; throws
 * {@link UnconfirmedWriteError} when none confirms them in time, or when the client reconnected
 * in between (a WAIT answered by the new master would vouch for writes the old one took).
 * Only Sentinel connections wait.
 */
export async function confirmReplicated(client: RedisClient, mark: number): Promise<void> {
  if (client instanceof Cluster || !client.options.sentinels?.length) return;
  const timeoutMs = deadlinesOf(client).commandTimeoutMs;
  const acknowledged = Number(await client.call('WAIT', '1', String(timeoutMs)));
  if (!(acknowledged >= 1) || connectionEpoch(client) !== mark) throw new UnconfirmedWriteError(timeoutMs);
}

/** ioredis counts its connections; the count is not in its typings. */
function connectionEpoch(client: RedisClient): number {
  return (client as unknown as { connectionEpoch?: number }).connectionEpoch ?? 0;
}
