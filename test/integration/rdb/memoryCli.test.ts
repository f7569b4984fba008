import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runMemory } from '../memory/memoryCliRun';
import { stopAll } from '../../fixtures/redis';
import { seedEveryEncoding, startDumpServer, type DumpServer } from './seedDump';

const run = runMemory;

interface JsonKey {
  key: string;
  type: string;
  memoryBytes: number;
  elements: number;
  ttlMs: number | null;
}

describe('memory CLI on a dump written by redis-server 7.0', () => {
  let dump: DumpServer;
  let scratch: string;
  before(async () => {
    dump = await startDumpServer();
    await seedEveryEncoding(dump.redis);
    for (let i = 0; i < 1500; i++) await dump.redis.set(`counter:${i}`, String(i));
    await dump.redis.save();
    scratch = mkdtempSync(join(tmpdir(), 'memory-cli-'));
  });
  after(async () => {
    await dump?.stop();
    rmSync(scratch, { recursive: true, force: true });
    await stopAll();
  });

  it('prints the JSON report with the documented fields, top keys sorted and limited by --top', async () => {
    const { code, stdout, stderr } = await run(['--rdb', dump.dumpPath, '--top', '5', '--format', 'json']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as { totalKeys: number; totalMemoryBytes: number; patterns: Record<string, unknown>[]; topKeys: JsonKey[]; topKeysByElements: JsonKey[]; recommendations: Record<string, unknown>[] };
    let dbKeys = 0;
    for (const db of [0, 1]) {
      await dump.redis.select(db);
      dbKeys += await dump.redis.dbsize();
    }
    assert.equal(report.totalKeys, dbKeys);
    assert.ok(report.totalMemoryBytes > 0);
    assert.equal(report.topKeys.length, 5);
    assert.deepEqual(Object.keys(report.topKeys[0]).filter((k) => ['key', 'type', 'memoryBytes', 'elements', 'ttlMs'].includes(k)).sort(), ['elements', 'key', 'memoryBytes', 'ttlMs', 'type']);
    const sizes = report.topKeys.map((k) => k.memoryBytes);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
    assert.equal(report.topKeys[0].key, 'hash:big');
    assert.equal(report.topKeysByElements[0].key, 'str:big', 'a string counts its bytes');
    const counters = report.patterns.find((p) => p.pattern === 'counter:*');
    assert.ok(counters, 'counter:* is inferred');
    assert.equal(counters.keys, 1500);
    assert.equal(counters.withTtl, 0);
    assert.deepEqual(counters.types, { string: 1500 });
    for (const field of ['pattern', 'keys', 'memoryBytes', 'withTtl', 'types']) assert.ok(field in report.patterns[0], field);
    const ids = report.recommendations.map((r) => r.id);
    assert.ok(ids.includes('small-strings-as-hash'), ids.join());
    assert.ok(ids.includes('just-over-listpack-threshold'), ids.join());
    for (const r of report.recommendations) assert.deepEqual(Object.keys(r).sort(), ['evidence', 'id', 'message', 'severity', 'sites']);
    assert.match(stderr, /^Read [\d,]+ keys from /);
  });

  it('escapes binary key names as the key browser shows them and reports TTLs left at save time', async () => {
    const report = JSON.parse((await run(['--rdb', dump.dumpPath, '--top', '1000', '--format', 'json'])).stdout) as { topKeys: JsonKey[] };
    const names = report.topKeys.map((k) => k.key);
    assert.ok(names.includes('\\xff\\x00\\n\\\\A'), names.filter((n) => n.includes('\\')).join(' '));
    const ttl = report.topKeys.find((k) => k.key === 'ttl:ex')?.ttlMs ?? -1;
    // ctime has a resolution of one second, so the TTL left can read up to 1 s more than was set.
    assert.ok(ttl > 2_990_000 && ttl <= 3_001_000, String(ttl));
    assert.equal(report.topKeys.find((k) => k.key === 'str:raw')?.ttlMs, null);
  });

  it('prints table and markdown reports', async () => {
    const table = await run(['--rdb', dump.dumpPath, '--top', '3']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^Dump file: .* \(RDB 10, Redis 7\.0\.15, .*checksum verified\)/);
    assert.match(table.stdout, /Top keys by memory\nKey +DB +Type/);
    const markdown = await run(['--rdb', dump.dumpPath, '--format', 'markdown']);
    assert.match(markdown.stdout, /^# Memory report: .*dump\.rdb \\\(RDB 10, Redis 7\.0\.15\\\)\n/);
    assert.match(markdown.stdout, /\| `counter:\*` \| 1500 \|/);
  });

  it('answers --help with exit 0 and usage errors with exit 2 and the usage on stderr', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: redis-specialist memory \(--redis URL \[--bgsave\] \| --rdb FILE\)/);
    for (const argv of [[], ['--rdb'], ['--rdb', 'x', '--top', '0'], ['--rdb', 'x', '--format', 'xml'], ['--rdb', 'x', '--bogus'], ['x.rdb'], ['--rdb', 'x', '--sample', '10'], ['--rdb', 'x', '--redis', 'redis://h'], ['--rdb', 'x', '--bgsave']]) {
      const result = await run(argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /Usage: redis-specialist memory/);
    }
  });

  it('exits 2 with one sentence for a missing, truncated, corrupted or RDB 12 file', async () => {
    const bytes = readFileSync(dump.dumpPath);
    const cases: [string, Buffer | null, RegExp][] = [
      ['missing.rdb', null, /cannot read the file \(ENOENT/],
      ['truncated.rdb', bytes.subarray(0, Math.floor(bytes.length / 2)), /The RDB file is truncated: it ends at byte \d+ in the middle of /],
      ['rdb12.rdb', Buffer.concat([Buffer.from('REDIS0012'), bytes.subarray(9)]), /: RDB 12 \(Redis 7\.4\+\) is not supported yet\n$/],
      ['badsum.rdb', Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.of(bytes[bytes.length - 1] ^ 0xff)]), /The RDB file is corrupted at byte \d+: the checksum [0-9a-f]{16} does not match the content/],
      ['text.rdb', Buffer.from('hello world, not a dump'), /This is not an RDB file: it does not start with "REDIS"\./],
    ];
    for (const [name, content, message] of cases) {
      const path = join(scratch, name);
      if (content) writeFileSync(path, content);
      const result = await run(['--rdb', path, '--format', 'json']);
      assert.equal(result.code, 2, name);
      assert.equal(result.stdout, '', name);
      assert.match(result.stderr, message, name);
    }
  });

  it('is dispatched by the command line entry: only the report on stdout', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli.ts'), 'memory', '--rdb', dump.dumpPath, '--format', 'json', '--top', '2']);
    const report = JSON.parse(stdout) as { topKeys: unknown[] };
    assert.equal(report.topKeys.length, 2);
    assert.match(stderr, /^Read [\d,]+ keys/);
  });
});
