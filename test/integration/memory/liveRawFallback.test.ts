import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { runMemoryCli } from '../../../src/commandLine/memory/runMemoryCli';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { startStandalone, stopAll, type RedisFixture } from '../../fixtures/redis';

/**
 * When the analysis cannot open its own connection (here the server is at `maxclients`: it
 * accepts the socket, answers "max number of clients reached" and closes it), it reads through
 * the connection's own client instead — and the report says so.
 */
describe('live memory analysis when its own connection cannot be opened', function () {
  this.timeout(60_000);
  let server: RedisFixture;
  let redis: Redis;

  before(async () => {
    server = await startStandalone();
    redis = new Redis({ host: server.host, port: server.port });
    const p = redis.pipeline();
    for (let i = 0; i < 200; i++) p.set(`item:${i}`, 'v'.repeat(i));
    await p.exec();
  });
  after(async () => {
    redis?.disconnect();
    await stopAll();
  });

  it('falls back to the client, completes with the same figures, and says so in a note', async () => {
    const direct = await analyzeLiveMemory(redis, { budget: null });
    assert.ok(!direct.report.notes.some((n) => /own connection/.test(n)), direct.report.notes.join('\n'));
    assert.deepEqual(direct.readFallbacks, []);
    // This client is the only one the server has now: no room for another.
    await redis.config('SET', 'maxclients', '1');
    try {
      const fallback = await analyzeLiveMemory(redis, { budget: null });
      assert.ok(fallback.complete, JSON.stringify(fallback.nodes));
      assert.equal(fallback.report.totalKeys, 200);
      assert.equal(fallback.report.totalMemoryBytes, direct.report.totalMemoryBytes);
      assert.equal(fallback.readFallbacks.length, 1);
      assert.match(fallback.readFallbacks[0].reason, /max number of clients reached/);
      const note = fallback.report.notes.find((n) => /own connection/.test(n));
      assert.match(note ?? '', new RegExp(`^The analysis could not open its own connection to 127\\.0\\.0\\.1:${server.port} \\(.*max number of clients reached.*\\), so it read through the connection's own client: slower, same figures\\.$`));
    } finally {
      await redis.config('SET', 'maxclients', '10000');
    }
  });

  it('the CLI says so on stderr and in the report\'s notes', async () => {
    // Room for this test's client and the CLI's, not for the analysis' own connection.
    await redis.config('SET', 'maxclients', '2');
    let stdout = '';
    let stderr = '';
    try {
      const code = await runMemoryCli(['--redis', server.url, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      assert.equal(code, 0, stderr);
    } finally {
      await redis.config('SET', 'maxclients', '10000');
    }
    assert.match(stderr, /Could not open the analysis' own connection to 127\.0\.0\.1:\d+ \(.*max number of clients reached.*\); read through the main connection instead/);
    const report = JSON.parse(stdout) as { totalKeys: number; notes: string[] };
    assert.equal(report.totalKeys, 200);
    assert.ok(report.notes.some((n) => n.startsWith('The analysis could not open its own connection')), report.notes.join('\n'));
  });
});
