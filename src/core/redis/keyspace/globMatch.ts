/**
 * Redis's glob matching (`stringmatchlen` in util.c) on bytes: `*`, `?`, `[abc]`, `[^a-z]`, and
 * `\` escapes. Used where SCAN … MATCH cannot express a selection on its own (a key must match
 * two patterns), so the extension checks the second one exactly as the server would.
 */
export function globMatches(pattern: Uint8Array, key: Uint8Array): boolean {
  return matchFrom(pattern, 0, key, 0);
}

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;

function matchFrom(pattern: Uint8Array, p: number, key: Uint8Array, k: number): boolean {
  while (p < pattern.length) {
    const c = pattern[p];
    if (c === STAR) {
      while (pattern[p + 1] === STAR) p++;
      if (p + 1 === pattern.length) return true;
      for (let from = k; from <= key.length; from++) if (matchFrom(pattern, p + 1, key, from)) return true;
      return false;
    }
    if (k >= key.length) return false;
    if (c === QUESTION) {
      p++;
      k++;
      continue;
    }
    if (c === OPEN) {
      const { matched, end } = matchClass(pattern, p + 1, key[k]);
      if (!matched) return false;
      p = end + 1;
      k++;
      continue;
    }
    const literal = c === BACKSLASH && p + 1 < pattern.length ? pattern[++p] : c;
    if (literal !== key[k]) return false;
    p++;
    k++;
  }
  return k === key.length;
}

/** A `[…]` class starting after `[`: whether `byte` is in it, and the index of its `]` (or the pattern's end). */
function matchClass(pattern: Uint8Array, start: number, byte: number): { matched: boolean; end: number } {
  let p = start;
  const negate = pattern[p] === CARET;
  if (negate) p++;
  let matched = false;
  while (p < pattern.length && pattern[p] !== CLOSE) {
    if (pattern[p] === BACKSLASH && p + 1 < pattern.length) {
      p++;
      if (pattern[p] === byte) matched = true;
    } else if (pattern[p + 1] === DASH && p + 2 < pattern.length) {
      const [low, high] = pattern[p] <= pattern[p + 2] ? [pattern[p], pattern[p + 2]] : [pattern[p + 2], pattern[p]];
      if (byte >= low && byte <= high) matched = true;
      p += 2;
    } else if (pattern[p] === byte) matched = true;
    p++;
  }
  // Redis treats an unterminated class as ending at the pattern's end.
  return { matched: negate ? !matched : matched, end: Math.min(p, pattern.length - 1) };
}
