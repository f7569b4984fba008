import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runMemory } from './memoryCliRun';
import { freePort, stopAll } from '../../fixtures/redis';
import { startDumpServer, type DumpServer } from '../rdb/seedDump';
import { groundTruth, sum, type TruthKey } from './groundTruth';
import { seedLiveKeyspace } from './liveSeed';

const run = runMemory;

interface JsonKey {
  key: string;
  type: string;
  memoryBytes: number;
  elements: number;
  ttlMs: number | null;
}
interface JsonReport {
  source: Record<string, unknown>;
  totalKeys: number;
  totalMemoryBytes: number;
  patterns: Record<string, unknown>[];
  topKeys: JsonKey[];
  topKeysByElements: JsonKey[];
  recommendations: Record<string, unknown>[];
  sampling: { measuredKeys: number; memoryErrorBytes: number } | null;
  notes: string[];
}

describe('memory CLI on a live redis-server (--redis)', function () {
  this.timeout(120_000);
  let dump: DumpServer;
  let url: string;
  let truth: TruthKey[];

  before(async () => {
    dump = await startDumpServer();
    await seedLiveKeyspace(dump.redis);
    truth = await groundTruth([dump.server]);
    url = dump.server.url;
  });
  after(async () => {
    await dump?.stop();
    await stopAll();
  });

  it('prints the JSON report with the documented fields; top keys sorted, limited by --top and escaped', async () => {
    const { code, stdout, stderr } = await run(['--redis', url, '--top', '5', '--format', 'json']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.source.kind, 'redis');
    assert.equal(report.source.mode, 'standalone');
    assert.equal(report.totalKeys, truth.length);
    assert.equal(report.totalMemoryBytes, sum(truth, (k) => k.exact));
    assert.equal(report.topKeys.length, 5);
    const sizes = report.topKeys.map((k) => k.memoryBytes);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
    assert.deepEqual(report.topKeys.map((k) => k.key), [...truth].sort((a, b) => b.exact - a.exact).slice(0, 5).map((k) => k.name));
    for (const k of report.topKeys) for (const field of ['key', 'type', 'memoryBytes', 'elements', 'ttlMs']) assert.ok(field in k, field);
    assert.equal(report.topKeysByElements[0].key, 'blob:huge');
    for (const field of ['pattern', 'keys', 'memoryBytes', 'withTtl', 'types']) assert.ok(field in report.patterns[0], field);
    for (const r of report.recommendations) assert.deepEqual(Object.keys(r).sort(), ['evidence', 'id', 'message', 'severity', 'sites']);
    assert.ok(report.recommendations.some((r) => r.id === 'maxmemory-unset'));
    assert.ok(report.notes.some((n) => n.startsWith('Key patterns are inferred from the key names')));
    assert.match(stderr, /Analysed [\d,]+ keys\.\n$/);
    const all = JSON.parse((await run(['--redis', url, '--top', '10000', '--format', 'json'])).stdout) as JsonReport;
    assert.ok(all.topKeys.some((k) => k.key === '\\xff\\x00\\n\\\\A'));
  });

  it('runs on a read-only connection URL and in sampled mode', async () => {
    const readOnly = await run(['--redis', `${url}?readonly=1`, '--format', 'json', '--top', '3']);
    assert.equal(readOnly.code, 0, readOnly.stderr);
    assert.equal((JSON.parse(readOnly.stdout) as JsonReport).totalKeys, truth.length);
    const sampled = JSON.parse((await run(['--redis', url, '--sample', '200', '--format', 'json'])).stdout) as JsonReport;
    assert.equal(sampled.totalKeys, truth.length);
    assert.ok(sampled.sampling && sampled.sampling.memoryErrorBytes > 0);
  });

  it('table and markdown formats', async () => {
    const table = await run(['--redis', url, '--top', '3']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^Server: redis:\/\/127\.0\.0\.1:\d+ \(standalone, Redis 7\.\d+\.\d+, db 0\)\nKeys: [\d,]+ {3}Memory: /);
    assert.match(table.stdout, /\nNotes\n {2}- /);
    const markdown = await run(['--redis', url, '--format', 'markdown']);
    assert.match(markdown.stdout, /^# Memory report: redis:\/\/127\.0\.0\.1:\d+ \\\(Redis 7/);
  });

  it('ranks the same top keys as the offline report of a dump saved from the same server', async () => {
    await dump.redis.save();
    const live = JSON.parse((await run(['--redis', url, '--format', 'json', '--top', '8'])).stdout) as JsonReport;
    const offline = JSON.parse((await run(['--rdb', dump.dumpPath, '--format', 'json', '--top', '8'])).stdout) as JsonReport;
    assert.deepEqual(offline.topKeys.map((k) => k.key), live.topKeys.map((k) => k.key));
    assert.equal(offline.totalKeys, live.totalKeys);
  });

  it('with source paths: keys grouped by the code\'s key patterns, recommendations linked to their call sites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memory-code-'));
    try {
      writeFileSync(
        join(dir, 'cache.ts'),
        ["import Redis from 'ioredis';", 'const redis = new Redis();', 'export async function savePage(id: string, html: string) {', '  await redis.set(`cache:page:${id}`, html);', '}', ''].join('\n'),
      );
      const { code, stdout, stderr } = await run(['--redis', url, '--format', 'json', dir]);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /Read 1 key pattern\(s\) from 1 file\(s\)\./);
      const report = JSON.parse(stdout) as JsonReport;
      const patterns = report.patterns as unknown as { pattern: string; keys: number; inferred: boolean; sites?: { file: string; line: number }[] }[];
      const page = patterns.find((p) => p.pattern === 'cache:page:{id}');
      assert.ok(page, patterns.map((p) => p.pattern).join(' '));
      assert.deepEqual([page.keys, page.inferred, page.sites?.map((s) => s.line)], [150, false, [4]]);
      const rec = report.recommendations.find((r) => r.id === 'cache-without-ttl' && (r.evidence as { pattern: string }).pattern === 'cache:page:{id}') as { sites: { file: string; line: number }[] } | undefined;
      assert.ok(rec, 'cache:page:{id} has no TTL');
      assert.equal(rec.sites[0].line, 4);
      assert.match(rec.sites[0].file, /cache\.ts$/);
      const missing = await run(['--redis', url, join(dir, 'nope')]);
      assert.equal(missing.code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one sentence when the server cannot be reached, and for a bad URL', async () => {
    const port = await freePort();
    const down = await run(['--redis', `redis://127.0.0.1:${port}`, '--format', 'json']);
    assert.equal(down.code, 2);
    assert.equal(down.stdout, '');
    assert.match(down.stderr, /^Cannot connect to redis:\/\/127\.0\.0\.1:\d+: .+\n$/);
    const bad = await run(['--redis', 'http://x', '--format', 'json']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Unsupported scheme "http:\/\/"/);
  });

  it('is dispatched by the command line entry: only the report on stdout', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli.ts'), 'memory', '--redis', url, '--format', 'json', '--top', '2']);
    assert.equal((JSON.parse(stdout) as JsonReport).topKeys.length, 2);
    assert.match(stderr, /Analysed [\d,]+ keys/);
  });
});
