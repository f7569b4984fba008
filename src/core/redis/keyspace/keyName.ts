import { displayBytes } from '../bytes/bytesDisplay';

/**
 * Key names travel as Buffers; people read and type them as text. This module is the bridge:
 * the display form comes from {@link displayBytes} (redis-cli style escapes, valid UTF-8 kept
 * readable) and {@link parseKeyName} turns that text back into the exact bytes, so a key shown
 * in the tree, copied and pasted into a filter or an input box still names the same key.
 */

export class KeyNameSyntaxError extends Error {
  override readonly name = 'KeyNameSyntaxError';
}

/** The key as readable, unambiguous text (see {@link displayBytes}). */
export function formatKeyName(key: Uint8Array): string {
  return displayBytes(key);
}

const SINGLE_ESCAPES = new Map<string, number>([['\\', 0x5c], ['"', 0x22], ["'", 0x27], ['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['a', 0x07], ['b', 0x08]]);

/**
 * The inverse of {@link formatKeyName}: `\\`, `\n`, `\r`, `\t`, `\a`, `\b`, `\xNN` become their
 * byte, `\"` a quote, every other character its UTF-8 bytes. Surrounding quotes are NOT
 * stripped: `"a"` is a valid key name of three bytes. Throws a {@link KeyNameSyntaxError} saying
 * where an escape is wrong, because guessing would silently name a different key.
 */
export function parseKeyName(text: string): Buffer {
  if (!text.includes('\\')) return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  let plainStart = 0;
  const flushPlain = (end: number): void => {
    if (end > plainStart) for (const byte of Buffer.from(text.slice(plainStart, end), 'utf8')) bytes.push(byte);
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') continue;
    flushPlain(i);
    const next = text[i + 1];
    if (next === undefined) throw new KeyNameSyntaxError(`"${text}" ends with a lone backslash; write \\\\ for a backslash.`);
    if (next === 'x' || next === 'X') {
      const hex = text.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new KeyNameSyntaxError(`"${text}" has "\\${next}${hex}" at position ${i + 1}; a byte escape needs two hex digits, as in \\x0a.`);
      }
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else if (SINGLE_ESCAPES.has(next)) {
      bytes.push(SINGLE_ESCAPES.get(next) as number);
      i += 1;
    } else {
      throw new KeyNameSyntaxError(`"${text}" has an unknown escape "\\${next}" at position ${i + 1}; use \\\\ for a backslash or \\xNN for a byte.`);
    }
    plainStart = i + 1;
  }
  flushPlain(text.length);
  return Buffer.from(bytes);
}

/** A stable, compact string id for a key (tree item ids, map keys): its bytes in base64. */
export function keyId(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('base64');
}

/** The key named by a {@link keyId}. */
export function keyFromId(id: string): Buffer {
  return Buffer.from(id, 'base64');
}

const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/**
 * Natural order for key names: byte order, except that runs of ASCII digits compare by value, so
 * `user:2` sorts before `user:10` as people expect. Leading zeros break ties (`07` after `7`).
 */
export function compareKeyNames(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      const startA = i;
      const startB = j;
      while (i < a.length && isDigit(a[i])) i++;
      while (j < b.length && isDigit(b[j])) j++;
      // Compare the digit runs without their leading zeros: longer is bigger, then digit by digit.
      let za = startA;
      let zb = startB;
      while (za < i - 1 && a[za] === 0x30) za++;
      while (zb < j - 1 && b[zb] === 0x30) zb++;
      if (i - za !== j - zb) return i - za - (j - zb);
      for (let k = 0; k < i - za; k++) if (a[za + k] !== b[zb + k]) return a[za + k] - b[zb + k];
      if (i - startA !== j - startB) return i - startA - (j - startB);
      continue;
    }
    if (a[i] !== b[j]) return a[i] - b[j];
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}
