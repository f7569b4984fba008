/**
 * Where an edit starts and ends, in lines and columns, found from the nearest cached statement start;
 * and what it does to a document's statement entries.
 */
import type { SourceText } from '../syntax';
import type { Pos } from '../extract/facts';
import { posAt } from '../syntax';
import { type Entry, type TextEditInfo, firstEntryEndingAfter, shiftEntry } from './entries';

/** The edit replacing [start, oldEnd) of `text` by `inserted`; `entries` are the statements of `text`. */
export function describeEdit(entries: readonly Entry[], text: SourceText, start: number, oldEnd: number, inserted: string): TextEditInfo & { startPos: Pos } {
  const startPos = positionAt(entries, text, start);
  const oldEndPos = posAfter(text, oldEnd, startPos);
  const lastBreak = inserted.lastIndexOf('\n');
  let lines = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) lines++;
  const newEnd = start + inserted.length;
  const newEndPos: Pos =
    lastBreak < 0
      ? { offset: newEnd, line: startPos.line, column: startPos.column + inserted.length }
      : { offset: newEnd, line: startPos.line + lines, column: inserted.length - lastBreak - 1 };
  return { start, oldEnd, newEnd, startPos, oldEndPos, newEndPos };
}

/** Line/column of an offset, counted from the nearest cached statement start before it. */
function positionAt(entries: readonly Entry[], text: SourceText, offset: number): Pos {
  let anchor: Pos = { offset: 0, line: 0, column: 0 };
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start <= offset) {
      anchor = entries[mid].startPos;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return posAfter(text, offset, anchor);
}

/** posAt for an offset at or after `anchor`, reading only the text between them. */
function posAfter(text: SourceText, offset: number, anchor: Pos): Pos {
  const between = text.slice(anchor.offset, offset);
  const local = posAt(between, between.length, { offset: 0, line: 0, column: anchor.column });
  return { offset, line: anchor.line + local.line, column: local.line === 0 ? anchor.column + between.length : local.column };
}

/**
 * Applies `edit` to the sorted, disjoint `entries`: those it touches move to `dropped` (their new
 * extent comes from the new tree), those after it are shifted. Returns the region to read again (current
 * coordinates): the touched statements and the edit, merged with the region `dirty` still pending.
 */
export function dropTouched(entries: Entry[], dropped: Entry[], edit: TextEditInfo, dirty: { start: number; end: number } | null): { start: number; end: number } {
  const delta = edit.newEnd - edit.oldEnd;
  let start = edit.start;
  let end = edit.newEnd;
  const first = firstEntryEndingAfter(entries, edit.start - 1);
  let last = first;
  for (; last < entries.length && entries[last].start <= edit.oldEnd; last++) {
    const entry = entries[last];
    dropped.push(entry);
    start = Math.min(start, entry.start);
    end = Math.max(end, entry.end > edit.oldEnd ? entry.end + delta : edit.newEnd);
  }
  for (let i = last; i < entries.length; i++) shiftEntry(entries[i], edit);
  if (last > first) entries.splice(first, last - first);
  if (dirty) {
    // Map the pending region through this edit too.
    const mapped = (p: number): number => (p <= edit.start ? p : p >= edit.oldEnd ? p + delta : edit.newEnd);
    start = Math.min(start, mapped(dirty.start));
    end = Math.max(end, mapped(dirty.end));
  }
  return { start, end };
}
