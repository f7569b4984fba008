/**
 * Parent links and "nearest enclosing X" lookups for one top-level statement.
 *
 * tree-sitter's `node.parent` walks down from the root, so it costs the node's depth, and walking up
 * from a call 20,000 levels deep in a member chain cost 20,000² steps per call. One pruned cursor
 * walk records the parents of every node on a path to a candidate (and their children), and the
 * upward searches are memoised, so extraction stays linear in the size of the statement.
 */
import type { Node, TreeCursor } from 'web-tree-sitter';
import { countWork } from '../engine/workCounter';

export interface Point {
  index: number;
  length: number;
}

export class Ancestry {
  private readonly parents = new Map<number, Node | null>();
  private readonly deepest = new Map<number, Node>();
  private readonly nearestCache = new Map<ReadonlySet<string>, Map<number, Node | null>>();
  private readonly childrenCache = new Map<number, Node[]>();

  /** `points` must be sorted by index; each is a range the caller will look up with `at()`. */
  constructor(
    /** The top-level statement (or class member) the points lie in. */
    readonly statement: Node,
    points: readonly Point[],
    /** The statement's parent when known (the root): `entry.parent` costs a walk over the root's children. */
    entryParent?: Node | null,
    /**
     * Where the points all lie, when known (one member of a class), with the parent links above it:
     * the walk starts there instead of going through every member of the class.
     */
    within?: { node: Node; parents: ReadonlyArray<readonly [Node, Node]> },
  ) {
    this.parents.set(statement.id, entryParent === undefined ? statement.parent : entryParent);
    for (const [child, parent] of within?.parents ?? []) this.parents.set(child.id, parent);
    if (points.length > 0) this.walk(points, within?.node ?? statement);
  }

  /** The smallest node spanning [index, index + length), as `descendantForIndex` finds it. */
  at(index: number): Node | null {
    return this.deepest.get(index) ?? null;
  }

  parent(node: Node): Node | null {
    const known = this.parents.get(node.id);
    if (known !== undefined) return known;
    countWork('tree');
    const parent = node.parent;
    this.parents.set(node.id, parent);
    return parent;
  }

  /**
   * The nearest strict ancestor of `node` whose type is in `types`, not looking above the
   * statement (which itself counts). One memo per set of types (the same Set object).
   */
  nearest(node: Node, types: ReadonlySet<string>): Node | null {
    let memo = this.nearestCache.get(types);
    if (!memo) this.nearestCache.set(types, (memo = new Map<number, Node | null>()));
    const pending: Node[] = [];
    let result: Node | null = null;
    for (let current: Node = node; ; ) {
      const cached = memo.get(current.id);
      if (cached !== undefined) {
        result = cached;
        break;
      }
      pending.push(current);
      if (current.id === this.statement.id) break;
      const parent = this.parent(current);
      countWork('tree');
      if (!parent) break;
      if (types.has(parent.type)) {
        result = parent;
        break;
      }
      current = parent;
    }
    for (const n of pending) memo.set(n.id, result);
    return result;
  }

  /** A node's named children, read once per node (blocks are asked for every call they hold). */
  namedChildren(node: Node): Node[] {
    let children = this.childrenCache.get(node.id);
    if (!children) {
      children = node.namedChildren.filter((n): n is Node => n !== null);
      countWork('tree', children.length);
      this.childrenCache.set(node.id, children);
    }
    return children;
  }

  /** True when `inner` lies within `outer` (by range). */
  static contains(outer: Node, inner: Node): boolean {
    return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
  }

  /**
   * Visits the nodes that contain points, from the statement down (an explicit stack: member chains
   * are too deep for recursion). Records the parent of every node on a path to a point. A point
   * goes down into the child its start falls in (points are single tokens, so the child holds all of
   * it) and its deepest node is the one where it goes no further; binary searches keep every level
   * O(children + log points), so the walk is linear however deep the tree is.
   */
  private walk(points: readonly Point[], from: Node): void {
    const stack: Array<{ node: Node; lo: number; hi: number }> = [{ node: from, lo: 0, hi: points.length }];
    for (let item = stack.pop(); item; item = stack.pop()) {
      const { node, lo, hi } = item;
      let i = lo;
      const cursor: TreeCursor = node.walk();
      try {
        if (cursor.gotoFirstChild()) {
          do {
            countWork('tree');
            const start = cursor.startIndex;
            const end = cursor.endIndex;
            const first = firstAtOrAfter(points, start, i, hi);
            for (; i < first; i++) this.deepest.set(points[i].index, node);
            const past = firstAtOrAfter(points, end, i, hi);
            // Only the children on a path to a point become Nodes (each costs a trip through WASM);
            // a sibling's parent, when asked for, is read from the tree then.
            if (past > i) {
              const child = cursor.currentNode;
              this.parents.set(child.id, node);
              stack.push({ node: child, lo: i, hi: past });
            }
            i = past;
          } while (cursor.gotoNextSibling());
        }
      } finally {
        cursor.delete();
      }
      for (; i < hi; i++) this.deepest.set(points[i].index, node);
    }
  }
}

/** The first index in [lo, hi) whose point starts at or after `offset` (hi when none). */
function firstAtOrAfter(points: readonly Point[], offset: number, lo: number, hi: number): number {
  while (lo < hi) {
    countWork('tree');
    const mid = (lo + hi) >> 1;
    if (points[mid].index < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
