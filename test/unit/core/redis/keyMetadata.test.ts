import assert from 'node:assert/strict';
import { formatBytes, formatTtl } from '../../../../src/core/redis/keyspace/keyMetadata';

describe('formatTtl', () => {
  for (const [ms, text] of [
    [null, 'no TTL'],
    [-1, 'no TTL'],
    [-2, 'expired'],
    [0, '0ms'],
    [850, '850ms'],
    [1000, '1s'],
    [42_999, '42s'],
    [60_000, '1m'],
    [185_000, '3m 5s'],
    [3_600_000, '1h'],
    [(3 * 3600 + 5 * 60 + 59) * 1000, '3h 5m'],
    [(2 * 86400 + 4 * 3600 + 59 * 60) * 1000, '2d 4h'],
    [400 * 86_400_000, '400d'],
    [86_400_000 + 30_000, '1d'],
  ] as const) {
    it(`${String(ms)} ms → "${text}"`, () => assert.equal(formatTtl(ms), text));
  }
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 10', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(12 * 1024 * 1024), '12 MiB');
  });
});
