import assert from 'node:assert/strict';
import { formatKeyName, keyFromId, keyId, KeyNameSyntaxError, parseKeyName } from '../../../../src/core/redis/keyspace/keyName';

/** Deterministic pseudo-random bytes (xorshift), so a failure can be replayed. */
function randomBytes(seed: number, length: number): Buffer {
  let x = seed || 1;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('key names', () => {
  it('round-trips every single byte value', () => {
    for (let byte = 0; byte < 256; byte++) {
      const key = Buffer.of(byte);
      assert.deepEqual(parseKeyName(formatKeyName(key)), key, `byte 0x${byte.toString(16)} shown as ${formatKeyName(key)}`);
    }
  });

  it('round-trips all 256 byte values in one key and random binary keys', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(parseKeyName(formatKeyName(all)), all);
    for (let seed = 1; seed <= 500; seed++) {
      const key = randomBytes(seed, seed % 40);
      assert.deepEqual(parseKeyName(formatKeyName(key)), key, `seed ${seed}`);
    }
  });

  it('shows printable ASCII and valid UTF-8 as they are', () => {
    assert.equal(formatKeyName(Buffer.from('user:42:name')), 'user:42:name');
    assert.equal(formatKeyName(Buffer.from('café:ключ:键:🔑')), 'café:ключ:键:🔑');
    assert.equal(formatKeyName(Buffer.from('say "hi"')), 'say "hi"');
  });

  it('escapes control characters, backslashes and invalid UTF-8 like redis-cli', () => {
    assert.equal(formatKeyName(Buffer.from('a\nb\tc\r\x07\x08')), 'a\\nb\\tc\\r\\a\\b');
    assert.equal(formatKeyName(Buffer.from('a\\b')), 'a\\\\b');
    assert.equal(formatKeyName(Buffer.of(0x00, 0x7f, 0xff, 0xc3)), '\\x00\\x7f\\xff\\xc3');
    // An overlong encoding of "/" is not valid UTF-8: both bytes are escaped.
    assert.equal(formatKeyName(Buffer.of(0xc0, 0xaf)), '\\xc0\\xaf');
  });

  it('keeps a typed "\\xff" apart from the byte 0xff', () => {
    const typed = Buffer.from('\\xff');
    assert.notEqual(formatKeyName(typed), formatKeyName(Buffer.of(0xff)));
    assert.deepEqual(parseKeyName(formatKeyName(typed)), typed);
  });

  it('parses the escapes people type, including upper-case hex and \\"', () => {
    assert.deepEqual(parseKeyName('\\xFF\\x0a\\"q\\"'), Buffer.from([0xff, 0x0a, 0x22, 0x71, 0x22]));
    assert.deepEqual(parseKeyName('"quoted"'), Buffer.from('"quoted"'));
  });

  for (const [text, fragment] of [
    ['abc\\', 'lone backslash'],
    ['a\\q', 'unknown escape "\\q"'],
    ['a\\x4', 'two hex digits'],
    ['a\\xzz', 'two hex digits'],
  ] as const) {
    it(`rejects ${JSON.stringify(text)} with a hint`, () => {
      assert.throws(() => parseKeyName(text), (e: unknown) => e instanceof KeyNameSyntaxError && e.message.includes(fragment));
    });
  }

  it('gives each key a stable id that maps back to the same bytes', () => {
    const key = Buffer.of(0, 1, 0xfe, 0xff, 0x3a);
    assert.equal(keyId(key), keyId(Buffer.from(key)));
    assert.deepEqual(keyFromId(keyId(key)), key);
    assert.notEqual(keyId(Buffer.from('a')), keyId(Buffer.from('b')));
    // A view into a larger buffer identifies only its own bytes.
    const big = Buffer.from('xxkeyxx');
    assert.equal(keyId(big.subarray(2, 5)), keyId(Buffer.from('key')));
  });
});
