import assert from 'node:assert/strict';
import { ByteStringSet } from '../../../../src/core/redis/bytes/byteStringSet';

describe('ByteStringSet', () => {
  it('adds each byte string once, across table growth, binary and empty names included', () => {
    const set = new ByteStringSet();
    const keys = Array.from({ length: 20_000 }, (_, i) => Buffer.from(`k:${i}`));
    keys.push(Buffer.of(0xff, 0x00), Buffer.of(0xff), Buffer.alloc(0));
    for (const key of keys) assert.equal(set.add(key), true, key.toString('hex'));
    for (const key of keys) assert.equal(set.add(Buffer.from(key)), false, key.toString('hex'));
    assert.equal(set.size, keys.length);
  });

  it('tells apart names with the same prefix', () => {
    const set = new ByteStringSet();
    assert.equal(set.add(Buffer.from('ab')), true);
    assert.equal(set.add(Buffer.from('abc')), true);
    assert.equal(set.add(Buffer.from('a')), true);
    assert.equal(set.add(Buffer.from('abc')), false);
  });
});
