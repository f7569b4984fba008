import assert from 'node:assert/strict';
import { Crc64 } from '../../../../src/core/rdb/crc64';
import { lzfDecompress } from '../../../../src/core/rdb/lzf';
import { allocSize, sdsSize, stringValueSize } from '../../../../src/core/rdb/memoryModel';
import { moduleTypeName } from '../../../../src/core/rdb/moduleValues';
import { lzfRepeat, moduleId } from './rdbBytes';

describe('RDB primitives', () => {
  it('CRC-64 matches Redis\'s test vector, whatever the chunking and alignment', () => {
    const crc = new Crc64();
    crc.update(Buffer.from('123456789'));
    assert.equal(crc.toHex(), 'e9c6d914c4b8d9ca');
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) % 256));
    const crcOf = (bytes: Uint8Array, step = bytes.length): string => {
      const c = new Crc64();
      for (let i = 0; i < bytes.length; i += step) c.update(bytes, i, Math.min(bytes.length, i + step));
      return c.toHex();
    };
    const whole = crcOf(data);
    for (const step of [1, 3, 7, 8, 13, 64]) assert.equal(crcOf(data, step), whole, `step ${step}`);
    assert.equal(crcOf(Buffer.concat([Buffer.of(0), data]).subarray(1)), whole, 'an unaligned view');
  });

  it('LZF decompresses literal runs and overlapping back-references', () => {
    const encoded = lzfRepeat('abc', 100);
    // [0xc3, clen, ulen…, data]: skip the RDB string header to get the raw LZF stream.
    const raw = encoded.subarray(encoded.length - encoded[1]);
    assert.equal(lzfDecompress(raw, 300, 0).toString(), 'abc'.repeat(100));
    assert.throws(() => lzfDecompress(Buffer.of(0x20, 0x05), 10, 7), /byte 7: an LZF back-reference points outside the string/);
  });

  it('jemalloc size classes and sds sizes as Redis 7.0 reports them', () => {
    assert.deepEqual([1, 8, 9, 16, 17, 48, 129, 160, 161, 257, 1025, 4097, 20000].map(allocSize), [8, 8, 16, 16, 32, 48, 160, 160, 192, 320, 1280, 5120, 20480]);
    assert.equal(sdsSize(3), 8); // type-5 header + 3 + NUL
    assert.equal(stringValueSize(100, false), 128); // MEMORY USAGE of a 100-byte value, minus the key
    assert.equal(stringValueSize(44, false), 64); // embstr
    assert.equal(stringValueSize(5, true), 16); // int
  });

  it('module type names round-trip through the 64-bit module id', () => {
    const id = moduleId('ReJSON-RL', 3).readBigUInt64BE(1);
    assert.equal(moduleTypeName(id), 'ReJSON-RL');
  });
});
