import { corruptedError } from './rdbErrors';

/**
 * LZF decompression (the format of Redis's `lzf_d.c`): a control byte below 32 copies that many
 * + 1 literal bytes; otherwise its top 3 bits are a back-reference length (7 means "add the next
 * byte") and the rest, with the next byte, the distance back. `offset` names the string in errors.
 */
export function lzfDecompress(input: Uint8Array, expectedLength: number, offset: number): Buffer {
  const out = Buffer.allocUnsafe(expectedLength);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const literal = ctrl + 1;
      if (op + literal > expectedLength || ip + literal > input.length) throw corruptedError(offset, 'an LZF-compressed string does not decompress to its stated length');
      out.set(input.subarray(ip, ip + literal), op);
      ip += literal;
      op += literal;
      continue;
    }
    let length = ctrl >> 5;
    if (length === 7) {
      if (ip >= input.length) throw corruptedError(offset, 'an LZF back-reference is cut short');
      length += input[ip++];
    }
    if (ip >= input.length) throw corruptedError(offset, 'an LZF back-reference is cut short');
    let ref = op - ((ctrl & 0x1f) << 8) - input[ip++] - 1;
    length += 2;
    if (ref < 0 || op + length > expectedLength) throw corruptedError(offset, 'an LZF back-reference points outside the string');
    // Byte by byte on purpose: a reference may overlap the bytes it is producing (runs).
    for (let i = 0; i < length; i++) out[op++] = out[ref++];
  }
  if (op !== expectedLength) throw corruptedError(offset, `an LZF-compressed string decompresses to ${op} bytes instead of ${expectedLength}`);
  return out;
}
