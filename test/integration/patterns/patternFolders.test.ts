import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import type { KeySite } from '../../../src/core/analysis';
import type { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { LoadBudget } from '../../../src/core/redis/keyspace/loadBudget';
import { buildPatterns, type PatternSite } from '../../../src/core/patterns/patternIndex';
import { patternFolderBrowser, planPatternFolders, type PatternFolder } from '../../../src/core/patterns/patternFolders';
import { startCluster, startStandalone, type Endpoint } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * The key browser's folders from code against a real server: planning them sends nothing, and
 * opening one scans `MATCH glob` (every master on a Cluster) and lists exactly the keys the
 * pattern's glob selects — look-alikes (`sessions:1`, `t1:orders:old`) stay out.
 */

const site = (template: string, line: number): PatternSite =>
  ({ file: 'src/app.ts', template, command: 'SET', access: 'write', type: 'string', ttl: 'none', confidence: 'certain', line, column: 0, offset: 0, endOffset: 1 }) satisfies KeySite & { file: string };

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

interface Seeded {
  byGlob: Map<string, string[]>;
  total: number;
}

async function seed(writer: Redis | Cluster): Promise<Seeded> {
  const byGlob = new Map<string, string[]>();
  const writes: Promise<unknown>[] = [];
  const put = (glob: string | undefined, key: Buffer): void => {
    if (glob) byGlob.set(glob, [...(byGlob.get(glob) ?? []), key.toString('latin1')]);
    writes.push(writer.set(key, '1'));
  };
  for (let i = 0; i < 240; i++) put('session:*', b(`session:${i}`));
  for (let i = 0; i < 30; i++) put('*:orders', b(`t${i}:orders`));
  for (let i = 0; i < 12; i++) put('bin:*:x', Buffer.concat([b('bin:'), Buffer.of(0xff, 0x00, i), b(':x')]));
  // Look-alikes no folder may list, and the rest of the keyspace.
  for (let i = 0; i < 20; i++) put(undefined, b(`sessions:${i}`));
  for (let i = 0; i < 10; i++) put(undefined, b(`t${i}:orders:old`));
  for (let i = 0; i < 1500; i++) put(undefined, b(`noise:${i}`));
  await Promise.all(writes);
  return { byGlob, total: writes.length };
}

async function scanCalls(masters: Endpoint[]): Promise<number> {
  let calls = 0;
  for (const endpoint of masters) {
    const node = new Redis(endpoint);
    calls += Number(/cmdstat_scan:calls=(\d+)/.exec(await node.info('commandstats'))?.[1] ?? 0);
    node.disconnect();
  }
  return calls;
}

async function resetStats(masters: Endpoint[]): Promise<void> {
  for (const endpoint of masters) {
    const node = new Redis(endpoint);
    await node.config('RESETSTAT');
    node.disconnect();
  }
}

function keysOf(browser: KeyspaceBrowser): string[] {
  return browser.level(Buffer.alloc(0), { leafLimit: Number.MAX_SAFE_INTEGER }).leaves.map((l) => l.key.toString('latin1'));
}

function describeTopology(name: string, start: () => Promise<{ client: RedisClient; writer: Redis | Cluster; masters: Endpoint[]; stop: () => Promise<void> }>): void {
  describe(`key browser folders from code patterns (${name})`, () => {
    let client: RedisClient;
    let writer: Redis | Cluster;
    let masters: Endpoint[];
    let stop: () => Promise<void>;
    let seeded: Seeded;
    let folders: PatternFolder[];
    before(async () => {
      ({ client, writer, masters, stop } = await start());
      seeded = await seed(writer);
      ({ folders } = planPatternFolders(buildPatterns([site('session:{id}', 1), site('{tenant}:orders', 2), site('bin:{id}:x', 3), site('{?}', 4), site('session:{sid}', 5)])));
    });
    after(async () => {
      client?.disconnect();
      writer?.disconnect();
      await stop?.();
    });

    it('plans one folder per pattern and sends no SCAN until a folder is opened; opening one lists exactly the keys of its glob', async () => {
      assert.deepEqual(folders.map((f) => f.glob), ['bin:*:x', 'session:*', '*:orders']);
      await resetStats(masters);
      const browsers = new Map(folders.map((f) => [f.glob, patternFolderBrowser(client, f.glob, { count: 100 })]));
      assert.equal(await scanCalls(masters), 0, 'planning folders and preparing their browsers sends no SCAN');
      for (const folder of folders) {
        const browser = browsers.get(folder.glob) as KeyspaceBrowser;
        const result = await browser.loadMore(Buffer.alloc(0), { minNewKeys: Number.MAX_SAFE_INTEGER, budget: new LoadBudget() });
        assert.equal(result.complete, true);
        const expected = [...(seeded.byGlob.get(folder.glob) ?? [])].sort();
        assert.deepEqual([...keysOf(browser)].sort(), expected, `${folder.pattern}: exactly the keys of ${folder.glob}`);
        assert.equal(browser.counts(Buffer.alloc(0)).keyCount, expected.length);
        if (folder.glob === 'bin:*:x') {
          // Only this folder was opened: every SCAN so far carried its MATCH, one walk of the keyspace on each master.
          const calls = await scanCalls(masters);
          assert.ok(calls >= masters.length && calls <= 2 * Math.ceil(seeded.total / 100) + 2 * masters.length, `${calls} SCAN calls for one folder`);
          assert.deepEqual(folders.filter((f) => f.glob !== 'bin:*:x').map((f) => browsers.get(f.glob)?.canLoadMore(Buffer.alloc(0))), [true, true], 'the other folders are still unscanned');
        }
      }
    });

    it('pages: a first load shows part of the folder, "Load more" continues the same cursor to the exact set; leaves are sorted', async () => {
      const browser = patternFolderBrowser(client, 'session:*', { count: 100 });
      const first = await browser.loadMore(Buffer.alloc(0), { minNewKeys: 1 });
      assert.ok(first.newKeys > 0 && first.newKeys < 240, `${first.newKeys} keys after the first load`);
      assert.equal(first.complete, false);
      let rounds = 0;
      while (browser.canLoadMore(Buffer.alloc(0))) {
        await browser.loadMore(Buffer.alloc(0), { minNewKeys: 50, maxNewKeys: 60 });
        rounds++;
      }
      assert.ok(rounds >= 2, `${rounds} "Load more" rounds`);
      const keys = keysOf(browser);
      assert.deepEqual([...keys].sort(), [...(seeded.byGlob.get('session:*') ?? [])].sort());
      assert.deepEqual(keys.slice(0, 3), ['session:0', 'session:1', 'session:2'], 'shown in name order, numbers by value');
    });

    it('stops when cancelled, keeping what was loaded', async () => {
      const browser = patternFolderBrowser(client, 'session:*', { count: 20 });
      const controller = new AbortController();
      await assert.rejects(
        browser.loadMore(Buffer.alloc(0), { minNewKeys: Number.MAX_SAFE_INTEGER, signal: controller.signal, onProgress: (p) => p.newKeys > 0 && controller.abort() }),
        (error: Error) => error.name === 'AbortError',
      );
      const loaded = browser.counts(Buffer.alloc(0)).keyCount;
      assert.ok(loaded > 0 && loaded < 240, `${loaded} keys kept`);
      assert.equal(browser.canLoadMore(Buffer.alloc(0)), true);
    });

    it('keeps SCAN calls under the load budget\'s ceiling: calls ≤ limit × elapsed + burst', async () => {
      const limit = 10;
      const burst = 1;
      const browser = patternFolderBrowser(client, '*:orders', { count: 50 });
      const before = await scanCalls(masters);
      const started = performance.now();
      const result = await browser.loadMore(Buffer.alloc(0), { minNewKeys: Number.MAX_SAFE_INTEGER, budget: new LoadBudget({ maxScansPerSecond: limit, scanBurst: burst }) });
      const elapsedS = (performance.now() - started) / 1000;
      const calls = (await scanCalls(masters)) - before;
      assert.equal(result.complete, true);
      assert.equal(browser.counts(Buffer.alloc(0)).keyCount, 30);
      assert.ok(calls >= 10, `the walk needed ${calls} SCAN calls`);
      assert.ok(calls <= limit * elapsedS + burst * masters.length, `${calls} SCAN calls in ${elapsedS.toFixed(2)} s`);
    });
  });
}

describeTopology('standalone', async () => {
  const server = await startStandalone();
  const client = createRedisClient(configFor(server, { readOnly: true }), {});
  return { client, writer: new Redis({ port: server.port }), masters: [server], stop: () => server.stop() };
});

describeTopology('cluster', async () => {
  const cluster = await startCluster({ masters: 3 });
  const client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]], readOnly: true }), {}, { lazyConnect: true });
  await client.connect();
  return { client, writer: new Cluster(cluster.masters), masters: cluster.masters, stop: () => cluster.stop() };
});
