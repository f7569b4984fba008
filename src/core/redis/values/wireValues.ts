import { displayBytes } from '../bytes/bytesDisplay';
import { keyFromId, keyId, parseKeyName } from '../keyspace/keyName';
import type { KeyHeader } from './valueTypes';
import { describeValue } from './valueText';
import type { EditedBytes, WireBytes, WireHeader } from '../../protocol/keyEditor';

/** Characters of one cell sent to the page; a bigger value is shown cut and is not editable in place. */
export const CELL_TEXT_LIMIT = 64 * 1024;

/**
 * Bytes for the page: UTF-8 text as it is when it is readable (no hidden control characters),
 * otherwise redis-cli escapes, which {@link bytesFromEdit} turns back into the same bytes.
 */
export function wireBytes(bytes: Buffer, limit = CELL_TEXT_LIMIT): WireBytes {
  const shown = bytes.length > limit ? bytes.subarray(0, utf8Boundary(bytes, limit)) : bytes;
  const escaped = describeValue(shown).format === 'binary';
  let text = escaped ? displayBytes(shown) : shown.toString('utf8');
  const truncated = shown.length < bytes.length || text.length > limit;
  if (text.length > limit) text = text.slice(0, limit);
  return { id: keyId(bytes), mode: escaped ? 'escaped' : 'text', text, bytes: bytes.length, ...(truncated ? { truncated } : {}) };
}

/** Where to cut at most `limit` bytes without splitting a UTF-8 character (which would read as binary). */
function utf8Boundary(bytes: Buffer, limit: number): number {
  let end = limit;
  while (end > limit - 3 && end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return (bytes[end] & 0xc0) === 0x80 ? limit : end;
}

/** The bytes the user means by what they typed (escapes are parsed only in `escaped` mode). */
export function bytesFromEdit(edited: EditedBytes): Buffer {
  return edited.mode === 'escaped' ? parseKeyName(edited.text) : Buffer.from(edited.text, 'utf8');
}

/** The bytes a page names by a {@link WireBytes.id}. */
export function bytesFromId(id: string): Buffer {
  return keyFromId(id);
}

export function wireHeader(header: KeyHeader, readAt = Date.now()): WireHeader {
  return {
    type: header.type,
    ttlMs: header.ttlMs,
    readAt,
    ...(header.encoding !== undefined ? { encoding: header.encoding } : {}),
    ...(header.size !== undefined ? { size: header.size } : {}),
    ...(header.memoryBytes !== undefined ? { memoryBytes: header.memoryBytes } : {}),
  };
}
