import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { suggestKeys } from '../../../src/core/redis/values/keySuggestions';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';

describe('Open Key suggestions: SCAN by prefix within the key browser limits', () => {
  let redis: RedisFixture;
  let client: Redis;
  before(async () => {
    redis = await startStandalone();
    client = new Redis(redis.port, redis.host);
    const pipeline = client.pipeline();
    for (let i = 0; i < 2000; i++) pipeline.set(`noise:${i}`, 'x');
    for (const name of ['user:10', 'user:2', 'user:1', 'user*star', 'users']) pipeline.set(name, 'x');
    await pipeline.exec();
  });
  after(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('suggests the keys that start with the typed text, naturally sorted, glob characters taken literally', async () => {
    const all = { count: 100, maxKeys: 100_000, limit: 50 };
    assert.deepEqual((await suggestKeys(client, Buffer.from('user:'), all)).map(String), ['user:1', 'user:2', 'user:10']);
    assert.deepEqual((await suggestKeys(client, Buffer.from('user*'), all)).map(String), ['user*star']);
    assert.equal((await suggestKeys(client, Buffer.from('noise:'), { ...all, limit: 7 })).length, 7);
  });

  it('stops after the keys the browser would examine in one load, and when cancelled', async () => {
    const few = await suggestKeys(client, Buffer.from('user'), { count: 10, maxKeys: 10, limit: 50 });
    assert.ok(few.length < 5, `one round trip of COUNT 10 over 2,005 keys found ${few.length}`);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(suggestKeys(client, Buffer.from('user'), { count: 10, maxKeys: 100_000, limit: 50, signal: controller.signal }), /cancelled/);
  });
});
