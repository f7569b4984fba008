import type { RedisClient } from '../connection/clientFactory';
import { readKeyHeader } from './keyHeader';
import type { ClipboardLimits, ClipboardValue } from './valueKind';
import { kindOf } from './valueKinds';

/**
 * A key's value as clipboard text, rendered by its kind (`VALUE_KINDS`): a string as stored
 * (escaped when binary), a collection as JSON of its first `pageSize` items, read with the same
 * paged commands as the editor.
 */
export async function clipboardValue(client: RedisClient, key: Buffer, limits: ClipboardLimits): Promise<ClipboardValue> {
  const header = await readKeyHeader(client, key);
  const kind = kindOf(header.type);
  if (!kind) throw new Error(`Keys of type "${header.type}" cannot be copied as text.`);
  return kind.clipboardText({ client, key, header }, limits);
}
