import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { runMemory } from './memoryCliRun';
import { stopAll } from '../../fixtures/redis';
import { startDumpServer, type DumpServer } from '../rdb/seedDump';
import { containedServerUnavailable, startContainedServer } from './containedServer';
import { seedLiveKeyspace } from './liveSeed';

const run = runMemory;

describe('memory CLI --bgsave on a real redis-server', function () {
  this.timeout(120_000);
  let dump: DumpServer;

  before(async () => {
    dump = await startDumpServer();
    await seedLiveKeyspace(dump.redis);
  });
  after(async () => {
    await dump?.stop();
    await stopAll();
  });

  it('saves, analyses the dump file the server wrote, and prints only the report on stdout', async () => {
    const { code, stdout, stderr } = await run(['--redis', dump.server.url, '--bgsave', '--format', 'json', '--top', '3']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as { source: Record<string, unknown>; totalKeys: number; topKeys: { key: string }[] };
    assert.equal(report.totalKeys, await dump.redis.dbsize());
    assert.equal(report.source.kind, 'rdb');
    assert.equal(report.source.file, dump.dumpPath);
    assert.equal(report.source.savedBy, `BGSAVE on ${dump.server.url}`);
    assert.equal(report.topKeys[0].key, 'blob:huge');
    assert.match(stderr, new RegExp(`^BGSAVE on redis://127\\.0\\.0\\.1:\\d+ \\(Redis 7\\.[\\d.]+, used_memory [\\d.]+M\\): the server forks and writes its whole dataset to ${dump.dumpPath.replace(/[.]/g, '\\.')}\\.\\n`));
    assert.match(stderr, /The save wrote .*dump\.rdb \([\d.]+ [KM]iB\); analysing that file, without further load on the server\.\n/);
  });

  it('refuses on a read-only URL before saving (exit 2)', async () => {
    const saves = async (): Promise<string> => /rdb_saves:(\d+)/.exec(String(await dump.redis.info('persistence')))?.[1] ?? '?';
    const before = await saves();
    const { code, stdout, stderr } = await run(['--redis', `${dump.server.url}?readonly=1`, '--bgsave']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /is read-only, so BGSAVE was not sent\./);
    assert.equal(await saves(), before);
  });

  it('usage: --bgsave needs --redis and reads the whole file', async () => {
    assert.match((await run(['--rdb', 'x.rdb', '--bgsave'])).stderr, /--bgsave applies to --redis only/);
    assert.match((await run(['--redis', dump.server.url, '--bgsave', '--sample', '10'])).stderr, /--sample does not apply with --bgsave/);
    assert.match((await run(['--help'])).stdout, /--bgsave {6}With --redis: asks the server for a fresh dump file/);
  });

  it('a server whose directory is not visible here (its own mount namespace, as a container): exit 2 with the path', async function () {
    const unavailable = containedServerUnavailable();
    if (unavailable) {
      console.log(`      skipped: ${unavailable}`);
      this.skip();
    }
    const contained = await startContainedServer();
    try {
      const redis = new Redis(contained.url);
      await redis.set('k', 'v');
      redis.disconnect();
      const { code, stdout, stderr } = await run(['--redis', contained.url, '--bgsave']);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      const path = join(contained.dir, 'dump.rdb');
      assert.ok(!existsSync(path));
      assert.ok(stderr.includes(`wrote its snapshot to ${path} on its own file system, but that path does not exist on this machine`), stderr);
      assert.match(stderr, /Analyze Dump File… \(memory --rdb FILE\)\.\n$/);
    } finally {
      await contained.stop();
    }
  });

  it('Ctrl-C (SIGINT) on the real CLI while it waits: stops waiting, closes its connection, one line, exit 130; the save goes on', async () => {
    const other = new Redis(dump.server.url);
    try {
      // 5 ms per key: the save lasts seconds, long past the interrupt.
      await other.call('CONFIG', 'SET', 'rdb-key-save-delay', '5000');
      const savesBefore = Number(/rdb_saves:(\d+)/.exec(String(await other.info('persistence')))?.[1]);
      // The CLI's own entry in a child process of its own (tsx compiles it as the bundle would run it).
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../../src/cli.ts'), 'memory', '--redis', dump.server.url, '--bgsave'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const saving = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (/^Saving: /m.test(stderr)) resolve();
        });
      });
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      await Promise.race([saving, exited]);
      assert.match(stderr, /^Saving: /m, `the CLI was waiting for its save: ${stderr}`);
      const clients = async (): Promise<string> => String(await other.call('CLIENT', 'LIST'));
      assert.match(await clients(), /name=redis-specialist-memory/, 'the CLI is connected while it waits');
      child.kill('SIGINT');
      const [code, signal] = await exited;
      assert.equal(signal, null, 'the CLI handled the signal itself');
      assert.equal(code, 130, stderr);
      assert.equal(stdout, '');
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.at(-1), `Interrupted: stopped waiting; the server's background save continues on its own and writes ${dump.dumpPath}.`);
      assert.equal(lines.filter((l) => l.startsWith('Interrupted')).length, 1);
      const persistence = String(await other.info('persistence'));
      assert.match(persistence, /rdb_bgsave_in_progress:1/, 'the server is still saving');
      assert.equal(Number(/rdb_saves:(\d+)/.exec(persistence)?.[1]), savesBefore + 1, 'the CLI started one save');
      // The server reads the closed socket on its own turn: asked until it has (bounded), not timed.
      for (let i = 0; i < 100 && /name=redis-specialist-memory/.test(await clients()); i++) await new Promise((r) => setTimeout(r, 20));
      assert.doesNotMatch(await clients(), /name=redis-specialist-memory/, 'the CLI closed its connection');
    } finally {
      await other.call('CONFIG', 'SET', 'rdb-key-save-delay', '0');
      while (/rdb_bgsave_in_progress:1/.test(String(await other.info('persistence')))) await new Promise((r) => setTimeout(r, 50));
      other.disconnect();
    }
  });
});
