import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { analyzeLiveMemory, type LiveMemoryAnalysis } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { startStandalone, stopAll, type RedisFixture } from '../../fixtures/redis';
import { groundTruth, matching, seededRandom, sum, type TruthKey } from './groundTruth';
import { seedLiveKeyspace } from './liveSeed';

/** Three keys written by the default user of a server whose ACL also has a restricted user. */
async function startSeeded(server: RedisFixture): Promise<Redis> {
  const admin = new Redis(server.url);
  await admin.mset('a:1', 'x', 'a:2', 'y', 'b', 'z');
  return admin;
}

/** The top `n` by exact memory, when the n-th and the (n+1)-th differ (no tie at the boundary). */
function truthTop(truth: readonly TruthKey[], n: number): string[] {
  const sorted = [...truth].sort((a, b) => b.exact - a.exact);
  assert.notEqual(sorted[n - 1].exact, sorted[n]?.exact, 'the ground truth has a tie at the boundary');
  return sorted.slice(0, n).map((k) => k.name);
}

describe('live memory analysis on a real redis-server', function () {
  this.timeout(120_000);
  let server: RedisFixture;
  let redis: Redis;
  let truth: TruthKey[];
  let full: LiveMemoryAnalysis;

  before(async () => {
    server = await startStandalone();
    redis = new Redis({ host: server.host, port: server.port });
    await seedLiveKeyspace(redis);
    truth = await groundTruth([server]);
    full = await analyzeLiveMemory(redis, { budget: null, random: seededRandom(1) });
  });
  after(async () => {
    redis?.disconnect();
    await stopAll();
  });

  it('reads every key: totals match MEMORY USAGE key by key', () => {
    const { report } = full;
    assert.ok(full.complete);
    assert.equal(report.totalKeys, truth.length);
    assert.equal(report.sampling, null);
    // Every collection with a sampled encoding is big here, so always a top candidate: measured exactly.
    assert.equal(report.totalMemoryBytes, sum(truth, (k) => k.exact));
  });

  it('per-pattern keys, memory, TTL coverage and types match the ground truth', () => {
    for (const [pattern, glob, type] of [['user:*:profile', 'user:*:profile', 'hash'], ['session:*', 'session:*', 'string'], ['cache:page:*', 'cache:page:*', 'string']] as const) {
      const keys = matching(truth, glob);
      const entry = full.report.patterns.find((p) => p.pattern === pattern);
      assert.ok(entry, `${pattern} in ${full.report.patterns.map((p) => p.pattern).join(' ')}`);
      assert.equal(entry.keys, keys.length, pattern);
      assert.equal(entry.memoryBytes, sum(keys, (k) => k.memory), pattern);
      assert.equal(entry.maxBytes, Math.max(...keys.map((k) => k.memory)), pattern);
      assert.equal(entry.withTtl, keys.filter((k) => k.ttlMs !== null).length, pattern);
      assert.deepEqual(entry.types, { [type]: keys.length });
      assert.equal(entry.inferred, true);
    }
  });

  it('ranks the top keys as MEMORY USAGE … SAMPLES 0 does, with their element counts and encodings', () => {
    const top = full.report.topKeys.slice(0, 10);
    assert.deepEqual(top.map((k) => k.key), truthTop(truth, 10));
    for (const k of top) {
      const t = truth.find((x) => x.name === k.key) as TruthKey;
      assert.equal(k.memoryBytes, t.exact, k.key);
      assert.equal(k.elements, t.elements, k.key);
      assert.equal(k.type, t.type, k.key);
    }
    assert.equal(full.report.topKeys.find((k) => k.key === 'hash:big')?.encoding, 'hashtable');
    assert.equal(full.report.topKeysByElements[0].key, 'blob:huge', 'a string counts its bytes');
  });

  it('with room for every key: encodings on both sides of each threshold, binary names escaped, TTL buckets', async () => {
    const all = await analyzeLiveMemory(redis, { budget: null, top: 10_000 });
    const encoding = (name: string): string | undefined => all.report.topKeys.find((k) => k.key === name)?.encoding;
    assert.deepEqual(
      ['hash:atlimit', 'hash:overlimit', 'zset:atlimit', 'zset:overlimit', 'set:atlimit', 'set:overlimit'].map(encoding),
      ['listpack', 'hashtable', 'listpack', 'skiplist', 'intset', 'hashtable'],
    );
    const names = all.report.topKeys.map((k) => k.key);
    assert.ok(names.includes('\\xff\\x00\\n\\\\A'), names.filter((n) => n.includes('\\')).join(' '));
    assert.ok(names.includes('bin:\\xfe\\xfe'));
    assert.equal(all.report.topKeys.length, truth.length);
    assert.deepEqual(all.report.ttl, { none: truth.length - 254, under1h: 1, under1d: 251, under1w: 1, more: 1 });
    const justOver = all.report.recommendations.find((r) => r.id === 'just-over-listpack-threshold' && r.evidence.type === 'hash');
    assert.equal(justOver?.evidence.keys, 1, 'hash:overlimit only');
    assert.equal(all.report.thresholds.hashEntries, Number(((await redis.config('GET', 'hash-max-listpack-entries')) as string[])[1]));
    assert.match(all.report.thresholds.source, /^CONFIG GET on Redis 7\./);
    // Idle times were read (no LFU policy), and the note says counts refreshed LRU data (no NO-TOUCH before 7.2).
    assert.ok(all.report.idleKeys.length > 0);
    assert.ok(all.report.notes.some((n) => /no CLIENT NO-TOUCH/.test(n)), all.report.notes.join('\n'));
  });

  it('a folder prefix narrows the scan to its keys', async () => {
    const folder = await analyzeLiveMemory(redis, { budget: null, prefix: Buffer.from('user:') });
    const keys = matching(truth, 'user:*');
    assert.equal(folder.report.totalKeys, keys.length);
    assert.equal(folder.report.totalMemoryBytes, sum(keys, (k) => k.memory));
  });

  it('a sampled analysis counts every key and measures about the sample size', async () => {
    const sampled = await analyzeLiveMemory(redis, { budget: null, sample: 200, random: seededRandom(7) });
    const { report } = sampled;
    assert.equal(report.totalKeys, truth.length, 'keys are counted, not sampled');
    assert.ok(report.sampling, 'the report says it is sampled');
    assert.ok(report.sampling.measuredKeys > 100 && report.sampling.measuredKeys < 300, String(report.sampling.measuredKeys));
    assert.ok(report.sampling.memoryErrorBytes > 0);
    const sessions = report.patterns.find((p) => p.pattern === 'session:*');
    assert.equal(sessions?.keys, 250);
    assert.ok(report.notes.some((n) => n.startsWith('Sampled analysis')));
  });

  it('a sampled analysis extrapolates memory within its standard error (keys of bounded sizes)', async () => {
    // The shared keyspace is heavy-tailed on purpose (one huge blob among a thousand keys): a
    // 200-key sample misses the blob most of the time and its standard error cannot see that, so
    // the extrapolation is checked where the error estimate holds — many keys of bounded sizes.
    const population = await startStandalone();
    const client = new Redis({ host: population.host, port: population.port });
    try {
      const random = seededRandom(3);
      const pipeline = client.pipeline();
      for (let i = 0; i < 3000; i++) pipeline.set(`item:${i}`, 'v'.repeat(8 + Math.floor(random() * 400)));
      await pipeline.exec();
      const keys = await groundTruth([population]);
      const total = sum(keys, (k) => k.exact);
      const { report } = await analyzeLiveMemory(client, { budget: null, sample: 300, random: seededRandom(7) });
      assert.equal(report.totalKeys, 3000);
      assert.ok(report.sampling && report.sampling.memoryErrorBytes > 0);
      assert.ok(Math.abs(report.totalMemoryBytes - total) <= 4 * report.sampling.memoryErrorBytes, `${report.totalMemoryBytes} vs ${total} ± ${report.sampling.memoryErrorBytes}`);
    } finally {
      client.disconnect();
      await population.stop();
    }
  });

  it('advises on the server configuration: maxmemory unset, lazyfree off with a big key', () => {
    const ids = full.report.recommendations.map((r) => r.id);
    assert.ok(ids.includes('maxmemory-unset'), ids.join());
    const lazy = full.report.recommendations.find((r) => r.id === 'lazyfree-off');
    assert.ok(lazy, ids.join());
    assert.deepEqual(lazy.evidence.off, ['lazyfree-lazy-user-del']);
    assert.match(lazy.message, /blob:huge/);
  });

  it('runs where the ACL forbids CONFIG: default thresholds, the advisor judges what INFO tells, and says so', async () => {
    const restricted = await startStandalone({ users: [{ name: 'reader', password: 'pw', rules: '~* +@read +info +ping -config' }] });
    const reader = new Redis({ host: restricted.host, port: restricted.port, username: 'reader', password: 'pw' });
    try {
      await (await startSeeded(restricted)).quit();
      const analysis = await analyzeLiveMemory(reader, { budget: null });
      assert.ok(analysis.complete);
      assert.equal(analysis.report.totalKeys, 3);
      assert.match(analysis.report.thresholds.source, /CONFIG GET was refused/);
      assert.ok(analysis.report.notes.some((n) => n.startsWith('CONFIG GET was refused')), analysis.report.notes.join('\n'));
      assert.ok(analysis.report.recommendations.some((r) => r.id === 'maxmemory-unset'), 'maxmemory comes from INFO');
    } finally {
      reader.disconnect();
      await restricted.stop();
    }
  });

  it('stops when aborted and says the report is partial', async () => {
    const abort = new AbortController();
    const stopped = await analyzeLiveMemory(redis, { budget: null, count: 10, signal: abort.signal, onProgress: () => abort.abort() });
    assert.equal(stopped.cancelled, true);
    assert.equal(stopped.complete, false);
    assert.ok(stopped.report.totalKeys < truth.length);
    assert.ok(stopped.report.notes.some((n) => n.startsWith('Partial report')));
  });
});
