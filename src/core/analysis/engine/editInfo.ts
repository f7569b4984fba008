/** Where an edit starts and ends, in lines and columns, found from the nearest cached statement start. */
import type { Pos } from '../extract/facts';
import { posAt } from '../syntax';
import type { Entry, TextEditInfo } from './entries';

/** The edit replacing [start, oldEnd) of `text` by `inserted`; `entries` are the statements of `text`. */
export function describeEdit(entries: readonly Entry[], text: string, start: number, oldEnd: number, inserted: string): TextEditInfo & { startPos: Pos } {
  const startPos = positionAt(entries, text, start);
  const oldEndPos = posAt(text, oldEnd, startPos);
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
function positionAt(entries: readonly Entry[], text: string, offset: number): Pos {
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
  return posAt(text, offset, anchor);
}
