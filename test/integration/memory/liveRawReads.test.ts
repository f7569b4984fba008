import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { createRedisClient } from '../../../src/core/redis/connection/clientFactory';
import { startCluster, startStandalone, stopAll, type RedisFixture } from '../../fixtures/redis';

/** The analysis' own connections as CLIENT LIST shows them (name redis-specialist-memory). */
async function analysisClients(admin: Redis): Promise<string[]> {
  const list = String(await admin.client('LIST'));
  return list.split('\n').filter((line) => / name=redis-specialist-memory /.test(line));
}

/** CLIENT LIST may still list a connection the server has not reaped yet: asks until it is gone. */
async function untilClosed(admin: Redis): Promise<void> {
  for (let attempt = 0; (await analysisClients(admin)).length > 0; attempt++) {
    assert.ok(attempt < 100, 'the analysis connection stayed open');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live memory analysis: its own raw connection for the per-key reads', function () {
  this.timeout(60_000);
  let server: RedisFixture;
  let admin: Redis;

  before(async () => {
    server = await startStandalone({ password: 'admin-pw', users: [{ name: 'reader', password: 'pw', rules: '~* +@read +info +ping +client +select' }] });
    admin = new Redis({ host: server.host, port: server.port, password: 'admin-pw' });
    await admin.mset('other:1', 'in db 0', 'other:2', 'in db 0');
    await admin.select(3);
    for (let i = 0; i < 500; i++) await admin.set(`item:${i}`, 'v'.repeat(i));
    await admin.hset('item:hash', 'f', 'v'.repeat(100_000));
    await admin.select(0);
  });
  after(async () => {
    admin?.disconnect();
    await stopAll();
  });

  it('logs in as the client\'s ACL user on its database, measures that database exactly, and closes at the end', async () => {
    const reader = new Redis({ host: server.host, port: server.port, username: 'reader', password: 'pw', db: 3 });
    try {
      const seen: string[][] = [];
      const analysis = await analyzeLiveMemory(reader, { budget: null, count: 50, db: 3, onProgress: () => void analysisClients(admin).then((c) => seen.push(c)) });
      assert.ok(analysis.complete);
      assert.equal(analysis.report.totalKeys, 501);
      let expected = 0;
      for (let i = 0; i < 500; i++) expected += Number(await reader.memory('USAGE', `item:${i}`));
      expected += Number(await reader.memory('USAGE', 'item:hash'));
      assert.equal(analysis.report.totalMemoryBytes, expected);
      assert.equal(analysis.report.topKeys[0].key, 'item:hash');
      assert.equal(analysis.report.topKeys[0].type, 'hash');
      // The reads went over the raw connection (the ioredis fallback would not show up under this name).
      const during = seen.flat();
      assert.ok(during.length > 0, 'no analysis connection seen during the analysis');
      assert.ok(during.every((line) => / user=reader /.test(line) && / db=3 /.test(line)), during.join('\n'));
      await untilClosed(admin);
    } finally {
      reader.disconnect();
    }
  });

  it('closes its connection when cancelled', async () => {
    const reader = new Redis({ host: server.host, port: server.port, username: 'reader', password: 'pw', db: 3 });
    try {
      const abort = new AbortController();
      const stopped = await analyzeLiveMemory(reader, { budget: null, count: 10, db: 3, signal: abort.signal, onProgress: () => abort.abort() });
      assert.equal(stopped.cancelled, true);
      assert.ok(stopped.report.totalKeys < 501);
      await untilClosed(admin);
    } finally {
      reader.disconnect();
    }
  });

  it('on a Cluster: one connection per master, each master read through it', async () => {
    const cluster = await startCluster({ masters: 3 });
    const seed = cluster.masters[0];
    const client = createRedisClient({ id: 'c', name: 'c', kind: 'cluster', host: seed.host, port: seed.port, clusterNodes: cluster.masters, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: true }, {}, { lazyConnect: true });
    const masters = cluster.masters.map((m) => new Redis({ host: m.host, port: m.port }));
    try {
      await client.connect();
      for (let i = 0; i < 600; i++) await client.set(`k:${i}`, 'v');
      const seenOn = new Set<number>();
      const check = async (): Promise<void> => {
        for (const [index, master] of masters.entries()) if ((await analysisClients(master)).length > 0) seenOn.add(index);
      };
      const checks: Promise<void>[] = [];
      const analysis = await analyzeLiveMemory(client, { budget: null, count: 20, onProgress: () => void checks.push(check()) });
      await Promise.all(checks);
      assert.ok(analysis.complete);
      assert.equal(analysis.report.totalKeys, 600);
      assert.deepEqual([...seenOn].sort(), [0, 1, 2]);
      for (const master of masters) await untilClosed(master);
    } finally {
      client.disconnect();
      for (const master of masters) master.disconnect();
    }
  });
});
