import * as assert from 'node:assert/strict';
import { DocumentText } from '../../../../src/core/analysis/engine/documentText';
import { int, pick, prng } from './prng';

const INSERTS = ['', ' ', 'x', '\n', 'é😀', 'function g() {\n', 'a'.repeat(40)];

/** Random replacements, checked against the same edits on a plain string after each step. */
describe('DocumentText (an edited text kept as pieces)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`reads like the string it stands for after random edits (seed ${seed})`, () => {
      const rand = prng(seed);
      let expected = 'const a = 1;\n'.repeat(50);
      const text = new DocumentText(expected);
      for (let step = 0; step < 200; step++) {
        const offset = int(rand, expected.length + 1);
        const length = int(rand, Math.min(20, expected.length - offset) + 1);
        const insert = pick(rand, INSERTS);
        text.replace(offset, length, insert);
        expected = expected.slice(0, offset) + insert + expected.slice(offset + length);
        assert.equal(text.length, expected.length);
        const a = int(rand, expected.length + 1);
        const b = a + int(rand, expected.length - a + 1);
        assert.equal(text.slice(a, b), expected.slice(a, b), `slice(${a}, ${b}) after step ${step}`);
        assert.equal(text.slice(a), expected.slice(a));
        const at = int(rand, expected.length + 2) - 1;
        assert.ok(Object.is(text.charCodeAt(at), expected.charCodeAt(at)), `charCodeAt(${at})`);
        if (step % 50 === 49) assert.equal(text.toString(), expected);
      }
      assert.equal(text.toString(), expected);
    });
  }

  it('keeps a few pieces, then joins them', () => {
    const text = new DocumentText('abcdefghij'.repeat(10));
    for (let i = 0; i < 100; i++) text.replace(i, 1, 'Z');
    assert.equal(text.toString(), 'Z'.repeat(100));
  });
});
