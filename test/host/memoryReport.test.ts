import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import * as vscode from 'vscode';
import type { MemoryReport } from '../../src/core/memory';
import { DumpAnalysisCancelled, runDumpAnalysis } from '../../src/memory/runDumpAnalysis';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, EXTENSION_ID, eventually } from './extensionApi';
import { webviewPage } from './webviewPage';
import type { ExplorerNode } from '../../src/explorer/explorerNode';

/** The memory report tabs open in the window. */
const reportTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('redisSpecialist.memoryReport'));

describe('Analyze Dump File in the extension host', function () {
  this.timeout(60_000);
  let dir: string;
  let server: RedisFixture;
  let redis: Redis;
  let dumpPath: string;
  let workerScript: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dump-report-'));
    // Redis 7.0 refuses CONFIG SET dir: the dump's place is given on the command line.
    server = await startStandalone({ args: ['--dir', dir, '--dbfilename', 'seeded.rdb'] });
    redis = new Redis({ host: server.host, port: server.port });
    const p = redis.pipeline();
    for (let i = 0; i < 30; i++) p.hset(`user:${i}:profile`, { name: `user ${i}`, email: `u${i}@example.com` });
    for (let i = 0; i < 10; i++) p.set(`session:${i}`, 'token'.repeat(10), 'EX', 3600);
    p.set('blob:big', 'b'.repeat(200_000));
    p.rpush('queue:jobs', ...Array.from({ length: 500 }, (_, i) => `job-${i}`));
    await p.exec();
    await redis.save();
    dumpPath = join(dir, 'seeded.rdb');
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    workerScript = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'dumpAnalysisWorker.js').fsPath;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the report of a dump written by redis-server, with the totals and top key the server has', async () => {
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>('redisSpecialist.analyzeDumpFile', vscode.Uri.file(dumpPath));
    assert.ok(report, 'the command returns the report');
    assert.equal(report.totalKeys, await redis.dbsize());
    // Ground truth: the key MEMORY USAGE calls biggest is the report's top key.
    const names = ['blob:big', 'queue:jobs', 'user:0:profile', 'session:0'];
    const usage = await Promise.all(names.map(async (name) => [name, Number(await redis.memory('USAGE', name))] as const));
    const biggest = usage.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.equal(report.topKeys[0].key, biggest[0]);
    assert.ok(report.totalMemoryBytes >= biggest[1], 'the total holds at least the biggest key');
    assert.equal(report.patterns.find((p) => p.pattern === 'session:*')?.withTtl, 10);
    const tab = await eventually(() => reportTabs().find((t) => t.label === 'Memory: seeded.rdb'), 'the memory report tab');
    assert.ok(tab.isActive);
  });

  it('refuses a truncated dump with the parser\'s sentence and opens no report', async () => {
    const truncated = join(dir, 'truncated.rdb');
    const bytes = readFileSync(dumpPath);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const signal = new AbortController().signal;
    await assert.rejects(runDumpAnalysis({ script: workerScript, path: truncated, top: 10, signal, onProgress: () => undefined }), /The RDB file is truncated: it ends at byte \d+/);
    const before = reportTabs().length;
    assert.equal(await vscode.commands.executeCommand('redisSpecialist.analyzeDumpFile', vscode.Uri.file(truncated)), undefined);
    assert.equal(reportTabs().length, before);
  });

  it('names an unsupported version and an unreadable file in one sentence', async () => {
    const rdb12 = join(dir, 'v12.rdb');
    writeFileSync(rdb12, Buffer.concat([Buffer.from('REDIS0012'), Buffer.from([0xff]), Buffer.alloc(8)]));
    const run = (path: string): Promise<unknown> => runDumpAnalysis({ script: workerScript, path, top: 10, signal: new AbortController().signal, onProgress: () => undefined });
    await assert.rejects(run(rdb12), /^Error: RDB 12 \(Redis 7\.4\+\) is not supported yet/);
    await assert.rejects(run(join(dir, 'missing.rdb')), /^Error: the file cannot be read \(ENOENT\)\.$/);
  });

  it('stops the worker when cancelled', async () => {
    const abort = new AbortController();
    const run = runDumpAnalysis({ script: workerScript, path: dumpPath, top: 10, signal: abort.signal, onProgress: () => undefined });
    abort.abort();
    await assert.rejects(run, DumpAnalysisCancelled);
  });
});

