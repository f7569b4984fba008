import { CompactEncodingError, intsetCount, listpackCount, ziplistCount, zipmapCount } from './compactEncodings';
import type { RdbPrimitives } from './rdbPrimitives';
import { corruptedError } from './rdbErrors';

export type BlobKind = 'listpack' | 'ziplist' | 'intset' | 'zipmap';

export interface BlobFacts {
  /** Decoded size in bytes (what the server allocates for it). */
  length: number;
  /** Entries in the blob. */
  entries: number;
  /** True when the blob was larger than the limit and its entries were estimated from its size. */
  estimated: boolean;
}

const COUNTERS: Record<BlobKind, (blob: Uint8Array) => number> = { listpack: listpackCount, ziplist: ziplistCount, intset: intsetCount, zipmap: zipmapCount };
/** Header bytes that hold the entry count when it did not saturate. */
const HEADER_BYTES: Record<BlobKind, number> = { listpack: 6, ziplist: 10, intset: 8, zipmap: 1 };
/** Rough bytes per entry, for counting a blob too big to hold whose header count saturated. */
const BYTES_PER_ENTRY_GUESS = 11;

/**
 * Reads a compact blob stored as an RDB string and counts its entries. A blob up to `limit` bytes
 * is read whole (LZF-decompressed if needed); a bigger uncompressed one is counted from its
 * header and skipped; a bigger compressed one is estimated from its size. Memory stays bounded.
 */
export function readBlob(p: RdbPrimitives, kind: BlobKind, limit: number, what: string): BlobFacts {
  const at = p.position;
  const h = p.readStringHeader(what);
  const length = h.length;
  if (h.kind === 1) throw p.error(`${what} is stored as an integer, not as a ${kind}`);
  if (length <= limit) {
    const payload = p.readPayload(h, limit, what) as Buffer;
    return { length, entries: count(kind, payload, at), estimated: false };
  }
  if (h.kind === 0 && kind !== 'zipmap') {
    const header = p.reader.take(HEADER_BYTES[kind], what);
    const entries = headerCount(kind, header, length);
    p.reader.skip(length - HEADER_BYTES[kind], what);
    return { length, entries: entries ?? Math.round(length / BYTES_PER_ENTRY_GUESS), estimated: entries === null };
  }
  p.skipPayload(h, what);
  return { length, entries: Math.round(length / BYTES_PER_ENTRY_GUESS), estimated: true };
}

function count(kind: BlobKind, blob: Uint8Array, at: number): number {
  try {
    return COUNTERS[kind](blob);
  } catch (err) {
    if (err instanceof CompactEncodingError) throw corruptedError(at, err.message);
    throw err;
  }
}

function headerCount(kind: BlobKind, header: Buffer, length: number): number | null {
  if (kind === 'intset') return (length - 8) / header.readUInt32LE(0);
  const n = kind === 'listpack' ? header.readUInt16LE(4) : header.readUInt16LE(8);
  return n === 0xffff ? null : n;
}
