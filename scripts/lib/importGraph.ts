// The import graph of a set of TypeScript sources and the cycles in it. Pure: the caller passes the
// file texts and says which paths exist, so the unit test needs no disk. Every edge counts — type-only
// imports, `export … from` re-exports, dynamic `import()` and `require()` — because each one ties the
// two modules' evolution together even when the bundler erases it.
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every module specifier a source file mentions, in order (comments and strings are skipped). */
export function moduleSpecifiers(sourceText: string): string[] {
  return ts.preProcessFile(sourceText, true, true).importedFiles.map((f) => f.fileName);
}

export function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** The source file a relative specifier points at, or undefined for a package or a missing file. */
export function resolveRelative(fromFile: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  if (!isRelative(specifier)) return undefined;
  const base = path.posix.join(path.posix.dirname(fromFile), specifier).replace(/\/$/, '');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
  return candidates.find(exists);
}

/** File → the files it imports, for the given sources (posix paths). Edges to unknown files are dropped. */
export function buildImportGraph(sources: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const exists = (file: string) => sources.has(file);
  for (const [file, text] of sources) {
    const targets = moduleSpecifiers(text)
      .map((spec) => resolveRelative(file, spec, exists))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or one file importing itself (Tarjan). */
export function cyclicComponents(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  // Iterative so a long import chain cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const frames: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Cycles that together use every import edge inside each cyclic component, each as a chain of files
 * that starts and ends with the same file. Shortest first, so each chain is the smallest thing to break.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    const covered = new Set<string>();
    for (const from of component) {
      for (const to of graph.get(from) ?? []) {
        if (!members.has(to) || covered.has(`${from}\0${to}`)) continue;
        const back = shortestPath(graph, members, to, from);
        if (!back) continue;
        const cycle = [from, ...back];
        for (let i = 0; i + 1 < cycle.length; i++) covered.add(`${cycle[i]}\0${cycle[i + 1]}`);
        cycles.push(cycle);
      }
    }
  }
  return cycles;
}

/** The shortest chain from → … → to using only files in `within` (breadth-first), or undefined. */
function shortestPath(graph: ImportGraph, within: ReadonlySet<string>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === to) {
      const chain: string[] = [];
      for (let at: string | null = node; at !== null; at = previous.get(at)!) chain.unshift(at);
      return chain;
    }
    for (const next of graph.get(node) ?? []) {
      if (within.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}
