import assert from 'node:assert/strict';
import { buildImportGraph, cyclicComponents, findCycles, moduleSpecifiers } from '../../../scripts/lib/importGraph';

const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)));

describe('import graph cycles (scripts/checkArchitecture)', () => {
  it('finds a cycle through value imports and prints it as a chain that returns to its start', () => {
    const graph = graphOf({
      'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/b.ts': "import { c } from './sub/c';\nexport const b = c;\n",
      'src/sub/c.ts': "import { a } from '../a';\nexport const c = a;\n",
    });
    assert.deepEqual(findCycles(graph), [['src/a.ts', 'src/b.ts', 'src/sub/c.ts', 'src/a.ts']]);
  });

  it('counts type-only imports and `export … from` re-exports', () => {
    const graph = graphOf({
      'src/options.ts': "import type { Rule } from './rules/index';\nexport type Options = { rules: Rule[] };\n",
      'src/rules/index.ts': "export * from './ruleTypes';\n",
      'src/rules/ruleTypes.ts': "import { type Options } from '../options';\nexport type Rule = (o: Options) => void;\n",
    });
    assert.deepEqual(findCycles(graph), [['src/options.ts', 'src/rules/index.ts', 'src/rules/ruleTypes.ts', 'src/options.ts']]);
  });

  it('counts dynamic import() and typeof import() types', () => {
    const graph = graphOf({
      'src/panel.ts': "export async function open() { const { render } = await import('./page'); render(); }\n",
      'src/page.ts': "type Panel = typeof import('./panel.js');\nexport function render(_p?: Panel) {}\n",
    });
    assert.deepEqual(cyclicComponents(graph), [['src/page.ts', 'src/panel.ts']]);
    assert.equal(findCycles(graph).length, 1);
  });

  it('finds a file that imports itself', () => {
    assert.deepEqual(findCycles(graphOf({ 'src/self.ts': "export * from './self';\n" })), [['src/self.ts', 'src/self.ts']]);
  });

  it('reports no cycle for a diamond, shared packages, commented-out imports or imports in strings', () => {
    const graph = graphOf({
      'src/top.ts': "import { l } from './left';\nimport { r } from './right';\nimport Redis from 'ioredis';\nexport const top = [l, r, Redis];\n",
      'src/left.ts': "import { base } from './base';\nexport const l = base;\n",
      'src/right.ts': "import { base } from './base/';\nimport { l } from './left';\nexport const r = base;\n",
      'src/base/index.ts': "import 'ioredis';\n// import { top } from '../top';\nexport const base = \"import { top } from '../top'\";\n",
    });
    assert.deepEqual(graph.get('src/right.ts'), ['src/base/index.ts', 'src/left.ts']);
    assert.deepEqual(findCycles(graph), []);
  });

  it('gives chains that together use every edge of a tangle, shortest first', () => {
    // a ⇄ b and b → c → a: two chains, the two-file one and the three-file one.
    const graph = graphOf({
      'src/a.ts': "import './b';\n",
      'src/b.ts': "import './a';\nimport './c';\n",
      'src/c.ts': "import './a';\n",
    });
    const cycles = findCycles(graph);
    assert.deepEqual(cycles, [['src/a.ts', 'src/b.ts', 'src/a.ts'], ['src/b.ts', 'src/c.ts', 'src/a.ts', 'src/b.ts']]);
  });

  it('reads every kind of module specifier, including require()', () => {
    assert.deepEqual(moduleSpecifiers("import a = require('./a');\nconst b = require('./b');\nexport { c } from './c';\n"), ['./a', './b', './c']);
  });
});
