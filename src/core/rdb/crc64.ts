/**
 * CRC-64 as Redis computes the RDB checksum (Jones polynomial, reflected, initial value 0;
 * `crc64(0, "123456789") = 0xe9c6d914c4b8d9ca`). The 64-bit state is two int32 halves and the
 * loop eats 8 bytes per step through 8 tables ("slicing-by-8"), all on small integers: BigInt
 * or a byte-at-a-time loop would cap parsing well below the disk's speed.
 */
const POLY_HI = 0x95ac9329 | 0;
const POLY_LO = 0xac4bc9b5 | 0;
const SLICES = 8;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** TABLE_HI[k * 256 + n], TABLE_LO[k * 256 + n]: the CRC of byte n followed by k zero bytes. */
const TABLE_HI = new Int32Array(SLICES * 256);
const TABLE_LO = new Int32Array(SLICES * 256);

for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = (lo >>> 1) | (hi << 31);
    hi >>>= 1;
    if (carry) {
      hi ^= POLY_HI;
      lo ^= POLY_LO;
    }
  }
  TABLE_HI[n] = hi;
  TABLE_LO[n] = lo;
}
for (let k = 1; k < SLICES; k++) {
  for (let n = 0; n < 256; n++) {
    const prevHi = TABLE_HI[(k - 1) * 256 + n];
    const prevLo = TABLE_LO[(k - 1) * 256 + n];
    const index = prevLo & 0xff;
    TABLE_LO[k * 256 + n] = ((prevLo >>> 8) | (prevHi << 24)) ^ TABLE_LO[index];
    TABLE_HI[k * 256 + n] = (prevHi >>> 8) ^ TABLE_HI[index];
  }
}

export class Crc64 {
  private hi = 0;
  private lo = 0;

  update(bytes: Uint8Array, start = 0, end = bytes.length): void {
    let hi = this.hi;
    let lo = this.lo;
    const th = TABLE_HI;
    const tl = TABLE_LO;
    let i = start;
    // Byte-wise up to a 4-byte boundary, then whole words read through an Int32Array view.
    for (; i < end && (bytes.byteOffset + i) % 4 !== 0; i++) {
      const index = (lo ^ bytes[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ tl[index];
      hi = (hi >>> 8) ^ th[index];
    }
    const words = LITTLE_ENDIAN && end - i >= 8 ? new Int32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >> 2) : null;
    const wordStart = i;
    for (; words && i + 8 <= end; i += 8) {
      const w = (i - wordStart) >> 2;
      const a = lo ^ words[w];
      const b = hi ^ words[w + 1];
      const i7 = 7 * 256 + (a & 0xff);
      const i6 = 6 * 256 + ((a >>> 8) & 0xff);
      const i5 = 5 * 256 + ((a >>> 16) & 0xff);
      const i4 = 4 * 256 + (a >>> 24);
      const i3 = 3 * 256 + (b & 0xff);
      const i2 = 2 * 256 + ((b >>> 8) & 0xff);
      const i1 = 256 + ((b >>> 16) & 0xff);
      const i0 = b >>> 24;
      lo = tl[i7] ^ tl[i6] ^ tl[i5] ^ tl[i4] ^ tl[i3] ^ tl[i2] ^ tl[i1] ^ tl[i0];
      hi = th[i7] ^ th[i6] ^ th[i5] ^ th[i4] ^ th[i3] ^ th[i2] ^ th[i1] ^ th[i0];
    }
    for (; i < end; i++) {
      const index = (lo ^ bytes[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ tl[index];
      hi = (hi >>> 8) ^ th[index];
    }
    this.hi = hi;
    this.lo = lo;
  }

  /** The checksum as Redis writes it after the EOF opcode: 8 bytes, little-endian. */
  equalsLittleEndian(bytes: Uint8Array): boolean {
    const lo = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
    const hi = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24);
    return lo === this.lo && hi === this.hi;
  }

  toHex(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
  }
}
