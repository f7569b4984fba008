import assert from 'node:assert/strict';
import { formatReply } from '../../../../src/core/terminal/formatReply';
import type { RespValue } from '../../../../src/core/terminal/resp';

/**
 * redis-cli's numbering of aggregates (`cliFormatReplyTTY`), stated for every size up to 150 and
 * every aggregate type: entries numbered 1…n right-aligned to the width of n (pairs, for a map),
 * nested lines indented by that width plus two; and its rule for a map value that starts on its own
 * line (`cliIsMultilineValueTTY`), checked on every shape up to three levels deep.
 */
const bulk = (text: string): RespValue => ({ type: 'bulk', value: Buffer.from(text) });
const SUFFIX = { array: ')', push: ')', set: '~', map: '#' } as const;

describe('aggregate layout, stated as properties', () => {
  it('numbers the entries of every aggregate of 1 to 150 entries right-aligned to the width of the count', () => {
    for (let n = 1; n <= 150; n++) {
      const width = String(n).length;
      for (const type of ['array', 'set', 'push'] as const) {
        const lines = formatReply({ type, items: Array.from({ length: n }, (_, i) => bulk(`e${i}`)) }).split('\n');
        assert.equal(lines.pop(), '', 'ends with a newline');
        assert.deepEqual(lines, Array.from({ length: n }, (_, i) => `${String(i + 1).padStart(width)}${SUFFIX[type]} "e${i}"`), `${type} of ${n}`);
      }
      const map = formatReply({ type: 'map', items: Array.from({ length: n }, (_, i) => [bulk(`k${i}`), bulk(`v${i}`)]).flat() }).split('\n');
      map.pop();
      assert.deepEqual(map, Array.from({ length: n }, (_, i) => `${String(i + 1).padStart(width)}# "k${i}" => "v${i}"`), `map of ${n} pairs`);
    }
  });

  it('indents nested entries by the parent number width plus two, at every level', () => {
    for (const n of [1, 9, 10, 99, 100]) {
      const width = String(n).length;
      const items = Array.from({ length: n }, (_, i) => ({ type: 'array' as const, items: [bulk(`a${i}`), bulk(`b${i}`)] }));
      const lines = formatReply({ type: 'array', items }).split('\n');
      lines.pop();
      const indent = ' '.repeat(width + 2);
      assert.deepEqual(
        lines,
        items.flatMap((_, i) => [`${String(i + 1).padStart(width)}) 1) "a${i}"`, `${indent}2) "b${i}"`]),
        `${n} nested arrays`,
      );
    }
  });

  /** Every value shape up to `depth` levels: scalars, and aggregates of 0, 1 or 2 entries of smaller shapes. */
  function shapes(depth: number): RespValue[] {
    const scalars: RespValue[] = [bulk('s'), { type: 'integer', value: '1' }, { type: 'null' }];
    if (depth === 0) return scalars;
    const smaller = shapes(depth - 1).slice(0, depth === 1 ? 3 : 6);
    const out: RespValue[] = [...scalars];
    for (const type of ['array', 'set', 'push', 'map'] as const) {
      out.push({ type, items: [] });
      for (const a of smaller) {
        out.push(type === 'map' ? { type, items: [bulk('k'), a] } : { type, items: [a] });
        out.push(type === 'map' ? { type, items: [bulk('k'), a, bulk('k2'), bulk('v')] } : { type, items: [a, bulk('x')] });
      }
    }
    return out;
  }

  /** redis-cli's cliIsMultilineValueTTY, as its source reads. */
  function multiline(value: RespValue): boolean {
    if (value.type === 'array' || value.type === 'set' || value.type === 'push') return value.items.length > 1 || (value.items.length === 1 && multiline(value.items[0]));
    if (value.type === 'map') return value.items.length > 2 || (value.items.length === 2 && multiline(value.items[1]));
    return false;
  }

  it('starts a map value on its own line exactly when it spans several lines', () => {
    let own = 0;
    const all = shapes(3);
    for (const value of all) {
      const text = formatReply({ type: 'map', items: [bulk('key'), value] });
      const ownLine = text.startsWith('1# "key" => \n   ');
      assert.equal(ownLine, multiline(value), `${JSON.stringify(value)} → ${JSON.stringify(text)}`);
      if (!ownLine) assert.ok(text.startsWith('1# "key" => ') && !text.startsWith('1# "key" => \n'), text);
      own += ownLine ? 1 : 0;
    }
    assert.ok(own > all.length / 4 && own < all.length - all.length / 4, `both sides of the rule are exercised (${own} of ${all.length})`);
  });
});
