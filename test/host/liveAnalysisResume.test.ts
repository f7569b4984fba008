import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import { resumeKey } from '../../src/core/liveAnalysis/resumeStore';
import { analyzeLiveMemory } from '../../src/core/memory/live/liveMemoryAnalysis';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';

/**
 * The state of a stopped live analysis is kept for a resume only while its connection points at
 * the server it scanned: editing the connection to another server, or removing it (the real
 * commands and the Connections service the wizard saves through), drops it at once.
 */
describe('Live analyses: a stopped run\'s saved state goes with its connection', () => {
  let api: RedisSpecialistApi;
  let first: RedisFixture;
  let second: RedisFixture;
  let id: string | undefined;

  before(async () => {
    api = await activateExtension();
    [first, second] = await Promise.all([startStandalone(), startStandalone()]);
    const writer = new Redis(first.port, first.host);
    await writer.mset(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`resume:${i}`, String(i)])));
    writer.disconnect();
  });

  after(async () => {
    if (id && api.connections.get(id)) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await Promise.all([first?.stop(), second?.stop()]);
  });

  /** A real stopped run of the memory analysis on the first server (cancelled after its first page), saved as the command saves it. */
  async function saveStoppedRun(connectionId: string): Promise<void> {
    const client = new Redis(first.port, first.host);
    try {
      const abort = new AbortController();
      const analysis = await analyzeLiveMemory(client, { count: 10, budget: null, signal: abort.signal, onProgress: () => abort.abort() });
      assert.equal(analysis.complete, false);
      assert.ok(analysis.resume, 'a stopped run leaves a state to resume');
      api.liveAnalyses.save(resumeKey(connectionId, 'memory', 0, ''), 'signature', analysis.resume);
    } finally {
      client.disconnect();
    }
  }

  it('kept while only the name changes; dropped when the connection is edited to another server, and when it is removed', async () => {
    id = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: first.url, name: 'Resume fixture' });
    const before = api.liveAnalyses.savedCount;
    await saveStoppedRun(id);
    assert.equal(api.liveAnalyses.savedCount, before + 1);

    const { id: _id, ...config } = api.connections.require(id);
    await api.connections.update(id, { ...config, name: 'Resume fixture (renamed)' });
    assert.equal(api.liveAnalyses.savedCount, before + 1, 'a new name is the same server: the state stays');

    await api.connections.update(id, { ...config, port: second.port });
    await eventually(() => api.liveAnalyses.savedCount === before, 'the state of the edited connection to be dropped');

    await api.connections.update(id, { ...config, port: first.port });
    await saveStoppedRun(id);
    assert.equal(api.liveAnalyses.savedCount, before + 1);
    await vscode.commands.executeCommand(Commands.removeConnection, id);
    await eventually(() => api.liveAnalyses.savedCount === before, 'the state of the removed connection to be dropped');
  });
});
