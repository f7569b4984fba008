import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface Point {
  timestamp: number;
  value: number;
}
interface Bucket {
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}
interface Series {
  append(series: string, value: number, timestamp?: number, now?: number): Promise<void>;
  range(series: string, from: number, to: number): Promise<Point[]>;
  downsample(series: string, from: number, to: number, bucketMs: number): Promise<Bucket[]>;
  trim(series: string, now?: number): Promise<number>;
}
type SeriesClass = new (client: object, options?: { retentionMs?: number; idleTtlMs?: number; pageSize?: number }) => Series;

const seriesClass = (ctx: ProofContext) => exported<SeriesClass>(ctx, 'TimeSeries');
const HOUR = 3_600_000;
const NOW = 1_700_000_000_000;

/** Points with integer values at random instants of the hour before NOW, some sharing an instant and a value. */
function samplePoints(count: number): Point[] {
  return range(count).map(() => ({ timestamp: NOW - HOUR + Math.floor(Math.random() * HOUR), value: Math.floor(Math.random() * 100) }));
}

export const timeSeriesProof: PatternProof = {
  checks: {
    'range and downsampled buckets equal a reference computation over the same points, with concurrent writers': async (ctx) => {
      const Series = seriesClass(ctx);
      const writers = (await ctx.connectMany(4)).map((client) => new Series(client, { retentionMs: 2 * HOUR, pageSize: 50 }));
      const points = samplePoints(400);
      points.push({ ...points[0] }, { ...points[1] }); // duplicates are distinct points
      await Promise.all(points.map((point, i) => writers[i % writers.length].append('cpu', point.value, point.timestamp, NOW)));

      const from = NOW - 45 * 60_000;
      const to = NOW - 10 * 60_000;
      const expected = points.filter((p) => p.timestamp >= from && p.timestamp <= to);
      const actual = await writers[0].range('cpu', from, to);
      const key = (p: Point) => `${p.timestamp}/${p.value}`;
      assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
      assert.ok(actual.every((p, i) => i === 0 || actual[i - 1].timestamp <= p.timestamp), 'oldest first');

      const bucketMs = 5 * 60_000;
      const reference = new Map<number, Bucket>();
      for (const p of expected) {
        const start = Math.floor(p.timestamp / bucketMs) * bucketMs;
        const b = reference.get(start) ?? { start, count: 0, sum: 0, min: Infinity, max: -Infinity };
        reference.set(start, { start, count: b.count + 1, sum: b.sum + p.value, min: Math.min(b.min, p.value), max: Math.max(b.max, p.value) });
      }
      assert.deepEqual(await writers[1].downsample('cpu', from, to, bucketMs), [...reference.values()].sort((a, b) => a.start - b.start));
    },

    'retention removes exactly the points older than the cut, and an idle series expires': async (ctx) => {
      const series = new (seriesClass(ctx))(await ctx.connect(), { retentionMs: 30 * 60_000, idleTtlMs: 60_000 });
      const points = samplePoints(300);
      for (const p of points) await series.append('temp', p.value, p.timestamp, NOW - HOUR); // nothing old yet at that "now"
      assert.equal((await series.range('temp', 0, Infinity)).length, points.length);
      const cut = NOW - 30 * 60_000;
      const old = points.filter((p) => p.timestamp < cut).length;
      assert.equal(await series.trim('temp', NOW), old);
      const kept = await series.range('temp', 0, Infinity);
      assert.equal(kept.length, points.length - old);
      assert.ok(kept.every((p) => p.timestamp >= cut));

      await series.append('temp', 1, NOW + 1, NOW + 30 * 60_000); // an append trims too
      assert.ok((await series.range('temp', 0, Infinity)).every((p) => p.timestamp >= NOW));
      const ttl = await ctx.admin.pttl('ts:{temp}');
      assert.ok(ttl > 0 && ttl <= 60_000, `idle TTL ${ttl}`);
    },
  },
};
