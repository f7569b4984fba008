import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { MemoryReport } from '../../src/core/memory';
import type { LivePatternReport } from '../../src/core/patterns/livePatternStats';
import { adminCommand, describeEndpoint, parseInfo } from '../fixtures/redis/admin';
import { startSentinel, type Endpoint, type SentinelFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

async function scanCalls(node: Endpoint): Promise<number> {
  const stats = parseInfo(await adminCommand(node, ['INFO', 'commandstats']));
  return Number(/calls=(\d+)/.exec(stats.cmdstat_scan ?? '')?.[1] ?? 0);
}

describe('connections: "Read from replicas" on a Sentinel connection, from the wizard to Analyze Memory…', () => {
  let api: RedisSpecialistApi;
  let input: QuickInputDriver;
  let sentinel: SentinelFixture;
  const existing = new Set<string>();
  let id: string;

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    for (const c of api.connections.list()) existing.add(c.id);
    sentinel = await startSentinel();
    const writer = new Redis({ host: sentinel.master.host, port: sentinel.master.port });
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.set(`order:${i}`, 'x')));
    assert.equal(await writer.call('WAIT', '1', '1000'), 1, 'the replica acknowledged the seed');
    writer.disconnect();
  });

  after(async () => {
    input?.dispose();
    for (const c of api.connections.list()) if (!existing.has(c.id)) await vscode.commands.executeCommand(Commands.removeConnection, c.id);
    await sentinel?.stop();
  });

  it('the option is saved, and the analysis SCANs the replica, not the master, and says so', async () => {
    const adding = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /Sentinel/);
    await input.type(/Sentinel nodes/, sentinel.sentinels.map(describeEndpoint).join(', '));
    await input.type(/Master group name/, sentinel.masterName);
    await input.type(/ACL user/, '');
    await input.type(/^Password/, '');
    await input.type(/Password of the Sentinels/, '');
    await input.type(/Database index/, '0');
    await input.pick(/Options/, (items) => items.filter((i) => i.label === 'Read from replicas'));
    await input.type(/Connection name/, 'Replica reads');
    id = String(await adding);
    assert.equal(api.connections.get(id)?.readFromReplicas, true);

    for (const node of [sentinel.master, sentinel.replica]) await adminCommand(node, ['CONFIG', 'RESETSTAT']);
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>(Commands.analyzeMemory, id, {});
    assert.equal(report?.totalKeys, 50);
    assert.ok((await scanCalls(sentinel.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(sentinel.master), 0, 'no SCAN on the master');
    assert.ok(report.notes.includes(`Read from replica ${describeEndpoint(sentinel.replica)}.`), report.notes.join('\n'));
  });

  it('Analyze Key Patterns on the connection SCANs the replica too, with the same count', async () => {
    for (const node of [sentinel.master, sentinel.replica]) await adminCommand(node, ['CONFIG', 'RESETSTAT']);
    const report = await vscode.commands.executeCommand<LivePatternReport>(Commands.analyzeKeyPatterns, id, { resume: false });
    assert.equal(report.totalKeys, 50);
    assert.ok((await scanCalls(sentinel.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(sentinel.master), 0, 'no SCAN on the master');
  });

  it('with the replica stopped, Analyze Memory… reads the master and says so once, in the report and the log', async () => {
    process.kill(sentinel.pidOf(sentinel.replica), 'SIGKILL');
    await adminCommand(sentinel.master, ['CONFIG', 'RESETSTAT']);
    const report = await vscode.commands.executeCommand<MemoryReport | undefined>(Commands.analyzeMemory, id, {});
    assert.equal(report?.totalKeys, 50, 'the master gave every key');
    assert.ok((await scanCalls(sentinel.master)) > 0, 'SCAN ran on the master');
    const notes = report.notes.filter((note) => note.startsWith('No replica of "Replica reads" can be read ('));
    assert.equal(notes.length, 1, report.notes.join('\n'));
    // Which words depends on how far Sentinel and the client got in noticing the replica died.
    assert.match(notes[0], /^No replica of "Replica reads" can be read \((Sentinel names no replica that is up|replica [\d.:]+ refuses connections|the replica closed the connection)\), so the analysis reads the master\.$/);
    // Our LogOutputChannel's file, under the extension host's log folder.
    const logRoot = path.resolve(api.storage.logUri.fsPath, '..', '..');
    const logged = await eventually(() => {
      const files = readdirSync(logRoot, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      const texts = files.map((file) => readFileSync(file, 'utf8')).filter((text) => text.includes(notes[0]));
      return texts.length > 0 ? texts : undefined;
    }, 'the fallback sentence in the log');
    assert.equal(logged.map((text) => text.split(notes[0]).length - 1).reduce((a, b) => a + b, 0), 1, 'logged once');
  });
});
