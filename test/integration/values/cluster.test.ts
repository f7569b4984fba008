import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { nodeForKey } from '../../../src/core/redis/cluster/clusterRouting';
import { keySlot } from '../../../src/core/redis/keyspace/keySlot';
import { readKeyHeader } from '../../../src/core/redis/values/keyHeader';
import { deleteKeys, duplicateKey, renameKey } from '../../../src/core/redis/values/keyOperations';
import { createKey } from '../../../src/core/redis/values/newKey';
import { readConsumerGroups, readStreamSummary } from '../../../src/core/redis/values/types/streamValue';
import { readString, saveString } from '../../../src/core/redis/values/types/stringValue';
import { CrossSlotError, KeyExistsError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startCluster, type ClusterFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

describe('values on a Redis Cluster (3 masters)', () => {
  let cluster: ClusterFixture;
  let client: RedisClient;
  let admin: Cluster;
  before(async () => {
    cluster = await startCluster({ masters: 3 });
    // Reconnecting, as the editor's clients do (a first slot refresh may need retries on a loaded machine),
    // and ready before the tests send anything (a Cluster client queues nothing while it connects).
    client = createRedisClient(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters }), {}, { reconnect: true });
    if ((client as Cluster).status !== 'ready') await once(client, 'ready');
    admin = new Cluster(cluster.masters);
  });
  after(async () => {
    client.disconnect();
    admin.disconnect();
    await cluster.stop();
  });

  it('computes the same slot as CLUSTER KEYSLOT for binary keys', async () => {
    const probe = new Redis(cluster.masters[0]);
    try {
      for (let i = 0; i < 200; i++) {
        const key = randomBytes(1 + (i % 20));
        if (i % 3 === 0) key[0] = 0x7b; // some start with "{"
        assert.equal(keySlot(key), Number(await probe.call('CLUSTER', 'KEYSLOT', key)), key.toString('hex'));
      }
    } finally {
      probe.disconnect();
    }
  });

  it('reads headers and stream info from the node that owns the key', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => Buffer.from(`stream:${name}`));
    for (const key of keys) {
      await admin.xadd(key, '*', 'f', 'v');
      await admin.xgroup('CREATE', key, 'g', '0');
      const header = await readKeyHeader(client, key);
      assert.deepEqual([header.type, header.size, header.encoding], ['stream', 1, 'stream']);
      assert.equal((await readStreamSummary(client, key)).length, 1);
      assert.equal((await readConsumerGroups(client, key))[0].name.toString(), 'g');
      const owner = await nodeForKey(client, key);
      assert.equal(await owner.exists(key), 1);
    }
  });

  it('reads and saves strings (MULTI and scripts on the key slot)', async () => {
    await admin.set('str:{x}', 'old', 'EX', 100);
    const value = await readString(client, Buffer.from('str:{x}'));
    await saveString(client, Buffer.from('str:{x}'), Buffer.from('new'), { original: value.bytes }, ok);
    assert.equal(await admin.get('str:{x}'), 'new');
    assert.ok((await admin.ttl('str:{x}')) > 90);
  });

  it('renames within a slot and explains cross-slot renames', async () => {
    await admin.set('user:{7}:a', '1');
    await renameKey(client, Buffer.from('user:{7}:a'), Buffer.from('user:{7}:b'), ok);
    assert.equal(await admin.get('user:{7}:b'), '1');
    assert.notEqual(keySlot('user:{7}:b'), keySlot('elsewhere'));
    await assert.rejects(renameKey(client, Buffer.from('user:{7}:b'), Buffer.from('elsewhere'), ok), CrossSlotError);
  });

  it('duplicates across slots with DUMP/RESTORE, keeping the TTL', async () => {
    await admin.hset('src', 'f', 'v');
    await admin.expire('src', 300);
    const target = ['copy1', 'copy2', 'copy3'].find((name) => keySlot(name) !== keySlot('src')) as string;
    await duplicateKey(client, Buffer.from('src'), Buffer.from(target), ok);
    assert.deepEqual(await admin.hgetall(target), { f: 'v' });
    assert.ok((await admin.ttl(target)) > 290);
    await assert.rejects(duplicateKey(client, Buffer.from('src'), Buffer.from(target), ok), KeyExistsError);
    // Same slot ({src} hashes like src): COPY.
    await duplicateKey(client, Buffer.from('src'), Buffer.from('{src}:copy'), ok);
    assert.deepEqual(await admin.hgetall('{src}:copy'), { f: 'v' });
  });

  it('creates keys with TTL and deletes keys spread over slots', async () => {
    const names = ['n1', 'n2', 'n3', 'n4'].map((n) => Buffer.from(n));
    for (const name of names) await createKey(client, name, { type: 'list', items: [Buffer.from('x')] }, ok, 60);
    assert.ok((await admin.ttl('n3')) > 50);
    assert.equal(await deleteKeys(client, [...names, Buffer.from('missing')], ok), 4);
  });
});
