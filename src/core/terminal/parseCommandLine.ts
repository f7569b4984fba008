/**
 * Splits a command line into arguments exactly as redis-cli does (its `sdssplitargs`), bytes in
 * and bytes out, so `"\xff"` is the byte 0xff:
 * - blanks separate arguments; a quote may open in the middle of one (`a"b c"` is `ab c`);
 * - "double quotes" understand \n \r \t \b \a \xHH and a backslash before any other character;
 * - 'single quotes' understand only \' ;
 * - a closing quote must be followed by a blank or the end, and quotes must be closed —
 *   otherwise the line is invalid and `null` is returned (redis-cli prints "Invalid argument(s)").
 * As in C, a NUL byte ends the line.
 */
export function parseCommandLine(line: string | Buffer): Buffer[] | null {
  let bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
  const nul = bytes.indexOf(0);
  if (nul !== -1) bytes = bytes.subarray(0, nul);
  const args: Buffer[] = [];
  let p = 0;
  const at = (i: number): number => (i < bytes.length ? bytes[i] : 0);
  for (;;) {
    while (p < bytes.length && isSpace(bytes[p])) p++;
    if (p >= bytes.length) return args;
    const current: number[] = [];
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = at(p);
      if (inDouble) {
        if (c === BACKSLASH && at(p + 1) === 0x78 /* x */ && isHex(at(p + 2)) && isHex(at(p + 3))) {
          current.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === BACKSLASH && at(p + 1) !== 0) {
          p++;
          current.push(ESCAPES.get(at(p)) ?? at(p));
        } else if (c === DOUBLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (inSingle) {
        if (c === BACKSLASH && at(p + 1) === SINGLE_QUOTE) {
          p++;
          current.push(SINGLE_QUOTE);
        } else if (c === SINGLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0) {
        done = true;
      } else if (c === DOUBLE_QUOTE) {
        inDouble = true;
      } else if (c === SINGLE_QUOTE) {
        inSingle = true;
      } else {
        current.push(c);
      }
      if (p < bytes.length) p++;
    }
    args.push(Buffer.from(current));
  }
}

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const ESCAPES = new Map<number, number>([
  [0x6e /* n */, 0x0a],
  [0x72 /* r */, 0x0d],
  [0x74 /* t */, 0x09],
  [0x62 /* b */, 0x08],
  [0x61 /* a */, 0x07],
]);

/** C `isspace` in the C locale. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function hexValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x61 + 10;
}
