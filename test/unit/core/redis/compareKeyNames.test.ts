import assert from 'node:assert/strict';
import { compareKeyNames } from '../../../../src/core/redis/keyspace/keyName';

const sorted = (names: string[]): string[] => names.map((n) => Buffer.from(n)).sort(compareKeyNames).map((b) => b.toString());

describe('compareKeyNames (natural order)', () => {
  it('orders digit runs by value', () => {
    assert.deepEqual(sorted(['user:10', 'user:2', 'user:1', 'user:100', 'user:20']), ['user:1', 'user:2', 'user:10', 'user:20', 'user:100']);
  });
  it('keeps byte order elsewhere and breaks leading-zero ties stably', () => {
    assert.deepEqual(sorted(['b', 'a10', 'a9', 'a', 'A']), ['A', 'a', 'a9', 'a10', 'b']);
    assert.deepEqual(sorted(['x07', 'x7', 'x007']), ['x7', 'x07', 'x007']);
    assert.equal(compareKeyNames(Buffer.from('k1'), Buffer.from('k1')), 0);
  });
  it('handles binary bytes and prefixes', () => {
    assert.ok(compareKeyNames(Buffer.from([0xff]), Buffer.from([0x00])) > 0);
    assert.ok(compareKeyNames(Buffer.from('ab'), Buffer.from('abc')) < 0);
    assert.ok(compareKeyNames(Buffer.from('a2b'), Buffer.from('a2')) > 0);
  });
});
