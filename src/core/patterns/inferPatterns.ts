import { looksVariable, splitKeyName } from './segmentShape';

/**
 * Infers key patterns from key names alone (keys no code names), online and in bounded memory:
 * names are split on their delimiter into a tree of segments; a segment becomes `*` when it
 * looks variable (number, UUID, hex id, date, token) or when its parent already has more than
 * `maxLiteralSiblings` distinct literal children (`orphan:x1` … `orphan:x25` → `orphan:*`). A
 * `*` always replaces a whole segment. Each key counts in exactly one pattern; per-pattern
 * statistics are whatever the caller keeps, merged when patterns collapse.
 */

export interface PatternStatsOps<S> {
  create(): S;
  /** Adds `from` into `into` (two patterns became one). */
  merge(into: S, from: S): void;
}

export interface PatternInferenceOptions {
  /** Distinct literal values at one position (below the first) before they collapse to `*` (default 16). */
  maxLiteralSiblings?: number;
  /** Cap on tree nodes; past it, new names go to their deepest known prefix followed by `*` (default 20,000). */
  maxNodes?: number;
}

const WILDCARD = '*';

interface PatternNode<S> {
  children: Map<string, PatternNode<S>>;
  /** Literal children collapsed: every new literal at this position goes to `*`. */
  collapsed: boolean;
  /** Statistics of keys whose name ends at this node, created on first use. */
  stats: S | null;
}

export interface InferredPattern<S> {
  pattern: string;
  stats: S;
}

export class PatternInferrer<S> {
  private readonly root: PatternNode<S> = newNode();
  private nodes = 1;
  private readonly maxLiteralSiblings: number;
  private readonly maxNodes: number;

  constructor(
    private readonly ops: PatternStatsOps<S>,
    options: PatternInferenceOptions = {},
  ) {
    this.maxLiteralSiblings = options.maxLiteralSiblings ?? 16;
    this.maxNodes = options.maxNodes ?? 20_000;
  }

  /** The statistics object of the pattern `name` falls in; the caller adds the key to it right away. */
  add(name: string): S {
    let node = this.root;
    const segments = splitKeyName(name);
    for (let depth = 0; depth < segments.length; depth++) {
      const next = this.child(node, segments[depth], depth);
      if (!next) {
        node = this.wildcardChild(node, segments[depth]);
        break;
      }
      node = next;
    }
    node.stats ??= this.ops.create();
    return node.stats;
  }

  /** Every pattern with keys (unsorted). */
  patterns(): InferredPattern<S>[] {
    const out: InferredPattern<S>[] = [];
    const walk = (node: PatternNode<S>, path: string): void => {
      if (node.stats) out.push({ pattern: path, stats: node.stats });
      for (const [segment, child] of node.children) walk(child, path + segment);
    };
    walk(this.root, '');
    return out;
  }

  /** The child for `segment`, created if allowed; null when the node cap is reached. */
  private child(node: PatternNode<S>, segment: string, depth: number): PatternNode<S> | null {
    const delimiter = depth === 0 ? '' : segment[0];
    const value = depth === 0 ? segment : segment.slice(1);
    const key = node.collapsed || looksVariable(value) ? delimiter + WILDCARD : segment;
    const existing = node.children.get(key);
    if (existing) return existing;
    if (this.nodes >= this.maxNodes) return null;
    const created = newNode<S>();
    node.children.set(key, created);
    this.nodes++;
    if (depth > 0 && !node.collapsed && this.literalChildren(node) > this.maxLiteralSiblings) {
      this.collapse(node);
      return node.children.get(delimiter + WILDCARD) ?? null;
    }
    return created;
  }

  private wildcardChild(node: PatternNode<S>, segment: string): PatternNode<S> {
    const key = (segment.length > 0 && ':/|#.'.includes(segment[0]) ? segment[0] : '') + WILDCARD;
    let child = node.children.get(key);
    if (!child) {
      child = newNode<S>();
      node.children.set(key, child);
      this.nodes++;
    }
    return child;
  }

  private literalChildren(node: PatternNode<S>): number {
    let n = 0;
    for (const key of node.children.keys()) if (!key.endsWith(WILDCARD) || key.length > 2) n++;
    return n;
  }

  /** Folds every literal child into the `*` child of its delimiter (subtrees merged recursively). */
  private collapse(node: PatternNode<S>): void {
    node.collapsed = true;
    for (const [key, child] of [...node.children]) {
      const wildcardKey = key[0] + WILDCARD;
      if (key === wildcardKey) continue;
      node.children.delete(key);
      const target = node.children.get(wildcardKey);
      if (target) this.mergeInto(target, child);
      else node.children.set(wildcardKey, child);
    }
  }

  private mergeInto(target: PatternNode<S>, from: PatternNode<S>): void {
    this.nodes--;
    if (from.stats) {
      if (target.stats) this.ops.merge(target.stats, from.stats);
      else target.stats = from.stats;
    }
    target.collapsed ||= from.collapsed;
    for (const [key, child] of from.children) {
      const existing = target.children.get(key);
      if (existing) this.mergeInto(existing, child);
      else target.children.set(key, child);
    }
    if (!target.collapsed && this.literalChildren(target) > this.maxLiteralSiblings) this.collapse(target);
  }
}

function newNode<S>(): PatternNode<S> {
  return { children: new Map(), collapsed: false, stats: null };
}

/** Convenience: the patterns of a list of names with their key count and summed weight (e.g. memory), biggest first. */
export function inferPatterns(names: Iterable<{ name: string; weight?: number }>, options: PatternInferenceOptions = {}): { pattern: string; keys: number; weight: number }[] {
  const inferrer = new PatternInferrer<{ keys: number; weight: number }>(
    {
      create: () => ({ keys: 0, weight: 0 }),
      merge: (into, from) => {
        into.keys += from.keys;
        into.weight += from.weight;
      },
    },
    options,
  );
  for (const { name, weight = 0 } of names) {
    const stats = inferrer.add(name);
    stats.keys++;
    stats.weight += weight;
  }
  return inferrer
    .patterns()
    .map(({ pattern, stats }) => ({ pattern, ...stats }))
    .sort((a, b) => b.weight - a.weight || b.keys - a.keys || a.pattern.localeCompare(b.pattern));
}
