import * as assert from 'node:assert/strict';
import { type AnalysisResult, applyFix } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer, fixtureFiles } from './analyzerHarness';
import { int, pick, prng } from './prng';

const TOKENS = [
  'redis', 'client', 'cache', '.', '?.', '(', ')', '{', '}', '[', ']', ',', ';', '=', '=>', 'await', 'async', 'const', 'let', 'var',
  'function', 'class', 'constructor', 'this', 'new', 'Redis', 'Cluster', 'createClient', 'keys', 'set', 'setnx', 'expire', 'multi',
  'pipeline', 'exec', 'on', "'error'", "'EX'", "'user:*'", '`a${b}`', '"NX"', '60', '-1', '0', 'import', 'from', "'ioredis'", "'redis'",
  'require', 'export', 'return', 'if', 'else', 'for', 'of', 'as', 'satisfies', '!', '...', '//', '/*', '*/', '\n', ' ', '<div>', '</div>',
  'redis-specialist-disable-next-line', ':', 'Redis[]', '<T>', '?', '&&', '||', '+', 'é', '😀', '\\', '\u2028',
];

const EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cts'];
// A generous bound (the machine may be busy): no input may come anywhere near it.
const OPTIONS = { parseTimeoutMs: 60_000 };

function checkResult(text: string, result: AnalysisResult): void {
  for (const f of result.findings) {
    assert.ok(f.range.startOffset >= 0 && f.range.endOffset <= text.length && f.range.startOffset <= f.range.endOffset, 'range inside text');
    for (const fix of f.fixes) applyFix(text, fix); // must not throw (edits in range, no overlaps)
  }
  for (const note of result.notes) assert.notEqual(note.kind, 'parse-timeout', 'a parse hit the time limit');
}

/**
 * Thousands of random and mutated files (seeded, so a failure replays): no exception, every range
 * inside the text, every fix applicable, and no parse running into the time limit.
 */
describe('analyzer fuzz (seeded)', function () {
  this.timeout(300_000);
  after(disposeAnalyzer);
  const seeds = fixtureFiles().map((f) => f.text);

  it('survives 2,000 random token streams', async () => {
    const rand = prng(7);
    for (let i = 0; i < 2000; i++) {
      const n = int(rand, 120);
      let text = '';
      for (let t = 0; t < n; t++) text += pick(rand, TOKENS) + (rand() < 0.5 ? ' ' : '');
      const result = await analyze(`src/f${i}.${pick(rand, EXTENSIONS)}`, text, OPTIONS);
      checkResult(text, result);
    }
  });

  it('survives 1,500 mutated fixtures', async () => {
    const rand = prng(11);
    for (let i = 0; i < 1500; i++) {
      let text = pick(rand, seeds);
      for (let m = 1 + int(rand, 6); m > 0; m--) {
        const at = int(rand, text.length + 1);
        const op = int(rand, 4);
        if (op === 0) text = text.slice(0, at) + text.slice(at + int(rand, 40)); // delete
        else if (op === 1) text = text.slice(0, at) + pick(rand, TOKENS) + text.slice(at); // insert a token
        else if (op === 2) {
          const from = int(rand, text.length);
          text = text.slice(0, at) + text.slice(from, from + int(rand, 80)) + text.slice(at); // duplicate a chunk
        } else text = text.slice(0, at) + String.fromCharCode(int(rand, 0x3000)) + text.slice(at); // random char
      }
      const result = await analyze(`src/m${i}.${pick(rand, EXTENSIONS)}`, text, OPTIONS);
      checkResult(text, result);
    }
  });

  it('survives pathological shapes (deep nesting, long lines, binary-ish text)', async () => {
    const cases = [
      '('.repeat(5000) + 'redis.keys("*")' + ')'.repeat(5000),
      '{'.repeat(3000),
      'a.'.repeat(20000) + 'keys("x*")',
      Array.from({ length: 3000 }, (_, i) => `redis.set('k${i}', v);`).join(''),
      String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65536).filter((c) => c < 0xd800 || c > 0xdfff)),
      '\u0000'.repeat(1000),
      '`${'.repeat(2000),
    ];
    for (const [i, text] of cases.entries()) checkResult(text, await analyze(`src/p${i}.ts`, text, OPTIONS));
  });
});
