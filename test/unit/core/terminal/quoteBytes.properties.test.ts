import assert from 'node:assert/strict';
import { formatReply, quoteBytes } from '../../../../src/core/terminal/formatReply';
import { parseCommandLine } from '../../../../src/core/terminal/parseCommandLine';

const EVERY_BYTE = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
const NAMED: Record<number, string> = { 0x5c: '\\\\', 0x22: '\\"', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };

describe('reply strings quoted like redis-cli, for every byte', () => {
  it('each byte is printed as itself when printable ASCII, named when redis-cli names it, else as \\xNN', () => {
    for (const byte of EVERY_BYTE) {
      const printable = byte >= 0x20 && byte <= 0x7e;
      const expected = NAMED[byte] ?? (printable ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`);
      assert.equal(quoteBytes(Buffer.of(byte)), `"${expected}"`, `0x${byte.toString(16)}`);
    }
  });

  it('a quoted reply reads back as the same bytes when typed into the CLI', () => {
    assert.deepEqual(parseCommandLine(quoteBytes(EVERY_BYTE)), [EVERY_BYTE]);
    for (const byte of EVERY_BYTE) assert.deepEqual(parseCommandLine(quoteBytes(Buffer.of(0x61, byte, byte))), [Buffer.of(0x61, byte, byte)]);
  });

  it('a bulk reply and every element of an array of bulks are quoted the same way', () => {
    const items = [...EVERY_BYTE].map((byte) => ({ type: 'bulk' as const, value: Buffer.of(byte) }));
    const lines = formatReply({ type: 'array', items }).split('\n').slice(0, -1);
    assert.equal(lines.length, 256);
    lines.forEach((line, i) => assert.equal(line, `${String(i + 1).padStart(3)}) ${quoteBytes(Buffer.of(i))}`));
    assert.equal(formatReply(items[0x0a]), '"\\n"\n');
  });
});
