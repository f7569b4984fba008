import assert from 'node:assert/strict';
import { adviseServer } from '../../../../src/core/memory/advisor/serverAdvisor';
import type { ServerProfile } from '../../../../src/core/memory/live/serverProfile';
import { defaultThresholds, MemoryReportBuilder, type MemoryKeyInput, type MemoryReport } from '../../../../src/core/memory';
import { parseInfo } from '../../../../src/core/redis/server/info';

const MB = 1024 * 1024;

function profile(config: Record<string, string> | null, info: Record<string, string | number> = {}): ServerProfile {
  const fields = { redis_version: '7.0.15', used_memory: 50 * MB, used_memory_rss: 60 * MB, mem_fragmentation_ratio: 1.2, maxmemory: 0, maxmemory_policy: 'noeviction', aof_enabled: 0, ...info };
  const text = `# Memory\r\n${Object.entries(fields).map(([k, v]) => `${k}:${v}`).join('\r\n')}\r\n`;
  return { node: '10.0.0.1:6379', version: '7.0.15', info: parseInfo(text), config, dbsize: 0 };
}

const CONFIG = { maxmemory: '0', 'maxmemory-policy': 'noeviction', save: '3600 1 300 100 60 10000', appendonly: 'no', 'lazyfree-lazy-user-del': 'no', 'lazyfree-lazy-expire': 'no', 'lazyfree-lazy-eviction': 'no', activedefrag: 'no' };

function report(keys: { name: string; memoryBytes?: number; ttlMs?: number | null }[]): MemoryReport {
  const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
  for (const k of keys) {
    const input: MemoryKeyInput = { db: 0, key: Buffer.from(k.name), type: 'string', encoding: 'raw', memoryBytes: k.memoryBytes ?? 100, elements: 10, ttlMs: k.ttlMs ?? null, idleSeconds: null, lfuFreq: null, maxElementBytes: 0 };
    builder.add(input);
  }
  return builder.build();
}

const ids = (r: { id: string }[]): string[] => r.map((x) => x.id);
const cacheKeys = Array.from({ length: 20 }, (_, i) => ({ name: `cache:item:${i}`, ttlMs: 60_000 }));
const plainKeys = Array.from({ length: 20 }, (_, i) => ({ name: `order:${i}` }));

describe('server configuration advisor', () => {
  it('says nothing for a limited, fitting configuration', () => {
    const config = { ...CONFIG, maxmemory: String(100 * MB), 'maxmemory-policy': 'allkeys-lru', save: '', 'lazyfree-lazy-user-del': 'yes' };
    assert.deepEqual(adviseServer(report(cacheKeys), [profile(config, { maxmemory: 100 * MB, maxmemory_policy: 'allkeys-lru' })]), []);
  });

  it('maxmemory unset: a warning for a cache, information otherwise', () => {
    assert.deepEqual(adviseServer(report(cacheKeys), [profile(CONFIG)]).filter((r) => r.id === 'maxmemory-unset').map((r) => r.severity), ['warning']);
    assert.deepEqual(adviseServer(report(plainKeys), [profile(CONFIG)]).filter((r) => r.id === 'maxmemory-unset').map((r) => r.severity), ['info']);
  });

  it('eviction policy: noeviction with cache keys, volatile-* with few TTLs', () => {
    const limited = { ...CONFIG, maxmemory: String(100 * MB) };
    const noeviction = adviseServer(report(cacheKeys), [profile(limited)]);
    assert.ok(ids(noeviction).includes('eviction-policy-mismatch'));
    assert.match(noeviction.find((r) => r.id === 'eviction-policy-mismatch')?.message ?? '', /noeviction .*\(cache:item:\*\)/);
    const volatile = adviseServer(report(plainKeys), [profile({ ...limited, 'maxmemory-policy': 'volatile-lru' })]);
    assert.match(volatile.find((r) => r.id === 'eviction-policy-mismatch')?.message ?? '', /volatile-lru, which evicts only keys with a TTL, but only 0 keys/);
    assert.ok(!ids(adviseServer(report(cacheKeys), [profile({ ...limited, 'maxmemory-policy': 'volatile-lru' })])).includes('eviction-policy-mismatch'));
  });

  it('persistence on a pure cache: save points or AOF with an allkeys-* policy or keys that all expire', () => {
    const cache = adviseServer(report(cacheKeys), [profile(CONFIG)]);
    assert.match(cache.find((r) => r.id === 'persistence-on-cache')?.message ?? '', /RDB snapshots \(save 3600 1/);
    assert.ok(!ids(adviseServer(report(cacheKeys), [profile({ ...CONFIG, save: '' })])).includes('persistence-on-cache'));
    assert.ok(!ids(adviseServer(report(plainKeys), [profile(CONFIG)])).includes('persistence-on-cache'));
    const aof = adviseServer(report(plainKeys), [profile({ ...CONFIG, save: '', appendonly: 'yes', maxmemory: '1000', 'maxmemory-policy': 'allkeys-lfu' })]);
    assert.match(aof.find((r) => r.id === 'persistence-on-cache')?.message ?? '', /append-only file/);
  });

  it('lazyfree off with big keys: names the settings that apply to them', () => {
    const big = report([{ name: 'blob', memoryBytes: 5 * MB, ttlMs: 1000 }, ...plainKeys]);
    const lazy = adviseServer(big, [profile(CONFIG)]).find((r) => r.id === 'lazyfree-off');
    assert.deepEqual(lazy?.evidence.off, ['lazyfree-lazy-user-del', 'lazyfree-lazy-expire']);
    assert.ok(!ids(adviseServer(report(plainKeys), [profile(CONFIG)])).includes('lazyfree-off'));
  });

  it('fragmentation above 1.4 with real waste, on the nodes where it holds', () => {
    const fragmented = profile(CONFIG, { used_memory: 500 * MB, used_memory_rss: 900 * MB, mem_fragmentation_ratio: 1.8 });
    const small = profile(CONFIG, { used_memory: 2 * MB, used_memory_rss: 6 * MB, mem_fragmentation_ratio: 3 });
    const advice = adviseServer(report(plainKeys), [small, { ...fragmented, node: '10.0.0.2:6379' }]).filter((r) => r.id === 'memory-fragmentation');
    assert.equal(advice.length, 1);
    assert.match(advice[0].message, /^Memory fragmentation on 10\.0\.0\.2:6379: .*activedefrag yes/);
  });

  it('without CONFIG: judges maxmemory and the policy from INFO, skips what only CONFIG tells', () => {
    const advice = adviseServer(report([{ name: 'blob', memoryBytes: 5 * MB }, ...cacheKeys]), [profile(null)]);
    assert.deepEqual(ids(advice), ['maxmemory-unset']);
  });
});
