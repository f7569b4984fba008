import type { RedisClient } from '../../connection/clientFactory';
import { asInteger } from '../replies';
import { isReplyError } from '../valueErrors';

/** Redis stores a HyperLogLog as a string that starts with this magic, then a 12-byte header. */
const MAGIC = Buffer.from('HYLL');
const HEADER_BYTES = 16;

export interface HyperLogLogCount {
  /** PFCOUNT: the estimated number of distinct elements (standard error 0.81 %). */
  count: number;
  /** Redis' own encoding of the registers: sparse for small counts, dense (12 KB) beyond. */
  representation: 'sparse' | 'dense';
}

/** True when a string value's first bytes are a HyperLogLog header (PFCOUNT confirms it). */
export function looksLikeHyperLogLog(firstBytes: Buffer): boolean {
  return firstBytes.length >= HEADER_BYTES && firstBytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/**
 * PFCOUNT of a string that looks like a HyperLogLog; undefined when Redis says it is not one (a
 * plain string that happens to start with "HYLL" is shown as a string).
 */
export async function countHyperLogLog(client: RedisClient, key: Buffer, firstBytes: Buffer): Promise<HyperLogLogCount | undefined> {
  try {
    const count = asInteger(await client.callBuffer('PFCOUNT', key), 'PFCOUNT');
    return { count, representation: firstBytes[4] === 1 ? 'sparse' : 'dense' };
  } catch (error) {
    if (isReplyError(error, 'INVALIDOBJ') || isReplyError(error, 'WRONGTYPE')) return undefined;
    throw error;
  }
}
