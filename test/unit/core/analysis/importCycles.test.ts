// The analyzer's modules form no import cycle, counting type-only imports and re-exports: a cycle
// would make the order of module initialisation (and of the rules' vocabulary) depend on who loads first.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../../../src/core/analysis');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const resolve = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('.')) return undefined;
    const base = path.resolve(path.dirname(from), specifier);
    return [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => known.has(candidate));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // preProcessFile lists imports, `export … from` and dynamic import() alike, type-only ones included.
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    graph.set(file, info.importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== undefined));
  }
  return graph;
}

/** One cycle as a path of files, or undefined (depth-first search with colours). */
function findCycle(graph: ReadonlyMap<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('analyzer module graph', () => {
  it('control: the search finds a cycle through a type-only import', () => {
    const graph = new Map([
      ['options.ts', ['rules/index.ts']],
      ['rules/index.ts', ['rules/ruleTypes.ts']],
      ['rules/ruleTypes.ts', ['options.ts']],
    ]);
    assert.deepEqual(findCycle(graph), ['options.ts', 'rules/index.ts', 'rules/ruleTypes.ts', 'options.ts']);
  });

  it('src/core/analysis has no import cycle (type-only imports and re-exports count)', () => {
    const files = sourceFiles(ROOT);
    assert.ok(files.length > 50, 'the analyzer sources were found');
    const cycle = findCycle(importGraph(files));
    assert.equal(cycle?.map((file) => path.relative(ROOT, file)).join(' → '), undefined);
  });
});
