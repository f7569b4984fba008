import { displayWidth, graphemes } from './displayWidth';

/**
 * The line being typed at the prompt, with a cursor, and how to redraw it. Characters are
 * grapheme clusters, so an emoji or a letter with its accents is one cursor step; the cursor is
 * placed by display width, so CJK and emoji (two columns) and combining marks (none) line up.
 * Redrawing rewrites the whole line (carriage return, clear to end of line, prompt, text, cursor
 * back), which is robust to any edit.
 */
export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;

  get text(): string {
    return this.chars.join('');
  }

  get cursorAtEnd(): boolean {
    return this.cursor === this.chars.length;
  }

  /** Replaces the line (history recall, completion); the cursor goes to the end. */
  set(text: string): void {
    this.chars = graphemes(text);
    this.cursor = this.chars.length;
  }

  clear(): void {
    this.set('');
  }

  /** Re-segments around the insertion: a combining mark typed after a letter joins that letter. */
  insert(text: string): void {
    const before = this.chars.slice(0, this.cursor).join('') + text;
    this.chars = graphemes(before + this.chars.slice(this.cursor).join(''));
    this.cursor = graphemes(before).length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.chars.splice(--this.cursor, 1);
  }

  deleteForward(): void {
    this.chars.splice(this.cursor, 1);
  }

  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.cursor = Math.min(this.chars.length, this.cursor + 1);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.chars.length;
  }

  killToStart(): void {
    this.chars.splice(0, this.cursor);
    this.cursor = 0;
  }

  killToEnd(): void {
    this.chars.length = this.cursor;
  }

  /** Ctrl-W: the word before the cursor and the blanks after it. */
  deleteWordBack(): void {
    const start = this.wordStartBefore(this.cursor);
    this.chars.splice(start, this.cursor - start);
    this.cursor = start;
  }

  wordLeft(): void {
    this.cursor = this.wordStartBefore(this.cursor);
  }

  wordRight(): void {
    let i = this.cursor;
    while (i < this.chars.length && this.chars[i] === ' ') i++;
    while (i < this.chars.length && this.chars[i] !== ' ') i++;
    this.cursor = i;
  }

  /** Terminal output that shows `prompt` and the line with the cursor in place. */
  render(prompt: string): string {
    const back = displayWidth(this.chars.slice(this.cursor).join(''));
    return `\r\x1b[K${prompt}${this.text}${back > 0 ? `\x1b[${back}D` : ''}`;
  }

  private wordStartBefore(position: number): number {
    let i = position;
    while (i > 0 && this.chars[i - 1] === ' ') i--;
    while (i > 0 && this.chars[i - 1] !== ' ') i--;
    return i;
  }
}
