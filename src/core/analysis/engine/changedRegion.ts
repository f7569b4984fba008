/**
 * The region one edit changed the structure of, told by node identity instead of tree-sitter's
 * `getChangedRanges`, which compares the root's children — thousands in a large file — on every keystroke.
 *
 * A node's `id` is the address of its slot in its parent's children array, and a node's children array
 * sits just before its own data: two nodes whose children have the same `id`s are one subtree that
 * tree-sitter reused. Parsing is deterministic left to right, so within a parent the children are as they
 * were up to the last reused child before the edit and from the first reused child (not a comment, which
 * is reused in any parse state) after it; between those, a child outside the edit parsed again into the
 * same kind and extent is the same syntax, and one that holds edited text changed. A tree with errors
 * (recovery may reuse nodes in other states) is left to tree-sitter, as are several edits at once.
 *
 * From the root down, while exactly one child differs (the statement, the class member, the method
 * body… that holds the edit) the search goes inside it; where more differ, their extent is the answer.
 * changedRegion.test.ts checks it against getChangedRanges on random edits.
 */
import type { Node, Tree } from 'web-tree-sitter';

/** Children examined per level before giving up (the caller then asks tree-sitter). */
const MAX_WINDOW = 32;
const MAX_DEPTH = 64;

interface Edit {
  start: number;
  newEnd: number;
}

type Region = { start: number; end: number };

/**
 * What the edits since the last parse changed, in the new text: `ranges` to read again, and `single`, the
 * region of the one edit there was (the edit and what the re-parse changed around it), else null.
 */
export function changedRegions(old: Tree, now: Tree, edits: readonly Edit[]): { single: Region | null; ranges: Region[] } {
  const fromTreeSitter = old.getChangedRanges.bind(old);
  if (edits.length === 1) {
    const region = changedRegionByIdentity(old.rootNode, now.rootNode, edits[0]) ?? merged(edits[0], fromTreeSitter(now));
    return { single: region, ranges: [region] };
  }
  return { single: null, ranges: fromTreeSitter(now).map((r) => ({ start: r.startIndex, end: r.endIndex })) };
}

function merged(edit: Edit, ranges: ReadonlyArray<{ startIndex: number; endIndex: number }>): Region {
  const region = { start: edit.start, end: edit.newEnd };
  for (const r of ranges) Object.assign(region, { start: Math.min(region.start, r.startIndex), end: Math.max(region.end, r.endIndex) });
  return region;
}

/**
 * `oldRoot` is the old tree's root after `tree.edit()` (so its offsets are the new text's); the edit
 * replaced text from `start` on by [start, newEnd). Returns the changed region (the edit at least),
 * or null when it is not cheap to find.
 */
export function changedRegionByIdentity(oldRoot: Node, newRoot: Node, edit: Edit): Region | null {
  // Error recovery may reuse a node in another parse state: then nothing after it is known to be as it was.
  if (oldRoot.hasError || newRoot.hasError) return null;
  let before = oldRoot;
  let after = newRoot;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (before.typeId !== after.typeId || before.startIndex !== after.startIndex || before.endIndex !== after.endIndex) return null;
    const diff = differingChildren(before, after, edit);
    if (diff === null) return null;
    if (diff === 'none') return { start: edit.start, end: edit.newEnd };
    if ('pair' in diff) {
      [before, after] = diff.pair;
      continue;
    }
    return { start: Math.min(edit.start, diff.start), end: Math.max(edit.newEnd, diff.end) };
  }
  return null;
}

type Difference = 'none' | { pair: readonly [Node, Node] } | { start: number; end: number };

