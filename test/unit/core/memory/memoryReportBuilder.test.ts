import assert from 'node:assert/strict';
import { defaultThresholds, MemoryReportBuilder, type MemoryKeyInput } from '../../../../src/core/memory';
import { BoundedTop } from '../../../../src/core/memory/boundedTop';

function key(name: string | Buffer, over: Partial<MemoryKeyInput> = {}): MemoryKeyInput {
  return { db: 0, key: Buffer.isBuffer(name) ? name : Buffer.from(name), type: 'string', encoding: 'embstr', memoryBytes: 64, elements: 5, ttlMs: null, idleSeconds: null, lfuFreq: null, maxElementBytes: 0, ...over };
}

const HOUR = 3_600_000;

describe('MemoryReportBuilder', () => {
  it('totals, distributions and TTL buckets', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    builder.add(key('a:1', { ttlMs: HOUR - 1 }));
    builder.add(key('a:2', { ttlMs: 2 * HOUR }));
    builder.add(key('a:3', { ttlMs: 48 * HOUR }));
    builder.add(key('a:4', { ttlMs: 8 * 24 * HOUR }));
    builder.add(key('h', { type: 'hash', encoding: 'listpack', memoryBytes: 200, elements: 3 }));
    const report = builder.build();
    assert.equal(report.totalKeys, 5);
    assert.equal(report.totalMemoryBytes, 4 * 64 + 200);
    assert.deepEqual(report.ttl, { none: 1, under1h: 1, under1d: 1, under1w: 1, more: 1 });
    assert.deepEqual(report.types, [{ name: 'string', keys: 4, memoryBytes: 256 }, { name: 'hash', keys: 1, memoryBytes: 200 }]);
    assert.deepEqual(report.encodings.map((e) => e.name), ['string/embstr', 'hash/listpack']);
    assert.deepEqual(report.patterns[0], { pattern: 'a:*', keys: 4, memoryBytes: 256, averageBytes: 64, maxBytes: 64, withTtl: 4, types: { string: 4 }, inferred: true });
  });

  it('keeps bounded top lists by memory and by elements, biggest first', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10), top: 3 });
    for (let i = 0; i < 50; i++) builder.add(key(`k:${i}`, { memoryBytes: (i * 37) % 50, elements: i }));
    const report = builder.build();
    assert.deepEqual(report.topKeys.map((k) => k.memoryBytes), [49, 48, 47]);
    assert.deepEqual(report.topKeysByElements.map((k) => k.key), ['k:49', 'k:48', 'k:47']);
  });

  it('escapes key names as the key browser shows them', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    builder.add(key(Buffer.from([0x62, 0xff, 0x0a, 0x5c, 0x07, 0x08, 0x09, 0x0d]), { memoryBytes: 1000 }));
    builder.add(key('héllo "x"', { memoryBytes: 999 }));
    assert.deepEqual(builder.build().topKeys.map((k) => k.key), ['b\\xff\\n\\\\\\a\\b\\t\\r', 'héllo "x"']);
  });

  it('reports idle and hot keys only when the source has them', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    builder.add(key('cold', { idleSeconds: 9000 }));
    builder.add(key('warm', { idleSeconds: 10 }));
    const report = builder.build();
    assert.deepEqual(report.idleKeys.map((k) => [k.key, k.idleSeconds]), [['cold', 9000], ['warm', 10]]);
    assert.deepEqual(report.hotKeys, []);
  });

  it('recommends: big keys, unbounded collections, small strings as hashes, cache keys without TTL, just over listpack thresholds', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10), smallStringPatternKeys: 100 });
    builder.add(key('blob', { memoryBytes: 5 * 1024 * 1024, elements: 5 * 1024 * 1024 - 100, encoding: 'raw' }));
    builder.add(key('queue:jobs', { type: 'list', encoding: 'quicklist', elements: 50_000, memoryBytes: 900_000 }));
    builder.add(key('feed:1', { type: 'stream', encoding: 'stream', elements: 20_000, memoryBytes: 800_000, ttlMs: HOUR }));
    for (let i = 0; i < 150; i++) builder.add(key(`counter:${i}`, { memoryBytes: 72, elements: 3, encoding: 'int' }));
    for (let i = 0; i < 10; i++) builder.add(key(`cache:page:${i}`, { memoryBytes: 500, elements: 400, encoding: 'raw', ttlMs: i < 4 ? HOUR : null }));
    builder.add(key('profile:7', { type: 'hash', encoding: 'hashtable', elements: 130, maxElementBytes: 10, memoryBytes: 9000 }));
    builder.add(key('profile:8', { type: 'hash', encoding: 'hashtable', elements: 400, maxElementBytes: 10, memoryBytes: 30000 }));
    const recommendations = builder.build().recommendations;
    const ids = recommendations.map((r) => r.id);
    assert.deepEqual(ids, ['big-key', 'unbounded-collection', 'small-strings-as-hash', 'cache-without-ttl', 'just-over-listpack-threshold']);
    const unbounded = recommendations[1];
    assert.equal(unbounded.evidence.type, 'list', 'the stream has a TTL, so only the list is unbounded');
    assert.match(recommendations[3].message, /^cache:page:\* .* 6 of its 10 keys have no TTL/);
    assert.equal(recommendations[4].evidence.keys, 1, 'only the hash just over 128 entries, not the one at 400');
    assert.ok(recommendations.every((r) => Array.isArray(r.sites) && r.sites.length === 0));
  });

  it('says nothing for a healthy keyspace', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    for (let i = 0; i < 20; i++) builder.add(key(`session:${i}`, { ttlMs: HOUR }));
    assert.deepEqual(builder.build().recommendations, []);
  });
});

