import type { ByteReader } from './byteReader';
import { lzfDecompress } from './lzf';
import { RdbStringEncoding } from './rdbFormat';
import { corruptedError, type RdbError } from './rdbErrors';

/**
 * The RDB's building blocks over a {@link ByteReader}: lengths, strings in their three forms
 * (plain, integer, LZF) and the fixed-size numbers. Strings can be read whole (bounded) or only
 * measured, so a value of any size costs no memory.
 */

/** What a string header says, before its payload. */
export interface StringHeader {
  /** 0 plain (`length` bytes follow), 1 integer (no payload), 2 LZF (`compressedLength` bytes follow). */
  kind: 0 | 1 | 2;
  /** Length of the string once decoded (for an integer, of its decimal form). */
  length: number;
  compressedLength: number;
  intValue: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export class RdbPrimitives {
  private readonly header: StringHeader = { kind: 0, length: 0, compressedLength: 0, intValue: 0 };
  /** Set by {@link readLength} when the length byte announced a special string encoding. */
  private encoded = false;

  constructor(readonly reader: ByteReader) {}

  readLength(what: string): number {
    const reader = this.reader;
    const first = reader.u8(what);
    const kind = first >> 6;
    this.encoded = false;
    if (kind === 0) return first & 0x3f;
    if (kind === 1) return ((first & 0x3f) << 8) | reader.u8(what);
    if (kind === 3) {
      this.encoded = true;
      return first & 0x3f;
    }
    if (first === 0x80) {
      const b = reader.take(4, what);
      return b.readUInt32BE(0);
    }
    if (first === 0x81) {
      const at = reader.position;
      const b = reader.take(8, what);
      const value = b.readUInt32BE(0) * 0x1_0000_0000 + b.readUInt32BE(4);
      if (value > MAX_SAFE) throw corruptedError(at, `a length of ${b.readBigUInt64BE(0)} is beyond what any file holds`);
      return value;
    }
    throw corruptedError(reader.position - 1, `0x${first.toString(16)} is not a valid length prefix`);
  }

  /** A 64-bit length as a BigInt (module ids use all 64 bits). */
  readLengthBig(what: string): bigint {
    const first = this.reader.u8(what);
    if (first === 0x81) return this.reader.take(8, what).readBigUInt64BE(0);
    if (first === 0x80) return BigInt(this.reader.take(4, what).readUInt32BE(0));
    const kind = first >> 6;
    if (kind === 0) return BigInt(first & 0x3f);
    if (kind === 1) return BigInt(((first & 0x3f) << 8) | this.reader.u8(what));
    throw corruptedError(this.reader.position - 1, `0x${first.toString(16)} is not a valid length prefix`);
  }

  /** Reads a string header; the payload (if any) is next. The returned object is reused. */
  readStringHeader(what: string): StringHeader {
    const h = this.header;
    const at = this.reader.position;
    const n = this.readLength(what);
    if (!this.encoded) {
      h.kind = 0;
      h.length = n;
      return h;
    }
    const reader = this.reader;
    if (n === RdbStringEncoding.INT8) {
      h.intValue = reader.take(1, what).readInt8(0);
    } else if (n === RdbStringEncoding.INT16) {
      h.intValue = reader.take(2, what).readInt16LE(0);
    } else if (n === RdbStringEncoding.INT32) {
      h.intValue = reader.take(4, what).readInt32LE(0);
    } else if (n === RdbStringEncoding.LZF) {
      h.kind = 2;
      h.compressedLength = this.readLength(what);
      h.length = this.readLength(what);
      return h;
    } else {
      throw corruptedError(at, `string encoding ${n} is unknown`);
    }
    h.kind = 1;
    h.length = decimalLength(h.intValue);
    return h;
  }

  /** The decoded bytes of the string whose header was just read, or null (payload skipped) when longer than `limit`. */
  readPayload(h: StringHeader, limit: number, what: string): Buffer | null {
    if (h.kind === 1) return Buffer.from(String(h.intValue), 'latin1');
    if (h.length > limit) {
      this.skipPayload(h, what);
      return null;
    }
    if (h.kind === 0) return h.length === 0 ? Buffer.alloc(0) : this.reader.take(h.length, what);
    const at = this.reader.position;
    return lzfDecompress(this.reader.take(h.compressedLength, what), h.length, at);
  }

  skipPayload(h: StringHeader, what: string): void {
    if (h.kind === 0) this.reader.skip(h.length, what);
    else if (h.kind === 2) this.reader.skip(h.compressedLength, what);
  }

  /** Skips a whole string; returns its decoded length. */
  skipString(what: string): number {
    const h = this.readStringHeader(what);
    this.skipPayload(h, what);
    return h.length;
  }

  /**
   * A string copied (safe to keep). Longer than `limit`: its first `limit` bytes when stored
   * plainly, none when LZF-compressed (decoding it would need the whole string), `truncated` set.
   */
  readOwnedString(limit: number, what: string): { bytes: Buffer; length: number; truncated: boolean } {
    const h = this.readStringHeader(what);
    const length = h.length;
    if (length > limit && h.kind === 0) {
      const prefix = Buffer.from(this.reader.take(limit, what));
      this.reader.skip(length - limit, what);
      return { bytes: prefix, length, truncated: true };
    }
    const payload = this.readPayload(h, limit, what);
    return payload === null ? { bytes: Buffer.alloc(0), length, truncated: true } : { bytes: Buffer.from(payload), length, truncated: false };
  }

  /** Milliseconds as 8 little-endian bytes (expiry, stream PEL times). */
  readMillis(what: string): number {
    const b = this.reader.take(8, what);
    return Number(b.readBigInt64LE(0));
  }

  /** A zset score of RDB_TYPE_ZSET: one length byte (253 NaN, 254 +inf, 255 -inf), then ASCII. */
  skipAsciiDouble(what: string): void {
    const n = this.reader.u8(what);
    if (n < 253) this.reader.skip(n, what);
  }

  get position(): number {
    return this.reader.position;
  }

  error(message: string): RdbError {
    return corruptedError(this.reader.position, message);
  }
}

function decimalLength(value: number): number {
  return String(value).length;
}
