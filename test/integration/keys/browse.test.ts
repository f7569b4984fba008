import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { commandSafetyFor } from '../../../src/core/redis/safety/commandSafety';
import { countMatchingKeys, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { parseKeyFilter, patternInMode, selectionWithin, type KeyFilter } from '../../../src/core/redis/keyspace/keyFilter';
import { fetchKeyMetadata, formatTtl } from '../../../src/core/redis/keyspace/keyMetadata';
import { readKeyspace } from '../../../src/core/redis/keyspace/keyspaceInfo';
import { formatKeyName, parseKeyName } from '../../../src/core/redis/keyspace/keyName';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { configFor } from './connectionConfigs';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Loads everything under `prefix` (the scan runs to its end). */
async function loadAll(browser: KeyspaceBrowser, prefix = b('')): Promise<void> {
  const result = await browser.loadMore(prefix, { minNewKeys: Number.MAX_SAFE_INTEGER });
  assert.equal(result.complete, true);
}

/** Every key in the tree, depth first. */
function allKeys(browser: KeyspaceBrowser, prefix = b('')): Buffer[] {
  const level = browser.level(prefix, { leafLimit: Number.MAX_SAFE_INTEGER });
  return [...level.leaves.map((l) => l.key), ...level.folders.flatMap((f) => allKeys(browser, f.prefix))];
}

describe('key browsing (fixture servers)', () => {
  describe('standalone', () => {
    let server: RedisFixture;
    let client: RedisClient;
    before(async () => {
      server = await startStandalone();
      client = createRedisClient(configFor(server), {});
      const seed = new Redis({ port: server.port });
      const pipeline = seed.pipeline();
      for (let byte = 0; byte < 256; byte++) pipeline.set(Buffer.of(0x62, 0x69, 0x6e, 0x3a, byte), `v${byte}`);
      for (const name of ['g:a*b', 'g:a?b', 'g:a[b]', 'g:a\\b', 'g:axb', 'g:a*bc']) pipeline.set(name, '1');
      for (let i = 0; i < 50; i++) pipeline.hset(`t:h:${i}`, 'f', '1');
      for (let i = 0; i < 30; i++) pipeline.set(`t:s:${i}`, '1', 'EX', 3600);
      pipeline.set('user:4', 'x').set('user:42', 'x').set('user:5', 'x');
      await pipeline.exec();
      seed.disconnect();
    });
    after(async () => {
      client?.disconnect();
      await server?.stop();
    });

    it('lists binary keys with all 256 byte values, each resolvable by its Buffer and by its display name', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 100 });
      await loadAll(browser, b('bin:'));
      const level = browser.level(b('bin:'), { leafLimit: 1000 });
      assert.equal(level.leafCount, 256);
      assert.equal(level.complete, true);
      const seen = new Set<number>();
      for (const leaf of level.leaves) {
        const byte = leaf.key[4];
        seen.add(byte);
        assert.equal(await (client as Redis).get(leaf.key), `v${byte}`);
        assert.equal(await (client as Redis).get(parseKeyName(formatKeyName(leaf.key))), `v${byte}`);
      }
      assert.equal(seen.size, 256);
    });

    it('escapes glob characters in folder prefixes and plain filters, so they match only themselves', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('g:a\\*b') });
      await loadAll(browser);
      assert.deepEqual(allKeys(browser).map(String).sort(), ['g:a*b', 'g:a*bc']);
      const brackets = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('g:a\\[b\\]') });
      await loadAll(brackets);
      assert.deepEqual(allKeys(brackets).map(String), ['g:a[b]']);
      const backslash = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('g:a\\\\') });
      await loadAll(backslash);
      assert.deepEqual(allKeys(backslash).map(String), ['g:a\\b']);
    });

    it('treats a glob filter as a glob', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('g:a?b') });
      await loadAll(browser);
      assert.deepEqual(allKeys(browser).map(String).sort(), ['g:a*b', 'g:a?b', 'g:a\\b', 'g:axb']);
    });

    it('a plain filter is the exact key or a prefix, never a substring', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('user:4') });
      await loadAll(browser);
      assert.deepEqual(allKeys(browser).map(String), ['user:4', 'user:42']);
    });

    it('filters by type with SCAN TYPE', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', filter: parseKeyFilter('t:', 'hash') });
      await loadAll(browser);
      assert.equal(browser.level(b('t:')).folders.map((f) => `${f.name.toString()}=${f.keyCount}`).join(), 'h=50');
    });

    it('expands a folder with one round trip of its own and keeps the count partial until its scan ends', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 10 });
      const first = await browser.loadMore(b('t:h:'));
      assert.equal(first.roundTrips, 1);
      assert.equal(browser.level(b('t:h:')).complete, false);
      await loadAll(browser, b('t:h:'));
      assert.equal(browser.level(b('t:h:')).keyCount, 50);
      assert.equal(browser.level(b('t:')).complete, false, 'the parent folder is still partial');
    });

    it('reads type, TTL and memory of a batch of keys in one pipeline', async () => {
      const keys = [b('t:h:1'), b('t:s:1'), b('missing')];
      const meta = await fetchKeyMetadata(client, keys, { memory: true });
      assert.deepEqual(meta.map((m) => m.type), ['hash', 'string', 'none']);
      assert.equal(meta[0].ttlMs, null);
      assert.equal(formatTtl(meta[0].ttlMs), 'no TTL');
      assert.ok(meta[1].ttlMs !== null && meta[1].ttlMs > 3_500_000 && meta[1].ttlMs <= 3_600_000);
      assert.ok((meta[0].memoryBytes ?? 0) > 0);
      assert.equal(meta[2].memoryBytes, undefined);
    });

    it('classifies commands from the server’s COMMAND INFO', async () => {
      const safety = commandSafetyFor(client);
      assert.equal(safety, commandSafetyFor(client), 'one cache per client');
      assert.equal(await safety.isWriteAllowed(true, 'GET'), true);
      assert.equal(await safety.isWriteAllowed(true, 'INFO'), true);
      assert.equal(await safety.isWriteAllowed(true, 'SET'), false);
      assert.equal(await safety.isWriteAllowed(true, 'EVAL'), false);
      assert.equal(await safety.isWriteAllowed(true, 'FLUSHALL'), false);
      assert.equal(await safety.isWriteAllowed(true, 'CONFIG', 'SET'), false);
      assert.equal(await safety.isWriteAllowed(true, 'NOSUCHCOMMAND'), false);
      assert.equal(await safety.isWriteAllowed(false, 'SET'), true);
      assert.match((await safety.check(true, ['KEYS', '*'])).warning ?? '', /@dangerous/);
      assert.match((await safety.check(true, ['del', 'k'])).reason ?? '', /DEL changes data/);
    });
  });

  describe('Cluster', () => {
    let cluster: ClusterFixture;
    let client: RedisClient;
    const KEYS = 3000;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
      client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]] }), {}, { lazyConnect: true });
      await client.connect();
      const seed = new Cluster(cluster.masters);
      await Promise.all(Array.from({ length: KEYS }, (_, i) => seed.set(`c:${i % 10}:${i}`, String(i), 'EX', 1000 + i)));
      seed.disconnect();
    });
    after(async () => {
      client?.disconnect();
      await cluster?.stop();
    });

    it('lists the keys of every master', async () => {
      const perMaster = await Promise.all(cluster.masters.map(async (m) => {
        const node = new Redis(m);
        const size = await node.dbsize();
        node.disconnect();
        return size;
      }));
      assert.ok(perMaster.every((n) => n > 0), `every master holds keys: ${perMaster.join(', ')}`);
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 200 });
      await loadAll(browser);
      assert.equal(browser.level(b('')).keyCount, KEYS);
      assert.equal(browser.level(b('c:')).folders.length, 10);
      const folder = new KeyspaceBrowser(client, { delimiter: ':', count: 200 });
      await loadAll(folder, b('c:3:'));
      assert.equal(folder.level(b('c:3:')).leafCount, KEYS / 10);
    });

    it('reads metadata for keys spread over every master', async () => {
      const keys = Array.from({ length: 100 }, (_, i) => b(`c:${i % 10}:${i}`));
      const meta = await fetchKeyMetadata(client, keys, { memory: true });
      assert.ok(meta.every((m) => m.type === 'string' && m.ttlMs !== null && !m.error), JSON.stringify(meta.find((m) => m.error)));
      assert.ok(meta.every((m) => (m.memoryBytes ?? 0) > 0));
    });

    it('counts keys over every master (INFO keyspace), marked partial while one does not answer', async () => {
      assert.deepEqual(await readKeyspace(client), [{ db: 0, keys: KEYS, expires: KEYS }]);
      const quick = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]] }), {}, { lazyConnect: true, deadlines: { commandTimeoutMs: 300, slowCommandTimeoutMs: 1000 } });
      await quick.connect();
      const frozen = cluster.pidOf(cluster.masters[2]);
      process.kill(frozen, 'SIGSTOP');
      try {
        const [db0] = await readKeyspace(quick);
        assert.equal(db0.partial, true);
        assert.ok(db0.keys > 0 && db0.keys < KEYS, `the answering masters' keys: ${db0.keys}`);
      } finally {
        process.kill(frozen, 'SIGCONT');
        quick.disconnect();
      }
    });
  });

  describe('Delete Keys Matching… on a folder of a filtered tree', () => {
    let server: RedisFixture;
    let client: RedisClient;
    let seed: Redis;
    const allowAll = (): void => undefined;
    before(async () => {
      server = await startStandalone();
      client = createRedisClient(configFor(server), {});
      seed = new Redis({ port: server.port });
    });
    beforeEach(async () => {
      await seed.flushdb();
      const pipeline = seed.pipeline();
      for (let i = 0; i < 11; i++) pipeline.set(`del:${i}:x`, '1');
      for (let i = 0; i < 29; i++) pipeline.set(`del:${i}:y`, '1');
      for (let i = 0; i < 4; i++) pipeline.hset(`del:h${i}:x`, 'f', '1');
      pipeline.set('other:1:x', '1').set('*', '1').set('*a', '1').set('ab', '1').set('?a', '1').set('ba', '1');
      await pipeline.exec();
    });
    after(async () => {
      seed?.disconnect();
      client?.disconnect();
      await server?.stop();
    });

    /** The keys the tree shows under `prefix` with `filter`, loaded to the end. */
    async function shownUnder(filter: KeyFilter, prefix: string): Promise<string[]> {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 7, filter });
      await loadAll(browser);
      return allKeys(browser, b(prefix)).map((k) => k.toString()).sort();
    }

    for (const [filterText, type] of [['*:x', undefined], ['del:1', undefined], ['', 'hash'], ['*:x', 'string']] as const) {
      it(`deletes exactly the keys the tree shows (filter "${filterText}"${type ? `, type ${type}` : ''})`, async () => {
        const filter = parseKeyFilter(filterText, type);
        const shown = await shownUnder(filter, 'del:');
        assert.ok(shown.length > 0 && shown.length < 44, `the filter narrows the folder: ${shown.length}`);
        const selection = selectionWithin(patternInMode('del:', 'exact'), filter);
        const counted = await countMatchingKeys(client, selection.match, { selection, scanCount: 7 });
        assert.equal(counted.count, shown.length);
        const result = await deleteMatchingKeys(client, selection.match, allowAll, { selection, scanCount: 7 });
        assert.equal(result.deleted, shown.length);
        const left = await Promise.all(shown.map((key) => seed.exists(key)));
        assert.deepEqual(left.filter(Boolean), [], 'every shown key is gone');
        assert.equal(await seed.dbsize(), 50 - shown.length, 'nothing else was touched');
      });
    }

    it('a copied key name with glob characters stays literal in exact mode', async () => {
      for (const name of ['?a', '*']) {
        const selection = selectionWithin(patternInMode(name, 'exact'), parseKeyFilter(''));
        await deleteMatchingKeys(client, selection.match, allowAll, { selection });
      }
      assert.deepEqual(await seed.exists('*', '*a', '?a'), 0, 'the exact names and what starts with them are gone');
      assert.equal(await seed.exists('ab', 'ba'), 2, 'keys the globs would have matched remain');
    });
  });
});
