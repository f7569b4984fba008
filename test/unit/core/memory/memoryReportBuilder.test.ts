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
    assert.deepEqual(report.patterns[0], { pattern: 'a:*', keys: 4, memoryBytes: 256, averageBytes: 64, maxBytes: 64, withTtl: 4, types: { string: 4 } });
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

describe('BoundedTop', () => {
  it('keeps the N highest scores in any arrival order', () => {
    const top = new BoundedTop<number>(5);
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const v of values) top.offer(v, v);
    assert.deepEqual(top.sorted(), [999, 998, 997, 996, 995]);
  });
});
