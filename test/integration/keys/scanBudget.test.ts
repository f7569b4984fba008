import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { countMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { suggestKeys } from '../../../src/core/redis/values/keySuggestions';
import { LoadBudget } from '../../../src/core/redis/keyspace/loadBudget';
import { budgetOptionsFor } from '../../../src/core/redis/keyspace/scanBudgetOptions';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from './connectionConfigs';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const KEYS = 600;
const COUNT = 50;

/** SCAN calls the server has answered so far (INFO commandstats). */
async function scanCalls(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats');
  const match = /^cmdstat_scan:calls=(\d+)/m.exec(info);
  return match ? Number(match[1]) : 0;
}

/** Every key under `prefix`, sorted, as the tree shows them once the folder load is complete. */
function leaves(browser: KeyspaceBrowser, prefix: Buffer): string[] {
  return browser
    .level(prefix, { leafLimit: Number.MAX_SAFE_INTEGER })
    .leaves.map((l) => l.key.toString('latin1'))
    .sort();
}

describe('key browser under the scan load budget (fixture server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
    const pipeline = admin.pipeline();
    for (let i = 0; i < KEYS; i++) pipeline.set(`paced:${i}`, '1');
    for (let i = 0; i < 100; i++) pipeline.set(`other:${i}`, '1');
    await pipeline.exec();
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('a folder load with a ceiling of 5 SCAN calls per second sends no more than 5 × elapsed seconds + the burst, and loads the same keys as an unpaced load', async () => {
    const options = budgetOptionsFor({ maxScansPerSecond: 5 }, { maxScansPerSecond: 0, maxKeysPerSecond: 0 });
    assert.deepEqual(options, { maxScansPerSecond: 5 });
    const paced = new KeyspaceBrowser(client, { delimiter: ':', count: COUNT });
    const before = await scanCalls(admin);
    const started = performance.now();
    const result = await paced.loadMore(b('paced:'), { minNewKeys: Number.MAX_SAFE_INTEGER, budget: new LoadBudget(options) });
    const elapsedSeconds = (performance.now() - started) / 1000;
    const calls = (await scanCalls(admin)) - before;
    assert.equal(result.complete, true);
    // 700 keys at COUNT 50: the walk needs well over 5 calls, so the ceiling must have held it back.
    assert.ok(result.roundTrips > 5, `${result.roundTrips} round trips`);
    assert.equal(calls, result.roundTrips, 'one SCAN call per round trip on a standalone server');
    const burst = 1;
    assert.ok(calls <= 5 * elapsedSeconds + burst, `${calls} SCAN calls in ${elapsedSeconds.toFixed(2)} s exceeds 5 per second + ${burst}`);

    // No ceiling on an idle server: the same folder, the same keys (the latency back-off alone never drops a page).
    const free = new KeyspaceBrowser(client, { delimiter: ':', count: COUNT });
    const unpaced = await free.loadMore(b('paced:'), { minNewKeys: Number.MAX_SAFE_INTEGER, budget: new LoadBudget(budgetOptionsFor(undefined, { maxScansPerSecond: 0, maxKeysPerSecond: 0 })) });
    assert.equal(unpaced.complete, true);
    const expected = Array.from({ length: KEYS }, (_, i) => `paced:${i}`).sort();
    assert.deepEqual(leaves(paced, b('paced:')), expected);
    assert.deepEqual(leaves(free, b('paced:')), expected);
  });

  it('a key ceiling paces the walk too, and a cancelled paced load keeps its keys and resumes without losing any', async () => {
    const browser = new KeyspaceBrowser(client, { delimiter: ':', count: COUNT });
    const controller = new AbortController();
    const budget = new LoadBudget({ maxKeysPerSecond: 1000 });
    let throttled = '';
    const load = browser.loadMore(b(''), {
      minNewKeys: Number.MAX_SAFE_INTEGER,
      budget,
      signal: controller.signal,
      onProgress: (p) => {
        throttled ||= budget.describe();
        if (p.roundTrips === 3) controller.abort();
      },
    });
    await assert.rejects(load, { name: 'AbortError' });
    const rest = await browser.loadMore(b(''), { minNewKeys: Number.MAX_SAFE_INTEGER, budget: new LoadBudget() });
    assert.equal(rest.complete, true);
    assert.equal(browser.counts(b('')).keyCount, KEYS + 100);
    assert.match(throttled, /at most 1000 keys per second/);
  });

  it("bulk delete's count and Open Key suggestions send their SCAN calls through the budget they are given", async () => {
    for (const walk of [
      (budget: LoadBudget) => countMatchingKeys(client, 'paced:*', { scanCount: COUNT, budget }).then((r) => assert.equal(r.count, KEYS)),
      (budget: LoadBudget) => suggestKeys(client, b('paced:1'), { count: COUNT, maxKeys: 10_000, limit: 1000, budget }).then((keys) => assert.equal(keys.length, 111)),
    ]) {
      const budget = new LoadBudget({ maxScansPerSecond: 1000 });
      assert.equal(budget.state.latencyMs, null);
      const before = await scanCalls(admin);
      await walk(budget);
      assert.ok((await scanCalls(admin)) - before > 1);
      assert.notEqual(budget.state.latencyMs, null, "the budget measured the walk's round trips");
    }
  });
});
