import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Redis from 'ioredis';
import { analyzeDumpFile } from '../../../src/commandLine/memory/analyzeDumpFile';
import { parsePersistence, type PersistenceState } from '../../../src/core/memory/snapshot/persistenceInfo';
import { planSnapshot, saveSnapshot, SnapshotError, type SnapshotStatus } from '../../../src/core/memory/snapshot/saveSnapshot';
import { allowAllWrites, ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, stopAll } from '../../fixtures/redis';
import { parseInfo } from '../../fixtures/redis/admin';
import { startDumpServer, type DumpServer } from '../rdb/seedDump';
import { seedLiveKeyspace } from './liveSeed';

async function persistence(redis: Redis): Promise<PersistenceState> {
  return parsePersistence(String(await redis.info('persistence')));
}

/** Waits (by polling the server, not by time) until no background save runs. */
async function idle(redis: Redis): Promise<void> {
  while ((await persistence(redis)).bgsaveInProgress) await new Promise((r) => setTimeout(r, 50));
}

describe('BGSAVE and analyze on a real redis-server', function () {
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

  it('finds the dump file the server was started with, saves, and the dump report counts DBSIZE keys', async () => {
    const plan = await planSnapshot(dump.redis);
    assert.equal(plan.location.path, dump.dumpPath);
    assert.ok(plan.usedMemoryBytes > 2 * 1024 * 1024, `used_memory ${plan.usedMemoryBytes}`);
    assert.match(plan.version, /^\d+\.\d+/);
    const savesBefore = (await persistence(dump.redis)).saves ?? 0;
    const outcome = await saveSnapshot(dump.redis, plan, { guard: allowAllWrites, pollMs: 20 });
    assert.equal(outcome.kind, 'saved');
    assert.ok(outcome.kind === 'saved' && outcome.file.kind === 'fresh', JSON.stringify(outcome));
    assert.equal(outcome.joinedRunningSave, false);
    assert.equal((await persistence(dump.redis)).saves, savesBefore + 1);
    const report = analyzeDumpFile(outcome.file.path, 10).report;
    assert.equal(report.totalKeys, await dump.redis.dbsize());
    assert.equal(report.topKeys[0].key, 'blob:huge');
  });

  it('is refused by a read-only connection\'s write guard before anything is sent', async () => {
    const plan = await planSnapshot(dump.redis);
    const before = await persistence(dump.redis);
    await assert.rejects(saveSnapshot(dump.redis, plan, { guard: writeGuardFor(true, 'prod (read-only)') }), (e: unknown) => e instanceof ReadOnlyError && /BGSAVE was not sent/.test(e.message));
    assert.equal((await persistence(dump.redis)).saves, before.saves);
  });

  describe('with a slow save (rdb-key-save-delay)', () => {
    let other: Redis;
    before(async () => {
      other = new Redis(dump.server.url);
      // 5 ms per key: the save of this keyspace lasts a few seconds.
      await other.call('CONFIG', 'SET', 'rdb-key-save-delay', '5000');
    });
    after(async () => {
      await other.call('CONFIG', 'SET', 'rdb-key-save-delay', '0');
      await idle(other);
      other.disconnect();
    });

    it('cancelling stops the waiting, not the server\'s save', async () => {
      const plan = await planSnapshot(dump.redis);
      const abort = new AbortController();
      const statuses: SnapshotStatus[] = [];
      const outcome = await saveSnapshot(dump.redis, plan, {
        guard: allowAllWrites,
        pollMs: 20,
        signal: abort.signal,
        onStatus: (s) => {
          statuses.push(s);
          abort.abort();
        },
      });
      assert.deepEqual(outcome, { kind: 'cancelled', saveRequested: true });
      assert.equal(statuses[0].save, 'ours');
      assert.equal((await persistence(other)).bgsaveInProgress, true);
    });

    it('joins a save already in progress, waits for it, and uses its file', async () => {
      // The save left running by the previous test (or a new one) is in progress.
      if (!(await persistence(other)).bgsaveInProgress) await other.bgsave();
      const plan = await planSnapshot(dump.redis);
      const statuses: SnapshotStatus[] = [];
      const outcome = await saveSnapshot(dump.redis, plan, { guard: allowAllWrites, pollMs: 20, onStatus: (s) => statuses.push(s) });
      assert.ok(outcome.kind === 'saved' && outcome.joinedRunningSave && outcome.file.kind === 'fresh', JSON.stringify(outcome));
      assert.ok(statuses.length > 0 && statuses.every((s) => s.save === 'already-running'));
      const written = statuses.map((s) => s.keysWritten?.done ?? 0);
      assert.deepEqual(written, [...written].sort((a, b) => a - b), 'keys written only grow');
      assert.equal(analyzeDumpFile(dump.dumpPath, 1).report.totalKeys, await dump.redis.dbsize());
    });
    it('during an AOF rewrite, BGSAVE refused is asked again with SCHEDULE: the save happens after the rewrite, and its file is used', async () => {
      await idle(other);
      const savesBefore = (await persistence(other)).saves ?? 0;
      assert.equal(await other.call('BGREWRITEAOF'), 'Background append only file rewriting started');
      // The rewrite writes its RDB preamble key by key, so rdb-key-save-delay makes it last seconds.
      const rewriting = parseInfo(String(await other.info('persistence')));
      assert.equal(rewriting.aof_rewrite_in_progress, '1');
      const plan = await planSnapshot(dump.redis);
      const statuses: SnapshotStatus[] = [];
      const outcome = await saveSnapshot(dump.redis, plan, { guard: allowAllWrites, pollMs: 20, onStatus: (s) => statuses.push(s) });
      assert.ok(outcome.kind === 'saved' && !outcome.joinedRunningSave && outcome.file.kind === 'fresh', JSON.stringify(outcome));
      assert.equal(statuses[0].save, 'scheduled', 'waited for the rewrite first');
      assert.ok(statuses.some((s) => s.save === 'ours'), 'then for the save the server started');
      const after = parseInfo(String(await other.info('persistence')));
      assert.equal(after.aof_rewrite_in_progress, '0');
      assert.equal(Number(after.rdb_saves), savesBefore + 1, 'exactly one snapshot: the scheduled one');
      const bgsave = parseInfo(String(await other.info('commandstats'))).cmdstat_bgsave ?? '';
      assert.match(bgsave, /failed_calls=[1-9]/, `the plain BGSAVE was refused: ${bgsave}`);
      assert.equal(analyzeDumpFile(dump.dumpPath, 1).report.totalKeys, await dump.redis.dbsize());
    });
  });

  it('a save that fails (its directory is gone) is reported as failed', async () => {
    const broken = await startDumpServer();
    try {
      await broken.redis.set('k', 'v');
      const plan = await planSnapshot(broken.redis);
      rmSync(dirname(broken.dumpPath), { recursive: true, force: true });
      await assert.rejects(saveSnapshot(broken.redis, plan, { guard: allowAllWrites, pollMs: 20 }), (e: unknown) => e instanceof SnapshotError && e.problem === 'failed' && /rdb_last_bgsave_status:err/.test(e.message));
    } finally {
      await broken.stop();
    }
  });

  it('a server without BGSAVE (renamed away) refuses in one sentence', async () => {
    const renamed = await startDumpServer(['--rename-command', 'BGSAVE', '']);
    try {
      const plan = await planSnapshot(renamed.redis);
      await assert.rejects(saveSnapshot(renamed.redis, plan, { guard: allowAllWrites }), (e: unknown) => e instanceof SnapshotError && e.problem === 'refused' && /does not offer BGSAVE/.test(e.message));
    } finally {
      await renamed.stop();
    }
  });

  it('an ACL user without CONFIG learns where it stands before anything is saved', async () => {
    const server = await startStandalone({ users: [{ name: 'app', password: 'app-secret', rules: '~* +@all -config' }] });
    const app = new Redis({ port: server.port, username: 'app', password: 'app-secret' });
    try {
      await assert.rejects(planSnapshot(app), (e: unknown) => e instanceof SnapshotError && e.problem === 'config-forbidden' && /does not let this connection read CONFIG .*Analyze Dump File…/.test(e.message));
      assert.equal((await persistence(app)).saves, 0);
    } finally {
      app.disconnect();
      await server.stop();
    }
  });
});
