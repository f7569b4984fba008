import type { PatternEntry } from './reportTypes';

/** One box of the memory treemap: a prefix segment and what the patterns under it hold. */
export interface PrefixNode {
  /** The segment shown on the box (`*` for a variable part). */
  label: string;
  /** Segments from the root to this node, joined by the delimiter: the drill-down path. */
  path: string[];
  memoryBytes: number;
  keys: number;
  /** True when patterns continue below this node (it can be drilled into). */
  hasChildren: boolean;
}

/**
 * The children of `path` in the prefix tree of the report's patterns, split by `delimiter`, biggest
 * first. A pattern that ends at a node counts in that node but has no box below it.
 */
export function prefixChildren(patterns: readonly PatternEntry[], path: readonly string[], delimiter: string): PrefixNode[] {
  const children = new Map<string, PrefixNode>();
  for (const pattern of patterns) {
    const segments = pattern.pattern.split(delimiter);
    if (segments.length <= path.length || !path.every((segment, i) => segments[i] === segment)) continue;
    const label = segments[path.length];
    const node = children.get(label) ?? { label, path: [...path, label], memoryBytes: 0, keys: 0, hasChildren: false };
    node.memoryBytes += pattern.memoryBytes;
    node.keys += pattern.keys;
    if (segments.length > path.length + 1) node.hasChildren = true;
    children.set(label, node);
  }
  return [...children.values()].sort((a, b) => b.memoryBytes - a.memoryBytes || a.label.localeCompare(b.label));
}
