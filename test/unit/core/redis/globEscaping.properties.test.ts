import assert from 'node:assert/strict';
import { globMatches } from '../../../../src/core/redis/keyspace/globMatch';
import { escapeGlob, prefixGlob } from '../../../../src/core/redis/keyspace/keyFilter';

const EVERY_BYTE = Array.from({ length: 256 }, (_, byte) => byte);
const GLOB_META = new Set(['*', '?', '[', ']', '\\'].map((c) => c.charCodeAt(0)));

describe('glob escaping round-trips every byte', () => {
  it('an escaped byte matches itself and no other byte, alone and between other bytes', () => {
    for (const byte of EVERY_BYTE) {
      const pattern = escapeGlob(Buffer.of(byte));
      const framed = escapeGlob(Buffer.of(0x61, byte, 0x7a));
      for (const other of EVERY_BYTE) {
        assert.equal(globMatches(pattern, Buffer.of(other)), other === byte, `pattern for 0x${byte.toString(16)} against 0x${other.toString(16)}`);
        assert.equal(globMatches(framed, Buffer.of(0x61, other, 0x7a)), other === byte, `framed 0x${byte.toString(16)} against 0x${other.toString(16)}`);
      }
      assert.equal(globMatches(pattern, Buffer.alloc(0)), false);
      assert.equal(globMatches(pattern, Buffer.of(byte, byte)), false);
    }
  });

  it('escapes exactly the five metacharacters with one backslash each and copies every other byte', () => {
    for (const byte of EVERY_BYTE) {
      const expected = GLOB_META.has(byte) ? Buffer.of(0x5c, byte) : Buffer.of(byte);
      assert.deepEqual(escapeGlob(Buffer.of(byte)), expected, `0x${byte.toString(16)}`);
    }
    const all = Buffer.from(EVERY_BYTE);
    const escaped = escapeGlob(all);
    assert.equal(escaped.length, all.length + GLOB_META.size);
    assert.ok(globMatches(escaped, all));
    assert.ok(!globMatches(escaped, all.subarray(1)));
  });

  it('a prefix glob matches exactly the keys that start with the prefix, for every byte as prefix', () => {
    for (const byte of EVERY_BYTE) {
      const pattern = prefixGlob(Buffer.of(byte, byte));
      assert.ok(globMatches(pattern, Buffer.of(byte, byte)), 'the prefix itself');
      assert.ok(globMatches(pattern, Buffer.of(byte, byte, 0x00, 0xff)), 'with a tail');
      const other = (byte + 1) % 256;
      assert.ok(!globMatches(pattern, Buffer.of(byte, other)), 'a different second byte');
      assert.ok(!globMatches(pattern, Buffer.of(other, byte, byte)), 'the prefix later in the key');
      assert.ok(!globMatches(pattern, Buffer.of(byte)), 'shorter than the prefix');
    }
  });
});
