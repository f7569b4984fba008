import type { TreemapBoxData, TreemapLevelData } from '../protocol/memoryData';
import type { PatternEntry } from './reportTypes';
import { squarify, type Box } from './treemapLayout';

/** A prefix segment and what the patterns under it hold (a treemap box before layout). */
export type PrefixNode = Omit<TreemapBoxData, 'x' | 'y' | 'width' | 'height'>;

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

/**
 * Every level of the memory treemap, laid out in `box`: the root and each box that can be drilled
 * into. The report's patterns are few (inferred patterns are merged to a bound), so this stays small.
 */
export function treemapLevels(patterns: readonly PatternEntry[], delimiter: string, box: Box): TreemapLevelData[] {
  const levels: TreemapLevelData[] = [];
  const pending: string[][] = [[]];
  for (let path = pending.pop(); path; path = pending.pop()) {
    const children = prefixChildren(patterns, path, delimiter);
    const cells = squarify(children.map((node) => ({ item: node, value: node.memoryBytes })), box);
    levels.push({ path, boxes: cells.map(({ item, x, y, width, height }) => ({ ...item, x, y, width, height })) });
    for (const child of children) if (child.hasChildren) pending.push(child.path);
  }
  return levels;
}
