/**
 * A unified diff (as `diff -u` / `git diff` print it) between a file and its fixed text, for
 * `lint --fix-dry-run`. Lines are compared with Myers' O(ND) algorithm after trimming the common
 * head and tail, so a few fixes in a large file cost little.
 */

const CONTEXT = 3;

interface Change {
  /** 0-based index of the first old line replaced. */
  oldStart: number;
  oldLines: string[];
  newLines: string[];
}

type Op = 'equal' | 'delete' | 'insert';

/** Myers' shortest edit script between `a` and `b`, as one op per line. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = before[offset + prevK];
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) ops.push('equal');
    ops.push(x === prevX ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  for (; x > 0; x--) ops.push('equal');
  return ops.reverse();
}

function lineChanges(a: readonly string[], b: readonly string[]): Change[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops = editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const out: Change[] = [];
  let i = head;
  let j = head;
  let current: Change | null = null;
  for (const op of ops) {
    if (op === 'equal') {
      current = null;
      i++;
      j++;
      continue;
    }
    if (!current) out.push((current = { oldStart: i, oldLines: [], newLines: [] }));
    if (op === 'delete') current.oldLines.push(a[i++]);
    else current.newLines.push(b[j++]);
  }
  return out;
}

/** The lines of a text; a final newline ends the last line rather than starting an empty one. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/** `--- a/name` / `+++ b/name` and the hunks; empty when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const lines = linesOf(before);
  const all = lineChanges(lines, linesOf(after));
  if (all.length === 0) return ''; // only a final newline differs
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let shift = 0; // new line number minus old line number before the current hunk
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].oldStart - (all[j].oldStart + all[j].oldLines.length) <= 2 * CONTEXT) j++;
    const start = Math.max(0, all[i].oldStart - CONTEXT);
    const end = Math.min(lines.length, all[j].oldStart + all[j].oldLines.length + CONTEXT);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let at = start;
    let hunkShift = 0;
    for (let k = i; k <= j; k++) {
      const c = all[k];
      for (; at < c.oldStart; at++, oldCount++, newCount++) body.push(` ${lines[at]}`);
      body.push(...c.oldLines.map((l) => `-${l}`), ...c.newLines.map((l) => `+${l}`));
      oldCount += c.oldLines.length;
      newCount += c.newLines.length;
      hunkShift += c.newLines.length - c.oldLines.length;
      at += c.oldLines.length;
    }
    for (; at < end; at++, oldCount++, newCount++) body.push(` ${lines[at]}`);
    out.push(`@@ -${range(start + 1, oldCount)} +${range(start + 1 + shift, newCount)} @@`, ...body);
    shift += hunkShift;
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}
