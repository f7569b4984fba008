import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { reservoirOps } from '../../../../src/core/patterns/patternSample';

const node = {} as Redis;
const key = (i: number): Buffer => Buffer.from(`k:${i}`);

describe('per-pattern reservoir', () => {
  it('keeps every key while the pattern has no more than the sample size, then exactly the sample size', () => {
    const ops = reservoirOps(10, Math.random);
    const acc = ops.create();
    for (let i = 0; i < 10; i++) ops.add(acc, key(i), node);
    assert.deepEqual(acc.sample.map((s) => s.key.toString()), Array.from({ length: 10 }, (_, i) => `k:${i}`));
    for (let i = 10; i < 1000; i++) ops.add(acc, key(i), node);
    assert.equal(acc.keys, 1000);
    assert.equal(acc.sample.length, 10);
    assert.equal(new Set(acc.sample.map((s) => s.key.toString())).size, 10);
  });

  it('samples uniformly: every key has the same chance to be kept', () => {
    let state = 1;
    const random = (): number => ((state = (state * 48271) % 2147483647) - 1) / 2147483646;
    const ops = reservoirOps(5, random);
    const kept = new Array<number>(50).fill(0);
    for (let run = 0; run < 4000; run++) {
      const acc = ops.create();
      for (let i = 0; i < 50; i++) ops.add(acc, key(i), node);
      for (const s of acc.sample) kept[Number(s.key.toString().slice(2))]++;
    }
    // Expected 400 each (5/50 of 4000); a biased reservoir (e.g. keeping the first keys) is far off.
    for (const n of kept) assert.ok(n > 300 && n < 500, `kept ${kept.join(',')}`);
  });

  it('merges two patterns into one sample drawn by their key counts', () => {
    const ops = reservoirOps(4, Math.random);
    const small = ops.create();
    const other = ops.create();
    ops.add(small, key(1), node);
    ops.add(other, key(2), node);
    ops.merge(small, other);
    assert.equal(small.keys, 2);
    assert.deepEqual(small.sample.map((s) => s.key.toString()).sort(), ['k:1', 'k:2']);
    const big = ops.create();
    for (let i = 0; i < 100; i++) ops.add(big, key(100 + i), node);
    ops.merge(small, big);
    assert.equal(small.keys, 102);
    assert.equal(small.sample.length, 4);
  });
});
