/**
 * How many terminal columns text takes, for placing the cursor: East Asian Wide and Fullwidth
 * characters and emoji take two columns, combining marks and other zero-width characters none.
 * Text is measured per grapheme cluster (a letter with its accents, a flag, a ZWJ emoji family),
 * which the terminal draws as one unit.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The grapheme clusters of `text`, in order. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const cluster of graphemes(text)) width += clusterWidth(cluster);
  return width;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const EMOJI_VARIATION_SELECTOR = '\uFE0F';

function clusterWidth(cluster: string): number {
  const first = cluster.codePointAt(0) ?? 0;
  if (ZERO_WIDTH.test(String.fromCodePoint(first))) return 0;
  if (EMOJI_PRESENTATION.test(cluster) || cluster.includes(EMOJI_VARIATION_SELECTOR)) return 2;
  return isWide(first) ? 2 : 1;
}

/** East Asian Width W or F (Unicode 15, EastAsianWidth.txt), outside the emoji handled above. */
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}
