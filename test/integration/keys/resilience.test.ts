import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { KeyspaceScanError, KeyspaceScanner } from '../../../src/core/redis/keyspace/keyspaceScanner';
import { Cluster } from 'ioredis';
import { startCluster, startSentinel, startStandalone, type ClusterFixture, type RedisFixture, type SentinelFixture } from '../../fixtures/redis';
import { adminCommand } from '../../fixtures/redis/admin';
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

    it('starts a scan over when a failover moved it to another master, and says so', async () => {
      await untilReady(client, 'the sentinel client to connect');
      // Real writes: DEBUG POPULATE is not replicated.
      await (client as Redis).mset(Array.from({ length: 2000 }, (_, i) => [`many:${i}`, 'v']).flat());
      await (client as Redis).call('WAIT', '1', '5000');
      const total = await (client as Redis).dbsize();
      const browser = new KeyspaceBrowser(client, { delimiter: ':', count: 100 });
      const first = await browser.loadMore(root);
      assert.equal(first.complete, false);
      const newMaster = await sentinel.failover();
      await waitFor('the client to follow the failover', async () => {
        const port = Number((await (client as Redis).info('server')).match(/tcp_port:(\d+)/)?.[1]);
        return port === newMaster.port ? true : `client on ${port}`;
      }, 30_000, 200);
      const rest = await browser.loadMore(root, { minNewKeys: Number.MAX_SAFE_INTEGER });
      assert.match(rest.restarted ?? '', new RegExp(`started over on 127\\.0\\.0\\.1:${newMaster.port}: the master changed`));
      assert.equal(rest.complete, true);
      assert.equal(browser.level(root).keyCount, total);
    });
  });

  describe('a Cluster whose master fails over in the middle of a scan', () => {
    let cluster: ClusterFixture;
    let client: RedisClient;
    before(async () => {
      cluster = await startCluster({ masters: 3, replicasPerMaster: 1 });
      const seeder = new Cluster(cluster.masters);
      for (let tag = 0; tag < 60; tag++) await seeder.mset(Array.from({ length: 50 }, (_, i) => [`topo:{${tag}}:${i}`, 'v']).flat());
      seeder.disconnect();
      client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters }), {}, { reconnect: true, lazyConnect: true });
      client.on('error', () => undefined);
      await client.connect();
    });
    after(async () => {
      client?.disconnect();
      await cluster?.stop();
    });

    it('re-reads the masters before each round trip: the promoted replica is scanned, the dead master dropped', async () => {
      const scanner = new KeyspaceScanner(client, { count: 50, match: 'topo:*' });
      const seen = new Set<string>();
      for (const key of (await scanner.nextPage()).keys) seen.add(key.toString());
      const [oldMaster, replica] = [cluster.masters[1], cluster.replicas[1]];
      await adminCommand(replica, ['CLUSTER', 'FAILOVER', 'TAKEOVER']);
      await waitFor('the replica to take over', async () => (((await adminCommand(replica, ['ROLE'])) as unknown[])[0] === 'master' ? true : 'still a replica'), 10_000);
      process.kill(cluster.pidOf(oldMaster), 'SIGKILL');
      await waitFor('the client to see the new master', async () => {
        await new Promise<void>((resolve) => (client as Cluster).refreshSlotsCache(() => resolve()));
        return (client as Cluster).nodes('master').some((n) => n.options.port === replica.port) ? true : 'not yet';
      }, 10_000, 200);
      let restarted = '';
      while (!scanner.done) {
        const page = await scanner.nextPage();
        restarted ||= page.restarted ?? '';
        for (const key of page.keys) seen.add(key.toString());
      }
      assert.equal(seen.size, 3000);
      assert.match(restarted, new RegExp(`${replica.port} is scanned from the start`));
    });
  });
});
