import assert from 'node:assert/strict';
import type Redis from 'ioredis';
import { BulkDeleteError, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { connectWithin, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeConnectionError } from '../../../src/core/redis/connection/connectionErrors';
import { saveString } from '../../../src/core/redis/values/types/stringValue';
import { ConflictError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites } from '../../../src/core/redis/safety/writeGuard';
import { startSentinel, type SentinelFixture } from '../../fixtures/redis';
import { adminCommand } from '../../fixtures/redis/admin';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from '../keys/connectionConfigs';
import { connectedServer } from '../../../src/core/redis/cluster/clusterRouting';
import { injectFault } from './faultLedger';
import { freeze, settleWithin, thaw } from './faultTools';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };

describe('faults: Sentinel failover in the middle of writes', () => {
  let sentinel: SentinelFixture;
  let client: RedisClient;
  const redis = (): Redis => client as Redis;

  before(async () => {
    sentinel = await startSentinel();
    const config = configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: sentinel.masterName, sentinels: sentinel.sentinels, connectTimeoutMs: 500 });
    client = createRedisClient(config, {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    client.on('error', () => undefined);
    await client.connect();
  });
  after(async () => {
    client?.disconnect();
    await sentinel?.stop();
  });

  /** Waits until the client writes to the current master. */
  const followed = (): Promise<void> =>
    waitFor('the client to write to the new master', async () => {
      await redis().set('failover:probe', '1');
      return true;
    }, 30_000, 100);

  it('bulk delete: nothing outside the pattern is deleted, nothing counted twice, and a second run finishes the job', async () => {
    const fault = injectFault('bulk', 'Sentinel failover');
    const matching = 12_000;
    for (let start = 0; start < matching; start += 2000) await redis().mset(Array.from({ length: 2000 }, (_, i) => [`del:${start + i}`, 'v']).flat());
    await redis().mset(Array.from({ length: 500 }, (_, i) => [`keep:${i}`, 'v']).flat());
    await redis().call('WAIT', '1', '5000');

    let reported = 0;
    const deletion = deleteMatchingKeys(client, 'del:*', allowAllWrites, { scanCount: 5 }).then(
      (result) => (reported += result.deleted),
      (error: unknown) => {
        // Refused with the reason, and with what was done until then.
        assert.ok(error instanceof BulkDeleteError, String(error));
        assert.ok(error.message.length > 20);
        reported += error.deleted;
      },
    );
    const newMaster = await sentinel.failover();
    await deletion;
    await followed();
    const second = await deleteMatchingKeys(client, 'del:*', allowAllWrites);
    reported += second.deleted;

    const onMaster = (pattern: string): Promise<number> => adminCommand(newMaster, ['EVAL', `return #redis.call('KEYS', ARGV[1])`, '0', pattern]) as Promise<number>;
    assert.equal(await onMaster('del:*'), 0);
    assert.equal(await onMaster('keep:*'), 500);
    // UNLINK counts only keys that existed: more would mean a key counted twice.
    assert.ok(reported <= matching, `reported ${reported} deletions of ${matching} keys`);
    fault.survived();
  });

  it('key editor: each save during the failover is applied once or refused with its reason', async () => {
    const fault = injectFault('editor', 'Sentinel failover');
    const key = Buffer.from('edited');
    await redis().set(key, 'v0');
    await redis().call('WAIT', '1', '5000');
    // The last save that resolved, and the refused ones since: a refused save may or may not have landed.
    let acknowledged = 'v0';
    let refusedSince = new Set<string>();
    let original = 'v0';
    let attempt = 0;
    const reasons: string[] = [];
    const trace: string[] = [];
    // Saves go to the master being replaced, until the client has moved to the new one.
    const oldMaster = connectedServer(client as Redis);
    const failover = sentinel.failover();
    while (connectedServer(client as Redis) === oldMaster || attempt < 5) {
      const next = `v${++attempt}`;
      try {
        await saveString(client, key, Buffer.from(next), { original: Buffer.from(original) }, allowAllWrites);
        acknowledged = original = next;
        refusedSince = new Set();
        trace.push(`${next}@${connectedServer(client as Redis)}`);
      } catch (error) {
        reasons.push(error instanceof ConflictError ? error.message : describeConnectionError(error).message);
        refusedSince.add(next);
        trace.push(`${next}!${connectedServer(client as Redis)}:${(error as Error).message.slice(0, 40)}`);
        original = (await redis().get(key).catch(() => null)) ?? original;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await failover;
    await followed();
    const final = (await redis().get(key)) as string;
    // A confirmed save never comes undone; only a refused one may have landed.
    assert.ok(final === acknowledged || refusedSince.has(final), `the server holds ${final}; the last confirmed save was ${acknowledged}: ${trace.slice(-6).join(' ')}`);
    assert.ok(reasons.length > 0, 'no save was refused during the failover');
    for (const reason of reasons) assert.match(reason, /\w{3,}.*\w{3,}/);
    fault.survived();
  });
  it('a frozen sentinel is skipped: a new connection asks the next one within the deadline', async () => {
    const fault = injectFault('tree', 'SIGSTOP sentinel');
    const frozen = { pid: sentinel.pidOf(sentinel.sentinels[0]) };
    const config = configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: sentinel.masterName, sentinels: sentinel.sentinels, connectTimeoutMs: 500 });
    const fresh = createRedisClient(config, {}, { lazyConnect: true, deadlines: DEADLINES });
    fresh.on('error', () => undefined);
    freeze(frozen);
    try {
      const connected = await settleWithin(connectWithin(fresh, handshakeDeadlineMs(config, DEADLINES) * 3), 10_000);
      assert.equal(connected.state, 'fulfilled', connected.state === 'rejected' ? connected.error.message : 'connecting hung on a frozen sentinel');
      assert.equal(await (fresh as Redis).ping(), 'PONG');
    } finally {
      thaw(frozen);
      fresh.disconnect();
    }
    fault.survived();
  });
});
