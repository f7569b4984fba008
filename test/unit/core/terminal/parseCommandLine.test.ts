import assert from 'node:assert/strict';
import { parseCommandLine } from '../../../../src/core/terminal/parseCommandLine';

const args = (line: string | Buffer): string[] | null => parseCommandLine(line)?.map((a) => a.toString('latin1')) ?? null;

describe('parseCommandLine (redis-cli sdssplitargs)', () => {
  const cases: [string, string[] | null][] = [
    ['', []],
    ['   \t ', []],
    ['get a', ['get', 'a']],
    ['  set   a    b  ', ['set', 'a', 'b']],
    ['set "a b" c', ['set', 'a b', 'c']],
    ['set "" x', ['set', '', 'x']],
    ['echo "\\n\\r\\t\\b\\a"', ['echo', '\n\r\t\b\x07']],
    ['echo "\\x41\\x4a\\x6b"', ['echo', 'AJk']],
    ['echo "\\xZZ"', ['echo', 'xZZ']],
    ['echo "\\x4"', ['echo', 'x4']],
    ['echo "\\\\ \\" \\q"', ['echo', '\\ " q']],
    ["echo 'it\\'s'", ['echo', "it's"]],
    ["echo 'a\\nb'", ['echo', 'a\\nb']],
    ["echo 'a\"b'", ['echo', 'a"b']],
    ['echo "it\'s"', ['echo', "it's"]],
    ['foo"bar baz"', ['foobar baz']],
    ["a'b c'", ['ab c']],
    ['"unbalanced', null],
    ["'unbalanced", null],
    ['"a"b', null],
    ["'a'b", null],
    ['"a"\tb', ['a', 'b']],
    ['echo "tail\\', null],
    ['a\\nb', ['a\\nb']],
    ['echo "é"', ['echo', '\xc3\xa9']],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(args(line), expected));
  }

  it('produces raw bytes for \\xHH escapes, not UTF-8 text', () => {
    const parsed = parseCommandLine('set "\\xff\\x00" v');
    assert.deepEqual(parsed?.[1], Buffer.from([0xff, 0x00]));
  });

  it('stops at a NUL byte, as the C string it mimics does', () => {
    assert.deepEqual(args(Buffer.from('get a\0 b')), ['get', 'a']);
  });

  it('treats vertical tab and form feed as leading blanks but not as separators', () => {
    assert.deepEqual(args('\x0b\x0cget a\x0bb'), ['get', 'a\x0bb']);
  });
});
