import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import * as vscode from 'vscode';
import type { MemoryReport } from '../../src/core/memory';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';

const reportTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('redisSpecialist.memoryReport'));

const saves = async (redis: Redis): Promise<number> => Number(/rdb_saves:(\d+)/.exec(String(await redis.info('persistence')))?.[1]);

describe('Save Snapshot and Analyze Dump in the extension host', function () {
  this.timeout(60_000);
  let dir: string;
  let server: RedisFixture;
  let redis: Redis;
  const added: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-report-'));
    // Redis 7.0 refuses CONFIG SET dir: the dump's place is given on the command line.
    server = await startStandalone({ args: ['--dir', dir, '--dbfilename', 'snapshot.rdb'] });
    redis = new Redis({ host: server.host, port: server.port });
    const p = redis.pipeline();
    for (let i = 0; i < 40; i++) p.hset(`user:${i}:profile`, { name: `user ${i}`, email: `u${i}@example.com` });
    p.set('blob:big', 'b'.repeat(200_000));
    await p.exec();
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of added) await vscode.commands.executeCommand('redisSpecialist.removeConnection', id);
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function addConnection(url: string, name: string): Promise<string> {
    const id = await vscode.commands.executeCommand<string>('redisSpecialist.addConnection', { url, name });
    added.push(id);
    return id;
  }

  it('saves on a writable connection and opens the dump file\'s report, whose totals match DBSIZE', async () => {
    const id = await addConnection(server.url, 'Snapshot fixture');
    const before = await saves(redis);
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>('redisSpecialist.saveSnapshotAndAnalyze', id, { confirmed: true });
    assert.ok(report, 'the command returns the report');
    assert.equal(await saves(redis), before + 1);
    assert.equal(report.totalKeys, await redis.dbsize());
    assert.equal(report.topKeys[0].key, 'blob:big');
    await eventually(() => reportTabs().find((t) => t.label === 'Memory: snapshot.rdb'), 'the memory report tab of snapshot.rdb');
  });

  it('is refused on a read-only connection: nothing is saved', async () => {
    const id = await addConnection(`${server.url}?readonly=1`, 'Snapshot read-only');
    const before = await saves(redis);
    assert.equal(await vscode.commands.executeCommand('redisSpecialist.saveSnapshotAndAnalyze', id, { confirmed: true }), undefined);
    assert.equal(await saves(redis), before);
  });

  it('during an AOF rewrite the save is scheduled after it, and its dump file\'s report opens', async () => {
    const id = await addConnection(server.url, 'Snapshot during AOF rewrite');
    const before = await saves(redis);
    // 50 ms per key (41 keys): the rewrite's RDB preamble lasts about 2 s, so BGSAVE meets it running.
    await redis.call('CONFIG', 'SET', 'rdb-key-save-delay', '50000');
    try {
      assert.equal(await redis.call('BGREWRITEAOF'), 'Background append only file rewriting started');
      assert.match(String(await redis.info('persistence')), /aof_rewrite_in_progress:1/);
      const report = await vscode.commands.executeCommand<MemoryReport | undefined>('redisSpecialist.saveSnapshotAndAnalyze', id, { confirmed: true });
      assert.ok(report, 'the command returns the report');
      assert.equal(await saves(redis), before + 1, 'one snapshot: the scheduled one');
      assert.match(String(await redis.info('persistence')), /aof_rewrite_in_progress:0/);
      const bgsave = /cmdstat_bgsave:(.*)/.exec(String(await redis.info('commandstats')))?.[1] ?? '';
      assert.match(bgsave, /failed_calls=[1-9]/, `the first BGSAVE was refused: ${bgsave}`);
      assert.equal(report.totalKeys, await redis.dbsize());
    } finally {
      await redis.call('CONFIG', 'SET', 'rdb-key-save-delay', '0');
    }
  });
});
