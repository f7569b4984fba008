import * as assert from 'node:assert/strict';
import { Analyzer, AnalysisOptionsError, wasmLocationFromNodeModules, wasmLocationInDir } from '../../../../src/core/analysis';
import { TreeSitterHost } from '../../../../src/core/analysis/parser/treeSitterHost';
import { analyze, analyzer, disposeAnalyzer } from './analyzerHarness';

describe('analyzer robustness', () => {
  after(disposeAnalyzer);

  it('skips files above maxFileSize with a note', async () => {
    const text = `import Redis from 'ioredis';\nconst r = new Redis();\nr.keys('*');\n`;
    const result = await analyze('src/big.ts', text, { maxFileSize: 20 });
    assert.deepEqual(result.findings, []);
    assert.equal(result.notes[0].kind, 'too-large');
    assert.match(result.notes[0].message, /maxFileSize/);
    assert.equal((await analyze('src/big.ts', text)).findings.length, 1);
  });

  it('cancels a parse that exceeds the time limit, then parses again with a fresh parser', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `export async function f${i}(r) { return r.get('k${i}'); }`).join('\n');
    const cancelled = await analyze('src/slow.js', text, { parseTimeoutMs: 0.001 });
    assert.equal(cancelled.notes[0]?.kind, 'parse-timeout');
    const ok = await analyze('src/slow.js', `import Redis from 'ioredis';\nnew Redis().keys('*');`);
    assert.deepEqual(ok.notes, []);
    assert.equal(ok.findings.length, 1);
  });

  it('replaces a parser whose parse throws, and reports the file instead of throwing', async () => {
    const host = new TreeSitterHost(wasmLocationFromNodeModules());
    try {
      await host.load('typescript');
      const failed = host.parse('typescript', undefined as unknown as string, null, 1000);
      assert.equal(failed.ok, false);
      const ok = host.parse('typescript', 'const a = 1;', null, 1000);
      assert.ok(ok.ok);
      if (ok.ok) ok.tree.delete();
    } finally {
      host.dispose();
    }
  });

  it('reads broken import statements without taking punctuation for a name', async () => {
    // tree-sitter puts an ERROR node where the namespace name should be; the creation pattern once became an invalid RegExp.
    const text = "import * (as redis from 'redis';\nimport { createClient as ( } from 'redis';\nconst c = createClient();\nawait c.keys('a*');\n";
    const result = await analyze('src/broken.ts', text);
    assert.deepEqual(result.notes, []);
  });

  it('reports unsupported files and rejects documents it cannot read', async () => {
    const result = await analyzer().analyzeText('README.md', '# hi');
    assert.equal(result.notes[0].kind, 'unsupported-language');
    assert.equal(analyzer().supports('types.d.ts'), false);
    assert.equal(analyzer().supports('a.mts'), true);
    await assert.rejects(analyzer().openDocument('a.py', ''), /Not a JavaScript\/TypeScript file/);
  });

  it('explains a wrong wasm location', async () => {
    const broken = new Analyzer({ wasm: wasmLocationInDir('/nonexistent/dir') });
    try {
      // The runtime may already be initialised by other tests; the grammar path is then what fails.
      await assert.rejects(broken.analyzeText('a.ts', 'x'), /Could not load the (tree-sitter runtime|typescript grammar) from \/nonexistent\/dir/);
    } finally {
      broken.dispose();
    }
  });

  it('validates options with actionable messages', () => {
    const a = analyzer();
    assert.throws(() => a.setOptions({ rules: { 'no-kyes': 'off' } as never }), (e: unknown) => e instanceof AnalysisOptionsError && /Unknown rule "no-kyes".*no-keys/.test(e.message));
    assert.throws(() => a.setOptions({ rules: { 'no-keys': 'loud' as never } }), /rules.no-keys must be one of error, warning, info, hint, off/);
    assert.throws(() => a.setOptions({ maxFileSize: -1 }), /maxFileSize must be a positive number/);
    assert.throws(() => a.setOptions({ minConfidence: 'sure' as never }), /minConfidence/);
    assert.throws(() => a.setOptions({ nodeRedisMajor: 6 as never }), /nodeRedisMajor must be 3, 4, 5 or null/);
    assert.throws(() => a.setOptions({ colour: 1 } as never), /Unknown analyzer option "colour"/);
    a.setOptions({});
  });
});
