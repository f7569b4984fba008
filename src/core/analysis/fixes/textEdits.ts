/** Building blocks for fixes: insertions, replacements and whole-line deletions as DraftEdits. */
import type { Pos, Span } from '../extract/facts';
import type { DraftEdit } from '../rules/ruleTypes';
import { indentAt, lineStartOf, posAt } from '../syntax';

export function insertAt(pos: Pos, newText: string): DraftEdit {
  return { start: pos, end: pos, newText };
}

export function replaceSpan(span: Span, newText: string): DraftEdit {
  return { start: span.start, end: span.end, newText };
}

/** The position `delta` characters after `pos` on the same line (e.g. just inside a `{`). */
export function offsetOnLine(pos: Pos, delta: number): Pos {
  return { offset: pos.offset + delta, line: pos.line, column: pos.column + delta };
}

/**
 * Deletes a statement; when it is alone on its lines, the lines go too (no blank line is left).
 */
export function deleteStatement(text: string, span: Span): DraftEdit {
  const lineStart = lineStartOf(text, span.start.offset);
  const before = text.slice(lineStart, span.start.offset);
  const lineEnd = text.indexOf('\n', span.end.offset);
  const after = text.slice(span.end.offset, lineEnd < 0 ? text.length : lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    const start: Pos = { offset: lineStart, line: span.start.line, column: 0 };
    const end: Pos = lineEnd < 0 ? posAt(text, text.length, span.end) : { offset: lineEnd + 1, line: span.end.line + 1, column: 0 };
    return { start, end, newText: '' };
  }
  return replaceSpan(span, '');
}

/** Lines of generated code, re-indented to sit at `offset` (the first line is not indented). */
export function indentLines(lines: string[], text: string, offset: number): string {
  const indent = indentAt(text, offset);
  return lines.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
}

/** One indentation unit as the file uses it (tabs or N spaces), defaulting to two spaces. */
/** The first indented line: its indentation is the file's unit. */
export const INDENTED_LINE = /\n(\t| {2,4})\S/;

export function indentUnit(text: string): string {
  const m = INDENTED_LINE.exec(text);
  return m ? m[1] : '  ';
}

/** `base`, or `base2`, `base3`… so that it does not clash with any identifier in `context`. */
export function uniqueName(base: string, context: string): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}${i}`;
    if (!new RegExp(`(?<![\\w$])${candidate}(?![\\w$])`).test(context)) return candidate;
  }
}
