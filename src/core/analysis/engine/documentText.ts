/**
 * An edited document's text as a few pieces instead of one string rebuilt on every keystroke. Replacing one
 * character of a 1 MB file as a string makes a new 2 MB (UTF-16) string that V8 copies whole the first time anything
 * reads it — a millisecond, more than the rest of a keystroke's analysis. The pieces are slices of the text as it
 * was (V8 shares their characters), read by the parser chunk by chunk and by extraction statement by statement;
 * only something that needs the whole text (`toString()`) joins them, once, and a document edited in many places
 * is joined after MAX_PIECES pieces.
 */

import { INDENTED_LINE } from '../fixes/textEdits';
import type { SourceText } from '../syntax';

const MAX_PIECES = 32;

export class DocumentText implements SourceText {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[];
  private whole: string | null;
  length: number;
  /** The first indented line (fixes/textEdits.indentUnit) while no edit reached it. */
  private indented: { unit: string; at: number } | null = null;

  constructor(text: string) {
    this.pieces = [text];
    this.starts = [0];
    this.whole = text;
    this.length = text.length;
  }

  /** Replaces [offset, offset + length) by `text` (the caller checked the range). */
  replace(offset: number, length: number, text: string): void {
    const end = offset + length;
    // `\n` + at most four spaces + a character: an edit after that leaves the first indented line as it was.
    if (this.indented && offset <= this.indented.at + 6) this.indented = null;
    const out: string[] = [];
    let inserted = false;
    for (let i = 0; i < this.pieces.length; i++) {
      const piece = this.pieces[i];
      const start = this.starts[i];
      const pieceEnd = start + piece.length;
      if (pieceEnd <= offset) {
        out.push(piece);
        continue;
      }
      if (start < offset) out.push(piece.slice(0, offset - start));
      if (!inserted) out.push(text);
      inserted = true;
      if (pieceEnd > end) out.push(piece.slice(Math.max(0, end - start)));
    }
    if (!inserted) out.push(text);
    this.setPieces(out.filter((p) => p.length > 0));
  }

  slice(start: number, end: number = this.length): string {
    if (this.whole !== null) return this.whole.slice(start, end);
    // String#slice's reading of negative and out-of-range bounds.
    const from = clamp(start < 0 ? this.length + start : start, this.length);
    const to = clamp(end < 0 ? this.length + end : end, this.length);
    if (to <= from) return '';
    let i = this.pieceAt(from);
    const first = this.pieces[i];
    if (to - this.starts[i] <= first.length) return first.slice(from - this.starts[i], to - this.starts[i]);
    let out = first.slice(from - this.starts[i]);
    for (i++; i < this.pieces.length && this.starts[i] < to; i++) out += this.pieces[i].slice(0, to - this.starts[i]);
    return out;
  }

  charCodeAt(index: number): number {
    if (this.whole !== null) return this.whole.charCodeAt(index);
    if (!(index >= 0 && index < this.length)) return NaN;
    const i = this.pieceAt(index);
    return this.pieces[i].charCodeAt(index - this.starts[i]);
  }

  /**
   * The text to read ranges of: the one string when there is one (reading a plain string is what V8 does fastest, and
   * what every other caller passes), else the pieces.
   */
  readable(): SourceText {
    return this.whole ?? this;
  }

  /** The file's indentation unit (`indentUnit` of the whole text), read again only when an edit reaches its first indented line. */
  indentUnit(): string {
    if (!this.indented) {
      const m = INDENTED_LINE.exec(this.toString());
      this.indented = m ? { unit: m[1], at: m.index } : { unit: '  ', at: Infinity };
    }
    return this.indented.unit;
  }

  /** The whole text as one string (joined once, then kept until the next edit). */
  toString(): string {
    if (this.whole === null) {
      this.whole = this.pieces.join('');
      this.pieces = [this.whole];
      this.starts = [0];
    }
    return this.whole;
  }

  private setPieces(pieces: string[]): void {
    this.pieces = pieces.length > 0 ? pieces : [''];
    this.starts = [];
    let at = 0;
    for (const piece of this.pieces) {
      this.starts.push(at);
      at += piece.length;
    }
    this.length = at;
    this.whole = this.pieces.length === 1 ? this.pieces[0] : null;
    if (this.pieces.length > MAX_PIECES) this.toString();
  }

  /** The index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(Number.isNaN(n) ? 0 : Math.trunc(n), length));
}
