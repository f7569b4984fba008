import { Crc64 } from '../../../../src/core/rdb/crc64';

/**
 * Builds RDB bytes from the documented format (Redis's rdb.h/rdb.c, ziplist.c, listpack.c,
 * intset.c, zipmap.c, lzf_d.c), for encodings the test machine's Redis 7.0 never writes:
 * RDB 9 (ziplist, zipmap, quicklist of ziplists, stream listpacks 1) and RDB 11 (set listpack,
 * stream listpacks 3). Each helper returns the bytes of one field.
 */

export const bytes = (...parts: (number[] | Buffer | Uint8Array)[]): Buffer => Buffer.concat(parts.map((p) => Buffer.from(p as Uint8Array)));

export function length(n: number): Buffer {
  if (n < 64) return Buffer.of(n);
  if (n < 16384) return Buffer.of(0x40 | (n >> 8), n & 0xff);
  const b = Buffer.alloc(5);
  b[0] = 0x80;
  b.writeUInt32BE(n, 1);
  return b;
}

export function str(value: string | Buffer): Buffer {
  const b = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return bytes(length(b.length), b);
}

/** An integer-encoded string (RDB_ENC_INT8/16/32). */
export function intStr(value: number): Buffer {
  if (value >= -128 && value <= 127) return Buffer.of(0xc0, value & 0xff);
  if (value >= -32768 && value <= 32767) {
    const b = Buffer.alloc(3);
    b[0] = 0xc1;
    b.writeInt16LE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = 0xc2;
  b.writeInt32LE(value, 1);
  return b;
}

/** An LZF string of `unit` repeated: one literal run of `unit`, then back-references of distance unit.length. */
export function lzfRepeat(unit: string, times: number): Buffer {
  const literal = Buffer.from(unit);
  const out: number[] = [literal.length - 1, ...literal];
  let left = literal.length * (times - 1);
  const distance = literal.length - 1;
  while (left > 0) {
    const len = Math.min(left, 264);
    if (len < 3) {
      const tail = Buffer.from(unit.repeat(times)).subarray(literal.length * times - left);
      out.push(tail.length - 1, ...tail);
      break;
    }
    if (len - 2 < 7) out.push(((len - 2) << 5) | (distance >> 8), distance & 0xff);
    else out.push((7 << 5) | (distance >> 8), len - 2 - 7, distance & 0xff);
    left -= len;
  }
  const compressed = Buffer.from(out);
  return bytes([0xc3], length(compressed.length), length(literal.length * times), compressed);
}

export function header(version: number): Buffer {
  return Buffer.from(`REDIS${String(version).padStart(4, '0')}`);
}

export const aux = (name: string, value: string): Buffer => bytes([0xfa], str(name), str(value));
export const selectDb = (db: number): Buffer => bytes([0xfe], length(db));
export const resizeDb = (keys: number, expires: number): Buffer => bytes([0xfb], length(keys), length(expires));

export function expireMs(at: number): Buffer {
  const b = Buffer.alloc(9);
  b[0] = 0xfc;
  b.writeBigInt64LE(BigInt(at), 1);
  return b;
}

export function expireSeconds(at: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = 0xfd;
  b.writeInt32LE(at, 1);
  return b;
}

export const idle = (seconds: number): Buffer => bytes([0xf8], length(seconds));
export const freq = (counter: number): Buffer => Buffer.of(0xf9, counter);

/** EOF and the CRC-64 of everything before it (or 8 zero bytes, as `rdbchecksum no` writes). */
export function eof(before: Buffer, checksum = true): Buffer {
  const body = bytes(before, [0xff]);
  if (!checksum) return bytes(body, Buffer.alloc(8));
  const crc = new Crc64();
  crc.update(body);
  const hex = crc.toHex();
  return bytes(body, Buffer.from(hex, 'hex').reverse());
}

/** A ziplist: zlbytes, zltail, zllen, entries (prevlen, encoding, data), 0xFF. */
export function ziplist(entries: (string | number)[], saturateCount = false): Buffer {
  const encoded: Buffer[] = [];
  let prev = 0;
  for (const entry of entries) {
    const prevlen = prev < 254 ? Buffer.of(prev) : bytes([254], u32le(prev));
    let body: Buffer;
    if (typeof entry === 'number') {
      if (entry >= 0 && entry <= 12) body = Buffer.of(0xf1 + entry);
      else if (entry >= -128 && entry <= 127) body = Buffer.of(0xfe, entry & 0xff);
      else {
        body = Buffer.alloc(3);
        body[0] = 0xc0;
        body.writeInt16LE(entry, 1);
      }
    } else {
      const b = Buffer.from(entry);
      body = b.length < 64 ? bytes([b.length], b) : bytes([0x40 | (b.length >> 8), b.length & 0xff], b);
    }
    const whole = bytes(prevlen, body);
    encoded.push(whole);
    prev = whole.length;
  }
  const content = Buffer.concat(encoded);
  const total = 10 + content.length + 1;
  const tail = entries.length ? total - 1 - prev : 10;
  return bytes(u32le(total), u32le(tail), u16le(saturateCount ? 0xffff : entries.length), content, [0xff]);
}

/** A listpack: total bytes, element count, entries (encoding, data, backlen), 0xFF. */
export function listpack(entries: (string | number)[], saturateCount = false): Buffer {
  const encoded: Buffer[] = [];
  for (const entry of entries) {
    let body: Buffer;
    if (typeof entry === 'number' && entry >= 0 && entry <= 127) body = Buffer.of(entry);
    else if (typeof entry === 'number') body = Buffer.of(0xc0 | ((entry >> 8) & 0x1f), entry & 0xff);
    else {
      const b = Buffer.from(entry);
      body = b.length < 64 ? bytes([0x80 | b.length], b) : bytes([0xe0 | (b.length >> 8), b.length & 0xff], b);
    }
    encoded.push(bytes(body, backlen(body.length)));
  }
  const content = Buffer.concat(encoded);
  return bytes(u32le(6 + content.length + 1), u16le(saturateCount ? 0xffff : entries.length), content, [0xff]);
}

function backlen(n: number): Buffer {
  if (n < 128) return Buffer.of(n);
  return Buffer.of(n >> 7, (n & 127) | 128);
}

export function intset(encoding: 2 | 4 | 8, values: number[]): Buffer {
  const body = Buffer.alloc(encoding * values.length);
  values.forEach((v, i) => (encoding === 2 ? body.writeInt16LE(v, i * 2) : encoding === 4 ? body.writeInt32LE(v, i * 4) : body.writeBigInt64LE(BigInt(v), i * 8)));
  return bytes(u32le(encoding), u32le(values.length), body);
}

/** A zipmap: zmlen, then (len key len free value [free bytes])…, 0xFF. */
export function zipmap(pairs: [string, string][]): Buffer {
  const parts: Buffer[] = [Buffer.of(pairs.length)];
  for (const [k, v] of pairs) parts.push(bytes([k.length], Buffer.from(k), [v.length, 1], Buffer.from(v), [0]));
  return bytes(...parts, [0xff]);
}

/** A module id: 9 name characters of 6 bits each, then a 10-bit encoding version. */
export function moduleId(name: string, version: number): Buffer {
  const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 0n;
  for (const char of name) id = (id << 6n) | BigInt(charset.indexOf(char));
  id = (id << 10n) | BigInt(version);
  const b = Buffer.alloc(9);
  b[0] = 0x81;
  b.writeBigUInt64BE(id, 1);
  return b;
}

/** A stream ID as the 16 big-endian bytes Redis uses for rax keys and PEL entries. */
export function rawId(ms: number, seq: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(ms), 0);
  b.writeBigUInt64BE(BigInt(seq), 8);
  return b;
}

export function millis(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(value));
  return b;
}

/** A stream node listpack per t_stream.c: master entry (count, deleted, fields, 0) then entries with SAMEFIELDS flags. */
export function streamNode(entries: { msDelta: number; seqDelta: number; value: string }[]): Buffer {
  const items: (string | number)[] = [entries.length, 0, 1, 'field', 0];
  for (const e of entries) items.push(2, e.msDelta, e.seqDelta, e.value, 4);
  return listpack(items);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u16le(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
