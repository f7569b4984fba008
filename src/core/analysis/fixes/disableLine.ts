/** The "Disable for this line" code action: writes (or extends) a suppression comment above the line. */
import type { Finding, Fix, TextEdit } from '../types';

export const DISABLE_NEXT_LINE = 'redis-specialist-disable-next-line';

/** `comment`: the line-comment token of the file's language (`--` in a Lua script). */
export function disableForLineFix(text: string, finding: Finding, comment = '//'): Fix {
  const line = finding.range.start.line;
  const lineStart = finding.range.startOffset - finding.range.start.column;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const title = `Disable ${finding.ruleId} for this line`;
  // Extend an existing directive on the line above instead of stacking a second one.
  if (line > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prevLine = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
    const m = new RegExp(`^([ \\t]*${comment}\\s*${DISABLE_NEXT_LINE})([^\\n]*?)(\\s+--\\s.*)?$`).exec(prevLine);
    if (m) {
      const listEnd = prevStart + m[1].length + m[2].trimEnd().length;
      const existing = m[2].trim();
      if (existing === '') return { title, edits: [], isPreferred: false }; // already silences every rule
      const pos = { line: line - 1, column: listEnd - prevStart };
      const edit: TextEdit = {
        range: { start: pos, end: pos, startOffset: listEnd, endOffset: listEnd },
        newText: `, ${finding.ruleId}`,
      };
      return { title, edits: [edit], isPreferred: false };
    }
  }
  const pos = { line, column: 0 };
  return {
    title,
    edits: [{ range: { start: pos, end: pos, startOffset: lineStart, endOffset: lineStart }, newText: `${indent}${comment} ${DISABLE_NEXT_LINE} ${finding.ruleId}\n` }],
    isPreferred: false,
  };
}
