import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { LivePatternReport } from '../../src/core/patterns/livePatternStats';
import type { MemoryReport } from '../../src/core/memory';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';

/** How long the server holds every command: the analysis that got the lock waits that long, the other is refused first. */
const PAUSE_MS = 1500;

describe('Live analyses: one per connection at a time', () => {
  let redis: RedisFixture;
  let admin: Redis;
  let connectionId: string;

  before(async () => {
    await activateExtension();
    redis = await startStandalone();
    admin = new Redis(redis.port, redis.host);
    await admin.mset(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`lock:${i}`, String(i)])));
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'One analysis fixture' });
    // Indexed now: Analyze Key Patterns then reaches the lock without waiting for the workspace.
    await vscode.commands.executeCommand(Commands.refreshKeyPatterns);
  });

  after(async () => {
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    admin?.disconnect();
    await redis?.stop();
  });

  it('a second live analysis on the same connection is refused while the first runs; the first completes', async () => {
    // Open the connection first, so that both commands reach the server's pause, not the connect.
    const warm = await vscode.commands.executeCommand<MemoryReport | undefined>(Commands.analyzeMemory, connectionId, {});
    assert.equal(warm?.totalKeys, 40);
    await admin.call('CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL');
    const patterns = Promise.resolve(vscode.commands.executeCommand<LivePatternReport | undefined>(Commands.analyzeKeyPatterns, connectionId, { resume: false })).then((report) => ({ kind: 'patterns', total: report?.totalKeys }));
    const memory = Promise.resolve(vscode.commands.executeCommand<MemoryReport | undefined>(Commands.analyzeMemory, connectionId, {})).then((report) => ({ kind: 'memory', total: report?.totalKeys }));
    // Whichever took the lock waits on the paused server; the other answers first, refused.
    const first = await Promise.race([patterns, memory]);
    assert.equal(first.total, undefined, `${first.kind} ran next to the other analysis`);
    const [p, m] = await Promise.all([patterns, memory]);
    const ran = p === first ? m : p;
    assert.equal(ran.total, 40, `${ran.kind} completed once the server answered`);
  });
});