describe('Analyze Memory on a live server in the extension host', function () {
  this.timeout(90_000);
  let server: RedisFixture;
  let redis: Redis;
  let connectionId: string;
  const keyTabs = (): vscode.Tab[] =>
    vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'redisSpecialist.keyEditor');

  before(async () => {
    server = await startStandalone();
    redis = new Redis({ host: server.host, port: server.port });
    const p = redis.pipeline();
    for (let i = 0; i < 30; i++) p.hset(`user:${i}:profile`, { name: `user ${i}`, email: `u${i}@example.com` });
    for (let i = 0; i < 10; i++) p.set(`session:${i}`, 'token'.repeat(10), 'EX', 3600);
    p.set('blob:big', 'b'.repeat(200_000));
    p.rpush('queue:jobs', ...Array.from({ length: 500 }, (_, i) => `job-${i}`));
    await p.exec();
    await activateExtension();
    // Read-only: the analysis only reads, so it is allowed.
    connectionId = await vscode.commands.executeCommand<string>('redisSpecialist.addConnection', { url: `${server.url}?readonly=1`, name: 'Memory fixture' });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (connectionId) await vscode.commands.executeCommand('redisSpecialist.removeConnection', connectionId);
    redis?.disconnect();
    await server?.stop();
  });

  async function db0(): Promise<ExplorerNode> {
    const api = await activateExtension();
    const connection = (await api.tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.id === connectionId);
    const dbs = await api.tree.getChildren(connection);
    return dbs.find((n) => n.kind === 'database' && n.database.db === 0) as ExplorerNode;
  }

  it('analyses every key of a database on a read-only connection and opens the report; a top key opens the key editor', async () => {
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>('redisSpecialist.analyzeMemory', await db0(), {});
    assert.ok(report, 'the command returns the report');
    assert.equal(report.totalKeys, await redis.dbsize());
    const names = ['blob:big', 'queue:jobs', 'user:0:profile', 'session:0'];
    const usage = await Promise.all(names.map(async (name) => [name, Number(await redis.call('MEMORY', 'USAGE', name, 'SAMPLES', '0'))] as const));
    const biggest = usage.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.deepEqual([report.topKeys[0].key, report.topKeys[0].memoryBytes], [biggest[0], biggest[1]]);
    assert.equal(report.patterns.find((p) => p.pattern === 'session:*')?.withTtl, 10);
    const tab = await eventually(() => reportTabs().find((t) => t.label === 'Memory: Memory fixture db0'), 'the memory report tab');
    assert.ok(tab.isActive);
    // Long enough for the panel's own recovery when its page does not start (a new panel after 10 s).
    await webviewPage.waitFor('section[aria-label="Top keys by memory"] button[data-open-key="queue:jobs"]', undefined, 45_000);
    await webviewPage.click('section[aria-label="Top keys by memory"] button[data-open-key="queue:jobs"]');
    await eventually(() => keyTabs().find((t) => t.label === 'queue:jobs'), 'the key editor of queue:jobs');
  });

  it('on a folder, analyses only the keys under its prefix', async () => {
    const api = await activateExtension();
    const user = (await api.tree.getChildren(await db0())).find((n) => n.kind === 'folder' && n.name.toString() === 'user');
    assert.ok(user, 'the user folder');
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>('redisSpecialist.analyzeMemory', user, { sample: 1_000 });
    assert.equal(report?.totalKeys, 30);
    assert.ok(report?.patterns.every((p) => p.pattern.startsWith('user:')));
  });
});
