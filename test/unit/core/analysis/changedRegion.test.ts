import * as assert from 'node:assert/strict';
import type { Tree } from 'web-tree-sitter';
import { wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { changedRegionByIdentity } from '../../../../src/core/analysis/engine/changedRegion';
import { TreeSitterHost } from '../../../../src/core/analysis/parser/treeSitterHost';
import { posAt } from '../../../../src/core/analysis/syntax';
import { fixtureFiles } from './analyzerHarness';
import { int, pick, prng } from './prng';

const SNIPPETS = [' ', '\n', ';', '}', '{', '(', ')', "'", '"', '`', '/*', '*/', '//', '/', 'x', '?', ':', '=>', "await redis.keys('z*');\n", 'function g() {\n', '} else {', '// note\n', 'é😀', ''];

/**
 * The region found by node identity must hold every range tree-sitter's getChangedRanges reports: the
 * analysis re-reads only the statements (and class members) in it.
 */
describe('changed region by node identity', () => {
  let host: TreeSitterHost;
  before(async () => {
    host = new TreeSitterHost(wasmLocationFromNodeModules());
    await host.load('typescript');
    await host.load('javascript');
  });
  after(() => host.dispose());

  function parse(grammar: 'typescript' | 'javascript', text: string, old: Tree | null): Tree {
    const outcome = host.parse(grammar, text, old, 60_000);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.tree;
  }

  /** Applies one random edit to `tree` (of `text`); returns the new text, tree and what both ways of finding the change say. */
  function randomEdit(rand: () => number, grammar: 'typescript' | 'javascript', text: string, tree: Tree) {
    const offset = int(rand, text.length + 1);
    const removed = rand() < 0.4 ? Math.min(int(rand, rand() < 0.15 ? 200 : 12), text.length - offset) : 0;
    const inserted = rand() < 0.85 ? pick(rand, SNIPPETS) : '';
    const next = text.slice(0, offset) + inserted + text.slice(offset + removed);
    const origin = { offset: 0, line: 0, column: 0 };
    const point = (p: { line: number; column: number }) => ({ row: p.line, column: p.column });
    tree.edit({
      startIndex: offset,
      oldEndIndex: offset + removed,
      newEndIndex: offset + inserted.length,
      startPosition: point(posAt(text, offset, origin)),
      oldEndPosition: point(posAt(text, offset + removed, origin)),
      newEndPosition: point(posAt(next, offset + inserted.length, origin)),
    });
    const now = parse(grammar, next, tree);
    const expected = tree.getChangedRanges(now);
    const region = changedRegionByIdentity(tree.rootNode, now.rootNode, { start: offset, newEnd: offset + inserted.length });
    return { next, now, expected, region, edit: { offset, removed, inserted } };
  }

  function check(label: string, result: ReturnType<typeof randomEdit>): boolean {
    const { region, expected, edit } = result;
    if (!region) return false;
    assert.ok(region.start <= edit.offset && region.end >= edit.offset + edit.inserted.length, `${label}: the region ${JSON.stringify(region)} leaves out the edit ${JSON.stringify(edit)}`);
    for (const range of expected) {
      assert.ok(range.startIndex >= region.start && range.endIndex <= region.end, `${label}: tree-sitter changed ${range.startIndex}-${range.endIndex}, outside ${JSON.stringify(region)} (edit ${JSON.stringify(edit)})`);
    }
    return true;
  }

  const grammarOf = (name: string): 'typescript' | 'javascript' => (/\.[cm]?jsx?$/.test(name) ? 'javascript' : 'typescript');

  it('holds every range tree-sitter reports after one edit of a file that parses (seeded)', function () {
    this.timeout(120_000);
    const rand = prng(20261207);
    let answered = 0;
    let edits = 0;
    for (const source of fixtureFiles()) {
      const grammar = grammarOf(source.name);
      for (let round = 0; round < 12; round++) {
        const tree = parse(grammar, source.text, null);
        const result = randomEdit(rand, grammar, source.text, tree);
        edits++;
        if (check(`${source.rule}/${source.name}`, result)) answered++;
        result.now.delete();
        tree.delete();
      }
    }
    // Most edits are answered by identity (the others go to tree-sitter: broken code, long windows).
    assert.ok(answered > edits / 4, `only ${answered} of ${edits} edits answered by identity`);
  });

  it('holds every range tree-sitter reports while edits pile up (seeded)', function () {
    this.timeout(120_000);
    const rand = prng(7);
    for (const source of fixtureFiles().filter((_, i) => i % 3 === 0)) {
      const grammar = grammarOf(source.name);
      let text = source.text;
      let tree = parse(grammar, text, null);
      for (let round = 0; round < 15; round++) {
        const result = randomEdit(rand, grammar, text, tree);
        check(`${source.rule}/${source.name} round ${round}`, result);
        tree.delete();
        tree = result.now;
        text = result.next;
      }
      tree.delete();
    }
  });

  it('finds a change in a node tree-sitter rebuilt around reused parts (`string | undefin`)', () => {
    // The union's first part is reused inside the new node: only the other children show it is new.
    const text = `export type RegionConfiguration = {\n    azureRegion?: AzureRegion;\n    environmentRegion: string | undefined;\n};\n`;
    const tree = parse('typescript', text, null);
    const at = text.indexOf('ed;');
    const origin = { offset: 0, line: 0, column: 0 };
    const next = text.slice(0, at) + text.slice(at + 3);
    const point = (p: { line: number; column: number }) => ({ row: p.line, column: p.column });
    tree.edit({ startIndex: at, oldEndIndex: at + 3, newEndIndex: at, startPosition: point(posAt(text, at, origin)), oldEndPosition: point(posAt(text, at + 3, origin)), newEndPosition: point(posAt(next, at, origin)) });
    const now = parse('typescript', next, tree);
    try {
      check('union', { next, now, expected: tree.getChangedRanges(now), region: changedRegionByIdentity(tree.rootNode, now.rootNode, { start: at, newEnd: at }), edit: { offset: at, removed: 3, inserted: '' } });
    } finally {
      now.delete();
      tree.delete();
    }
  });

  it('narrows an edit inside one method of a class with comments between its members to that method', () => {
    const members = Array.from({ length: 12 }, (_, i) => `  /** Reads item ${i}. */\n  async get${i}(id: string) {\n    const v = await this.redis.get(\`k${i}:\${id}\`);\n    return v;\n  }\n`).join('\n');
    const text = `export class Store {\n  constructor(private readonly redis: Redis) {}\n\n${members}}\n`;
    const tree = parse('typescript', text, null);
    const at = text.indexOf('return v;', text.indexOf('get6(')) + 'return v;'.length;
    tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 0, column: 1 } });
    const next = text.slice(0, at) + ' ' + text.slice(at);
    const now = parse('typescript', next, tree);
    try {
      const region = changedRegionByIdentity(tree.rootNode, now.rootNode, { start: at, newEnd: at + 1 });
      const method = { start: next.indexOf('async get6('), end: next.indexOf('}', at) + 1 };
      assert.ok(region, 'answered by identity');
      assert.ok(region.start > method.start && region.end < method.end, `${JSON.stringify(region)} inside ${JSON.stringify(method)}`);
    } finally {
      now.delete();
      tree.delete();
    }
  });
});
