import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/clientFactory';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspaceBrowser';
import { KeyspaceScanError } from '../../../src/core/redis/keyspaceScanner';
import { startSentinel, startStandalone, type RedisFixture, type SentinelFixture } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from './connectionConfigs';

const root = Buffer.alloc(0);

/** Waits until a reconnecting client is usable again (commands fail fast while it is not). */
async function untilReady(client: RedisClient, what: string): Promise<void> {
  await waitFor(what, async () => ((await (client as Redis).ping()) === 'PONG' ? true : 'no PONG'), 30_000);
}

describe('key browsing when servers fail (fixture servers)', () => {
  describe('a server killed in the middle of a scan', () => {
    let server: RedisFixture;
    let restarted: ChildProcess | undefined;
    let client: RedisClient;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

    before(async () => {
      process.on('unhandledRejection', onUnhandled);
      server = await startStandalone();
      client = createRedisClient(configFor(server), {}, { reconnect: true });
      // The tree's live connection always has an error listener (ioredis would print every reconnect failure otherwise).
      client.on('error', () => undefined);
      await untilReady(client, 'the client to connect');
      await (client as Redis).call('DEBUG', 'POPULATE', '50000', 'k');
    });
    after(async () => {
      process.off('unhandledRejection', onUnhandled);
      client?.disconnect();
      if (restarted && restarted.exitCode === null) {
        restarted.kill('SIGKILL');
        await new Promise((resolve) => restarted?.once('exit', resolve));
      }
      await server?.stop();
    });

    it('rejects the scan with a clear message, leaves no unhandled rejection, and scans again after a restart', async () => {
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 100 });
      const first = await browser.loadMore(root);
      assert.equal(first.complete, false);
      process.kill(server.pid, 'SIGKILL');
      await assert.rejects(
        browser.loadMore(root, { minNewKeys: Number.MAX_SAFE_INTEGER }),
        (error: unknown) => error instanceof KeyspaceScanError && new RegExp(`on ${server.host}:${server.port} failed: The connection to ${server.host}:${server.port} was lost`).test(error.message),
      );
      // The prefetched SCAN that died with the server must not surface later as an unhandled rejection.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(unhandled, []);

      // Same port, same config file: the client reconnects by itself.
      restarted = spawn('redis-server', [join(server.dir, 'redis.conf')], { stdio: 'ignore' });
      await untilReady(client, 'the client to reconnect to the restarted server');
      await (client as Redis).call('DEBUG', 'POPULATE', '1000', 'again');
      const refreshed = new KeyspaceBrowser(client, { delimiter: ':', count: 100 });
      const result = await refreshed.loadMore(root, { minNewKeys: Number.MAX_SAFE_INTEGER });
      assert.equal(result.complete, true);
      assert.equal(refreshed.level(root).keyCount, 1000);
      assert.deepEqual(unhandled, []);
    });
  });

  describe('a Sentinel failover', () => {
    let sentinel: SentinelFixture;
    let client: RedisClient;
    before(async () => {
      sentinel = await startSentinel();
      const config = configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: sentinel.masterName, sentinels: sentinel.sentinels });
      client = createRedisClient(config, {}, { reconnect: true });
      client.on('error', () => undefined);
    });
    after(async () => {
      client?.disconnect();
      await sentinel?.stop();
    });

    it('is followed by a reconnecting client, which then browses and writes on the new master', async () => {
      await untilReady(client, 'the sentinel client to connect');
      await (client as Redis).set('failover:before', '1');
      const newMaster = await sentinel.failover();
      await waitFor('the client to write to the new master', async () => {
        await (client as Redis).set('failover:after', '2');
        const role = await (client as Redis).role();
        return role[0] === 'master' ? true : `client is on a ${String(role[0])}`;
      }, 30_000, 200);
      const port = Number((await (client as Redis).info('server')).match(/tcp_port:(\d+)/)?.[1]);
      assert.equal(port, newMaster.port);
      const browser = new KeyspaceBrowser(client, { delimiter: ':' });
      await browser.loadMore(root, { minNewKeys: Number.MAX_SAFE_INTEGER });
      assert.deepEqual(browser.level(Buffer.from('failover:')).leaves.map((l) => l.name.toString()), ['after', 'before']);
    });
  });
});
