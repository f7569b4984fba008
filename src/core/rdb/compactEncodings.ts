/**
 * Element counts of the compact blobs Redis stores as one string: ziplist (≤ 6.2), listpack
 * (≥ 7.0), intset and the pre-2.6 zipmap. Layouts from Redis's `ziplist.c`, `listpack.c`,
 * `intset.c` and `zipmap.c`. A header count is used when present; when it saturated (65535)
 * the entries are walked. Every walk checks bounds, so a corrupted blob is an error, not a crash.
 */

export class CompactEncodingError extends Error {}

const UINT16_MAX = 0xffff;

/** Number of entries in a listpack (a hash or zset listpack holds 2 per element). */
export function listpackCount(lp: Uint8Array): number {
  if (lp.length < 7) throw new CompactEncodingError('a listpack is shorter than its header');
  const total = readU32LE(lp, 0);
  if (total !== lp.length) throw new CompactEncodingError(`a listpack says it is ${total} bytes long but is ${lp.length}`);
  if (lp[lp.length - 1] !== 0xff) throw new CompactEncodingError('a listpack does not end with its terminator');
  const header = lp[4] | (lp[5] << 8);
  return header !== UINT16_MAX ? header : walkListpack(lp);
}

function walkListpack(lp: Uint8Array): number {
  let p = 6;
  let count = 0;
  while (p < lp.length && lp[p] !== 0xff) {
    const b = lp[p];
    let size: number;
    if ((b & 0x80) === 0) size = 1;
    else if ((b & 0xc0) === 0x80) size = 1 + (b & 0x3f);
    else if ((b & 0xe0) === 0xc0) size = 2;
    else if ((b & 0xf0) === 0xe0) size = 2 + (((b & 0x0f) << 8) | lp[p + 1]);
    else if (b === 0xf0) size = 5 + readU32LE(lp, p + 1);
    else if (b === 0xf1) size = 3;
    else if (b === 0xf2) size = 4;
    else if (b === 0xf3) size = 5;
    else if (b === 0xf4) size = 9;
    else throw new CompactEncodingError(`listpack entry encoding 0x${b.toString(16)} is unknown`);
    p += size + backlenBytes(size);
    count++;
  }
  if (p !== lp.length - 1) throw new CompactEncodingError('a listpack entry runs past the end of the listpack');
  return count;
}

function backlenBytes(size: number): number {
  return size < 128 ? 1 : size < 16384 ? 2 : size < 2097152 ? 3 : size < 268435456 ? 4 : 5;
}

/** Number of entries in a ziplist. */
export function ziplistCount(zl: Uint8Array): number {
  if (zl.length < 11) throw new CompactEncodingError('a ziplist is shorter than its header');
  const total = readU32LE(zl, 0);
  if (total !== zl.length) throw new CompactEncodingError(`a ziplist says it is ${total} bytes long but is ${zl.length}`);
  if (zl[zl.length - 1] !== 0xff) throw new CompactEncodingError('a ziplist does not end with its terminator');
  const header = zl[8] | (zl[9] << 8);
  return header !== UINT16_MAX ? header : walkZiplist(zl);
}

function walkZiplist(zl: Uint8Array): number {
  let p = 10;
  let count = 0;
  while (p < zl.length && zl[p] !== 0xff) {
    p += zl[p] < 254 ? 1 : 5;
    const b = zl[p];
    let size: number;
    if (b >> 6 === 0) size = 1 + (b & 0x3f);
    else if (b >> 6 === 1) size = 2 + (((b & 0x3f) << 8) | zl[p + 1]);
    else if (b === 0x80) size = 5 + ((zl[p + 1] << 24) | (zl[p + 2] << 16) | (zl[p + 3] << 8) | zl[p + 4]) >>> 0;
    else if (b === 0xc0) size = 3;
    else if (b === 0xd0) size = 5;
    else if (b === 0xe0) size = 9;
    else if (b === 0xf0) size = 4;
    else if (b === 0xfe) size = 2;
    else if (b >= 0xf1 && b <= 0xfd) size = 1;
    else throw new CompactEncodingError(`ziplist entry encoding 0x${b.toString(16)} is unknown`);
    p += size;
    count++;
  }
  if (p !== zl.length - 1) throw new CompactEncodingError('a ziplist entry runs past the end of the ziplist');
  return count;
}

/** Number of integers in an intset (encoding, then length, both 32-bit little-endian). */
export function intsetCount(is: Uint8Array): number {
  if (is.length < 8) throw new CompactEncodingError('an intset is shorter than its header');
  const encoding = readU32LE(is, 0);
  const length = readU32LE(is, 4);
  if (encoding !== 2 && encoding !== 4 && encoding !== 8) throw new CompactEncodingError(`intset encoding ${encoding} is not 2, 4 or 8`);
  if (8 + encoding * length !== is.length) throw new CompactEncodingError(`an intset of ${length} × ${encoding}-byte integers is ${is.length} bytes long`);
  return length;
}

/** Number of field/value pairs in a zipmap (Redis < 2.6 hashes, still readable by RDB 9 servers). */
export function zipmapCount(zm: Uint8Array): number {
  let p = 1;
  let pairs = 0;
  const readLen = (): number => {
    const b = zm[p];
    if (b < 254) {
      p += 1;
      return b;
    }
    if (b === 254) {
      const n = readU32LE(zm, p + 1);
      p += 5;
      return n;
    }
    throw new CompactEncodingError('a zipmap length is cut short');
  };
  while (p < zm.length && zm[p] !== 0xff) {
    // Read the length before moving `p`: `p += readLen()` would add to the old `p`.
    const keyLength = readLen();
    p += keyLength;
    const valueLength = readLen();
    const free = zm[p];
    p += 1 + valueLength + free;
    pairs++;
  }
  if (p !== zm.length - 1) throw new CompactEncodingError('a zipmap entry runs past the end of the zipmap');
  return pairs;
}

function readU32LE(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw new CompactEncodingError('a length runs past the end of the blob');
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