describe('MemoryReportBuilder fed by a live analysis', () => {
  const measured = (name: string, over: Partial<MemoryKeyInput> = {}): MemoryKeyInput => key(name, { encoding: null, elements: null, ...over });

  it('sampled keys count 1/p each: totals and per-pattern figures are unbiased, with a standard error', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    // 10 keys scanned, 2 measured with p = 0.2 (weight 5): 100 and 300 bytes.
    for (let i = 0; i < 8; i++) builder.countKey(Buffer.from(`user:${i}`));
    builder.addMeasured(measured('user:8', { memoryBytes: 100, ttlMs: HOUR }), { measured: 5, counted: true });
    builder.addMeasured(measured('user:9', { memoryBytes: 300 }), { measured: 5, counted: true });
    const report = builder.build();
    assert.equal(report.totalKeys, 10);
    assert.equal(report.totalMemoryBytes, 2000);
    // Σ (w² − w)·m² = 20 · (100² + 300²) = 2,000,000 → √ = 1414.
    assert.deepEqual(report.sampling, { measuredKeys: 2, scannedKeys: 10, memoryErrorBytes: 1414 });
    const users = report.patterns.find((p) => p.pattern === 'user:*');
    assert.deepEqual(users && [users.keys, users.memoryBytes, users.withTtl, users.types.string, users.memoryErrorBytes], [10, 2000, 5, 10, 1414]);
    assert.deepEqual(report.ttl, { none: 5, under1h: 0, under1d: 5, under1w: 0, more: 0 });
  });

  it('a full analysis has no sampling section', () => {
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
    builder.addMeasured(measured('a'));
    const report = builder.build();
    assert.equal(report.sampling, null);
    assert.equal(report.patterns[0].memoryErrorBytes, undefined);
  });

  it('asks for the details of a per-pattern sample and of every key that may rank by memory; top lists hold only detailed keys', () => {
    let draws = 0;
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10), top: 2, detailSample: 3, random: () => (draws++ % 2 === 0 ? 0.99 : 0) });
    const decisions = Array.from({ length: 10 }, (_, i) => builder.addMeasured(measured(`k:${i}`, { memoryBytes: 10 + i })));
    // First three keys of the pattern: always (weight 1). Then chance 3/n: drawn with weight n/3, or read only as top candidates (weight 0).
    assert.deepEqual(decisions.slice(0, 3), [{ weight: 1 }, { weight: 1 }, { weight: 1 }]);
    assert.deepEqual(decisions[3], { weight: 0 }, 'not drawn (0.99), but bigger than every key so far');
    assert.deepEqual(decisions[4], { weight: 5 / 3 }, 'drawn with chance 3/5');
    // The top list takes keys only once their details arrive.
    assert.deepEqual(builder.build().topKeys, []);
    builder.addDetails(measured('k:9', { memoryBytes: 19, elements: 4, encoding: 'embstr' }), 0);
    const report = builder.build();
    assert.deepEqual(report.topKeys.map((k) => [k.key, k.elements, k.encoding]), [['k:9', 4, 'embstr']]);
    assert.deepEqual(report.encodings, [], 'a key read only as a top candidate does not count in the estimated encodings');
  });

  it('sites of code patterns reach the pattern and its recommendations', () => {
    const sites = [{ file: 'src/cache.ts', line: 12 }];
    const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10), codePatterns: [{ template: 'cache:page:{id}', sites }] });
    for (let i = 0; i < 3; i++) builder.add(key(`cache:page:${i}`));
    builder.add(key('other:1'));
    const report = builder.build();
    const page = report.patterns.find((p) => p.pattern === 'cache:page:{id}');
    assert.deepEqual(page && [page.keys, page.inferred, page.sites], [3, false, sites]);
    assert.equal(report.patterns.find((p) => p.pattern === 'other:*')?.inferred, true);
    const rec = report.recommendations.find((r) => r.id === 'cache-without-ttl');
    assert.deepEqual(rec?.sites, sites);
  });
});

describe('BoundedTop', () => {
  it('keeps the N highest scores in any arrival order', () => {
    const top = new BoundedTop<number>(5);
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const v of values) top.offer(v, v);
    assert.deepEqual(top.sorted(), [999, 998, 997, 996, 995]);
  });

  it('agrees with a full sort on random scores, many of them equal', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (const limit of [1, 2, 3, 10, 64]) {
      const top = new BoundedTop<{ id: number }>(limit);
      const offered = Array.from({ length: 2000 }, (_, id) => ({ id, score: Math.floor(random() * 300) }));
      for (const o of offered) top.offer(o.score, { id: o.id });
      const expected = [...offered].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
      assert.deepEqual(top.sorted().map((i) => offered[i.id].score), expected.map((o) => o.score), `limit ${limit}`);
    }
  });

  it('ties keep the earlier item; accepts() tells before the item is built; a limit of 0 keeps nothing', () => {
    const top = new BoundedTop<string>(2);
    top.offer(5, 'first');
    top.offer(5, 'second');
    assert.equal(top.accepts(5), false);
    assert.equal(top.accepts(6), true);
    top.offer(5, 'third');
    assert.deepEqual(top.sorted(), ['first', 'second']);
    top.offer(9, 'big');
    const [biggest, other] = top.sorted();
    assert.equal(biggest, 'big');
    assert.ok(other === 'first' || other === 'second', other);
    const none = new BoundedTop<string>(0);
    none.offer(1, 'x');
    assert.equal(none.accepts(100), false);
    assert.deepEqual(none.sorted(), []);
  });
});