/** The children that differ between `before` and `after` (both hold the edit, with the same range). */
function differingChildren(before: Node, after: Node, edit: Edit): Difference | null {
  if (after.childCount === 0 || before.childCount === 0) return after.childCount === before.childCount ? 'none' : null;
  const probe = Math.max(after.startIndex, edit.start - 1);
  const oldAt = before.firstChildForIndex(probe);
  const newAt = after.firstChildForIndex(probe);
  if (!oldAt || !newAt) return null;
  const olds: Node[] = [];
  const news: Node[] = [];
  // Backwards to a reused child that ends before the edit, taking the later-starting side first.
  let o: Node | null = oldAt;
  let n: Node | null = newAt;
  while (o || n) {
    if (olds.length + news.length > MAX_WINDOW) return null;
    if (o && n && o.startIndex === n.startIndex && n.endIndex <= edit.start && sameSubtree(o, n)) break;
    const takeNew = !!n && (!o || n.startIndex >= o.startIndex);
    const takeOld = !!o && (!n || o.startIndex >= n.startIndex);
    if (takeNew) {
      news.unshift(n!);
      n = n!.previousSibling;
    }
    if (takeOld) {
      olds.unshift(o!);
      o = o!.previousSibling;
    }
  }
  // Forwards to a reused child that starts after the edit, taking the earlier-starting side first.
  o = oldAt.nextSibling;
  n = newAt.nextSibling;
  while (o || n) {
    if (olds.length + news.length > MAX_WINDOW) return null;
    // A comment is reused in any parse state: it proves nothing about what follows.
    if (o && n && o.startIndex === n.startIndex && n.startIndex >= edit.newEnd && !n.isExtra && sameSubtree(o, n)) break;
    const takeNew = !!n && (!o || n.startIndex <= o.startIndex);
    const takeOld = !!o && (!n || o.startIndex <= n.startIndex);
    if (takeNew) {
      news.push(n!);
      n = n!.nextSibling;
    }
    if (takeOld) {
      olds.push(o!);
      o = o!.nextSibling;
    }
  }
  // Inside the window, a child outside the edit found on both sides with the same shape did not change.
  const oldByStart = new Map(olds.map((c) => [c.startIndex, c]));
  const kept = new Set<Node>();
  const changedNew = news.filter((c) => {
    const twin = oldByStart.get(c.startIndex);
    // A node that holds edited text changed, however much of it tree-sitter reused.
    if (twin && (c.endIndex < edit.start || c.startIndex > edit.newEnd) && sameShape(twin, c)) {
      kept.add(twin);
      return false;
    }
    return true;
  });
  const changedOld = olds.filter((c) => !kept.has(c));
  if (changedNew.length === 0 && changedOld.length === 0) return 'none';
  if (changedNew.length === 1 && changedOld.length === 1) {
    const [was, is] = [changedOld[0], changedNew[0]];
    if (was.typeId === is.typeId && was.startIndex === is.startIndex && was.endIndex === is.endIndex && is.childCount > 0) return { pair: [was, is] };
  }
  const all = [...changedNew, ...changedOld];
  return { start: Math.min(...all.map((c) => c.startIndex)), end: Math.max(...all.map((c) => c.endIndex)) };
}

/**
 * Outside the edit, a node parsed again from the same text into the same kind and extent is the same
 * syntax (a grammar derives one tree for one text; tree-sitter re-parses a few siblings after an edit
 * until its parse state matches the old one). Only a reused node, though, bounds the search.
 */
function sameShape(a: Node, b: Node): boolean {
  return a.typeId === b.typeId && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.childCount === b.childCount;
}

/** Is `b` the subtree `a` (reused by tree-sitter), or the same leaf? Offsets of both are the new text's. */
function sameSubtree(a: Node, b: Node): boolean {
  if (a.typeId !== b.typeId || a.startIndex !== b.startIndex || a.endIndex !== b.endIndex) return false;
  const count = b.childCount;
  if (count !== a.childCount) return false;
  if (count === 0) return true;
  // Every child: a child inside a hidden node (a repetition, `_expression`) has its slot there, and a new
  // node may be built around reused hidden nodes; its own tokens then sit in its own, new array.
  for (let i = 0; i < count; i++) if (a.child(i)?.id !== b.child(i)?.id) return false;
  return true;
}
