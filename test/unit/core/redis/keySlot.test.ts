import assert from 'node:assert/strict';
import { crc16, hashTagOf, keySlot } from '../../../../src/core/redis/keyspace/keySlot';

describe('keySlot', () => {
  it('uses CRC16-XMODEM (check value of "123456789" is 0x31C3)', () => {
    assert.equal(crc16(Buffer.from('123456789')), 0x31c3);
  });

  it('matches slots Redis documents and reports', () => {
    // From CLUSTER KEYSLOT on a real server.
    assert.equal(keySlot('foo'), 12182);
    assert.equal(keySlot('bar'), 5061);
    assert.equal(keySlot('somekey'), 11058);
    assert.equal(keySlot(''), 0);
  });

  it('hashes only the first non-empty {hash tag}', () => {
    assert.equal(keySlot('{user1000}.following'), keySlot('user1000'));
    assert.equal(keySlot('foo{}{bar}'), keySlot('foo{}{bar}'));
    assert.deepEqual(hashTagOf(Buffer.from('foo{}{bar}')), Buffer.from('foo{}{bar}'));
    assert.deepEqual(hashTagOf(Buffer.from('foo{{bar}}zap')), Buffer.from('{bar'));
    assert.deepEqual(hashTagOf(Buffer.from('foo{bar}{zap}')), Buffer.from('bar'));
    assert.deepEqual(hashTagOf(Buffer.from('{open')), Buffer.from('{open'));
  });

  it('is binary-safe', () => {
    const key = Buffer.from([0xff, 0x00, 0x7b, 0x61, 0x7d]);
    assert.equal(keySlot(key), keySlot('a'));
  });
});
