/**
 * Redis Cluster key → hash slot (CRC16-XMODEM of the key or of its `{hash tag}`, modulo 16384),
 * computed here rather than through ioredis' transitive `cluster-key-slot` so that the extension
 * does not depend on a package it does not declare. Binary-safe: keys are Buffers.
 */
export const CLUSTER_SLOTS = 16384;

const CRC16_TABLE = buildCrc16Table();

function buildCrc16Table(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
}

export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

/** The part of the key that is hashed: the first non-empty `{…}` section, else the whole key. */
export function hashTagOf(key: Buffer): Buffer {
  const open = key.indexOf(0x7b); // '{'
  if (open === -1) return key;
  const close = key.indexOf(0x7d, open + 1); // '}'
  if (close === -1 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

export function keySlot(key: Buffer | string): number {
  const bytes = typeof key === 'string' ? Buffer.from(key) : key;
  return crc16(hashTagOf(bytes)) % CLUSTER_SLOTS;
}
