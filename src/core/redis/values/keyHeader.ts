import type { RedisClient } from '../connection/clientFactory';
import { nodeForKey } from '../cluster/clusterRouting';
import { KeyNotFoundError } from './valueErrors';
import { kindOf } from './valueKinds';
import type { KeyHeader } from './valueTypes';

/**
 * What the value editor shows above a value. Everything is asked of the node that owns the key
 * (ioredis would send OBJECT and MEMORY to a random Cluster node), in one round trip, then one
 * more for the size command of the key's kind (STRLEN, HLEN, SCARD, ZCARD, LLEN, XLEN). Optional
 * facts that fail (ACL, old servers) are left out.
 */
export async function readKeyHeader(client: RedisClient, key: Buffer): Promise<KeyHeader> {
  const node = await nodeForKey(client, key);
  const replies = await node
    .pipeline()
    .type(key)
    .pttl(key)
    .callBuffer('OBJECT', 'ENCODING', key)
    .callBuffer('MEMORY', 'USAGE', key)
    .exec();
  if (!replies) throw new Error('The connection closed while reading the key.');
  const [[typeError, type], [, pttl], [encodingError, encoding], [memoryError, memory]] = replies;
  if (typeError) throw typeError;
  if (type === 'none') throw new KeyNotFoundError(key);
  const header: KeyHeader = { key, type: String(type), ttlMs: typeof pttl === 'number' && pttl >= 0 ? pttl : null };
  if (!encodingError && Buffer.isBuffer(encoding)) header.encoding = encoding.toString();
  if (!memoryError && typeof memory === 'number') header.memoryBytes = memory;
  const sizeCommand = kindOf(header.type)?.sizeCommand;
  if (sizeCommand) header.size = Number(await node.call(sizeCommand, key));
  return header;
}
