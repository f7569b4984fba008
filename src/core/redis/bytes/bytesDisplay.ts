/**
 * Renders Redis bytes (keys, arguments) as readable, unambiguous text, the way `redis-cli` does:
 * valid UTF-8 is shown as characters; bytes that are not valid UTF-8 become `\xNN`; control
 * characters become `\n`, `\r`, `\t` or `\xNN`; a backslash becomes `\\` so that a literal "\xff"
 * typed by a user can be told apart from the byte 0xff. The result pastes back into redis-cli
 * inside double quotes (see {@link quoteForRedisCli}).
 */
export function displayBytes(value: Uint8Array | string): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (isPlainAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      out += hex(bytes[i]);
      i++;
      continue;
    }
    const codePoint = decode(bytes, i, length);
    out += isInvisible(codePoint) ? escapeSequence(bytes, i, length, codePoint) : String.fromCodePoint(codePoint);
    i += length;
  }
  return out;
}

/** Printable ASCII without a backslash, by far the common case: shown as is. */
function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 || b > 0x7e || b === 0x5c) return false;
  }
  return true;
}

/** Quotes a {@link displayBytes} string for a redis-cli command line when it needs quoting. */
export function quoteForRedisCli(display: string): string {
  if (display !== '' && !/[\s"'\\]/.test(display)) return display;
  return `"${display.replace(/"/g, '\\"')}"`;
}

const NAMED_ESCAPES: Record<number, string> = { 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };

function hex(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

function escapeSequence(bytes: Uint8Array, start: number, length: number, codePoint: number): string {
  const named = NAMED_ESCAPES[codePoint];
  if (named) return named;
  let out = '';
  for (let k = start; k < start + length; k++) out += hex(bytes[k]);
  return out;
}

/**
 * Characters that would hide or disguise what is really stored: C0/C1 controls, DEL, and the
 * bidirectional overrides behind "Trojan Source" tricks. The backslash is here to keep escapes unambiguous.
 */
function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    cp === 0x5c ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

/** Length (1–4) of the valid UTF-8 sequence starting at `i`, or 0 if the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, min = 0x80, max = 0xbf): boolean => i + k < bytes.length && bytes[i + k] >= min && bytes[i + k] <= max;
  // Ranges from RFC 3629 §4: they exclude overlong forms, surrogates and code points above U+10FFFF.
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function decode(bytes: Uint8Array, i: number, length: number): number {
  if (length === 1) return bytes[i];
  let cp = bytes[i] & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
  return cp;
}
