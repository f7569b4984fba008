import assert from 'node:assert/strict';
import type Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { KeyspaceScanner } from '../../../src/core/redis/keyspace/keyspaceScanner';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from './connectionConfigs';

describe('a scan round trip while the client reconnects (fixture server)', () => {
  let server: RedisFixture;
  let client: RedisClient;

  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {}, { reconnect: true });
    client.on('error', () => undefined);
    await waitFor('the client to connect', async () => ((await (client as Redis).ping()) === 'PONG' ? true : 'no PONG'), 30_000);
    await (client as Redis).call('DEBUG', 'POPULATE', '300', 'k');
  });
  after(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('waits for the reconnect instead of failing (ioredis refuses commands at once while it reconnects), and loses no key', async () => {
    const scanner = new KeyspaceScanner(client, { count: 100 });
    const names = new Set<string>();
    // The client drops its socket and reconnects: the next SCAN is sent while it is not writable.
    const closed = new Promise((resolve) => client.once('close', resolve));
    (client as Redis).disconnect(true);
    await closed;
    assert.notEqual(client.status, 'ready', 'the scan starts while the client reconnects');
    for (let page = await scanner.nextPage(); ; page = await scanner.nextPage()) {
      for (const key of page.keys) names.add(key.toString());
      if (page.done) break;
    }
    assert.equal(names.size, 300);
  });
});
