import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { deleteHashFields, setHashField } from '../../../src/core/redis/values/types/hashValue';
import { deleteKeys, duplicateKey, persistKey, renameKey, setKeyTtl } from '../../../src/core/redis/values/keyOperations';
import { pushListElements, removeListElementAt, removeListValue, setListElement } from '../../../src/core/redis/values/types/listValue';
import { createKey } from '../../../src/core/redis/values/newKey';
import { elementDigest } from '../../../src/core/redis/values/pageItems';
import { addSetMembers, removeSetMembers } from '../../../src/core/redis/values/types/setValue';
import { addStreamEntry, deleteStreamEntries } from '../../../src/core/redis/values/types/streamValue';
import { readString, saveString } from '../../../src/core/redis/values/types/stringValue';
import { ConflictError, KeyExistsError, KeyNotFoundError, ListElementChangedError, ScriptingDeniedError } from '../../../src/core/redis/values/valueErrors';
import { removeZsetMembers, setZsetMember } from '../../../src/core/redis/values/types/zsetValue';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

const k = (text: string): Buffer => Buffer.concat([Buffer.from([0x00, 0xff, 0x20]), Buffer.from(text)]);
const b = (value: string | number[]): Buffer => (typeof value === 'string' ? Buffer.from(value) : Buffer.from(value));

describe('editing values and keys (standalone fixture, binary key names)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(() => admin.flushall());
  after(async () => {
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  describe('string save', () => {
    it('keeps the TTL (SET … KEEPTTL)', async () => {
      await admin.set(k('s'), 'old', 'EX', 1000);
      const opened = await readString(client, k('s'));
      await saveString(client, k('s'), b('new'), { original: opened.bytes }, ok);
      assert.equal(await admin.get(k('s')), 'new');
      const ttl = await admin.ttl(k('s'));
      assert.ok(ttl > 990 && ttl <= 1000, `ttl ${ttl}`);
    });

    it('detects a change made on the server since the value was opened, then overwrites when forced', async () => {
      await admin.set(k('s'), 'old', 'EX', 1000);
      const opened = await readString(client, k('s'));
      await admin.set(k('s'), 'theirs', 'KEEPTTL');
      const conflict = await saveString(client, k('s'), b('mine'), { original: opened.bytes }, ok).catch((e: unknown) => e);
      assert.ok(conflict instanceof ConflictError);
      assert.equal(conflict.reason, 'changed');
      assert.equal(await admin.get(k('s')), 'theirs');
      await saveString(client, k('s'), b('mine'), { original: opened.bytes, force: true }, ok);
      assert.equal(await admin.get(k('s')), 'mine');
      assert.ok((await admin.ttl(k('s'))) > 990);
    });

    it('detects deletion, creation and a type change', async () => {
      await admin.set(k('s'), 'v');
      const opened = await readString(client, k('s'));
      await admin.del(k('s'));
      await assert.rejects(saveString(client, k('s'), b('x'), { original: opened.bytes }, ok), (e: ConflictError) => e.reason === 'deleted');
      await admin.set(k('s'), 'appeared');
      await assert.rejects(saveString(client, k('s'), b('x'), { original: null }, ok), (e: ConflictError) => e.reason === 'created');
      await admin.del(k('s'));
      await admin.rpush(k('s'), 'x');
      await assert.rejects(saveString(client, k('s'), b('x'), { original: opened.bytes }, ok), (e: ConflictError) => e.reason === 'type');
      await admin.del(k('s'));
      await saveString(client, k('s'), b('fresh'), { original: null }, ok);
      assert.equal(await admin.get(k('s')), 'fresh');
    });

    it('saves binary values byte for byte', async () => {
      await admin.set(k('s'), b([1, 2]));
      const value = b([0x00, 0xff, 0x0d, 0x0a]);
      await saveString(client, k('s'), value, { original: b([1, 2]) }, ok);
      assert.deepEqual(await admin.getBuffer(k('s')), value);
    });
  });

  it('sets and deletes hash fields', async () => {
    assert.equal(await setHashField(client, k('h'), k('f'), b('1'), ok), true);
    assert.equal(await setHashField(client, k('h'), k('f'), b('2'), ok), false);
    assert.equal(await setHashField(client, k('h'), k('f'), b('3'), ok, true), false);
    assert.equal(await admin.hget(k('h'), k('f')), '2');
    await setHashField(client, k('h'), b('g'), b('x'), ok);
    assert.equal(await deleteHashFields(client, k('h'), [k('f'), b('nope')], ok), 1);
    assert.deepEqual(await admin.hkeys(k('h')), ['g']);
  });

  it('edits list elements: set, push at both ends, remove by value and by index', async () => {
    await admin.rpush(k('l'), 'a', 'b', 'c', 'b');
    await setListElement(client, k('l'), 0, b('A'), ok, elementDigest(b('a')));
    assert.equal(await pushListElements(client, k('l'), [b('head')], 'head', ok), 5);
    assert.equal(await pushListElements(client, k('l'), [b('tail')], 'tail', ok), 6);
    assert.equal(await removeListValue(client, k('l'), b('b'), ok), 1);
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['head', 'A', 'c', 'b', 'tail']);
    await removeListElementAt(client, k('l'), 3, ok, elementDigest(b('b')));
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['head', 'A', 'c', 'tail']);
    await assert.rejects(removeListElementAt(client, k('l'), 0, ok, elementDigest(b('not-head'))), ListElementChangedError);
    await removeListElementAt(client, k('l'), -1, ok);
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['head', 'A', 'c']);
  });

  it('refuses to set a list element by index when a push or pop moved another element there, and says why', async () => {
    await admin.rpush(k('l'), 'a', 'b', 'c');
    const shown = elementDigest(b('b'));
    await admin.lpush(k('l'), 'pushed');
    const moved = await setListElement(client, k('l'), 1, b('B'), ok, shown).catch((e: unknown) => e);
    assert.ok(moved instanceof ListElementChangedError, `refused: ${String(moved)}`);
    assert.equal(moved.reason, 'changed');
    assert.match(moved.message, /Element 1 of .* is no longer the one shown .* nothing was written/);
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['pushed', 'a', 'b', 'c']);

    await admin.rpop(k('l'), 3);
    const popped = await setListElement(client, k('l'), 1, b('B'), ok, shown).catch((e: unknown) => e);
    assert.ok(popped instanceof ListElementChangedError && popped.reason === 'gone', `refused: ${String(popped)}`);
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['pushed']);

    await setListElement(client, k('l'), 0, b('kept'), ok, elementDigest(b('pushed')));
    assert.deepEqual(await admin.lrange(k('l'), 0, -1), ['kept']);
  });

  it('refuses, rather than writes unchecked, when the ACL denies scripting', async () => {
    const acl = await startStandalone({ users: [{ name: 'noscript', password: 'pw', rules: '~* &* +@all -@scripting' }] });
    const restricted = createRedisClient(configFor(acl, { username: 'noscript' }), { password: 'pw' });
    const owner = new Redis({ port: acl.port });
    try {
      await owner.rpush('l', 'a', 'b');
      const refused = await setListElement(restricted, b('l'), 1, b('B'), ok, elementDigest(b('b'))).catch((e: unknown) => e);
      assert.ok(refused instanceof ScriptingDeniedError, `refused: ${String(refused)}`);
      assert.match(refused.message, /may not run scripts .* nothing was written/);
      await assert.rejects(removeListElementAt(restricted, b('l'), 1, ok, elementDigest(b('b'))), ScriptingDeniedError);
      assert.deepEqual(await owner.lrange('l', 0, -1), ['a', 'b']);
    } finally {
      restricted.disconnect();
      owner.disconnect();
      await acl.stop();
    }
  });

  it('edits sets, sorted sets and streams', async () => {
    assert.equal(await addSetMembers(client, k('set'), [b('a'), b('b'), b('a')], ok), 2);
    assert.equal(await removeSetMembers(client, k('set'), [b('a')], ok), 1);
    assert.deepEqual(await admin.smembers(k('set')), ['b']);

    assert.equal(await setZsetMember(client, k('z'), b('m'), 1, ok, 'add'), true);
    assert.equal(await setZsetMember(client, k('z'), b('m'), 5, ok, 'add'), false);
    assert.equal(await setZsetMember(client, k('z'), b('m'), '2.5', ok, 'update'), true);
    assert.equal(await setZsetMember(client, k('z'), b('other'), 1, ok, 'update'), false);
    assert.equal(await admin.zscore(k('z'), 'm'), '2.5');
    assert.equal(await admin.zscore(k('z'), 'other'), null);
    await assert.rejects(setZsetMember(client, k('z'), b('m'), 'abc', ok), /not a score/);
    assert.equal(await removeZsetMembers(client, k('z'), [b('m')], ok), 1);

    const id = await addStreamEntry(client, k('x'), [[b('f'), b('v')]], ok);
    await addStreamEntry(client, k('x'), [[b('f'), b('w')]], ok, '9999999999999-0');
    assert.equal(await deleteStreamEntries(client, k('x'), [id], ok), 1);
    assert.deepEqual((await admin.xrange(k('x'), '-', '+')).map(([entryId]) => entryId), ['9999999999999-0']);
  });

  describe('key operations', () => {
    it('renames without overwriting unless confirmed', async () => {
      await admin.set(k('a'), '1');
      await admin.set(k('b'), '2');
      await assert.rejects(renameKey(client, k('a'), k('b'), ok), KeyExistsError);
      assert.equal(await admin.get(k('b')), '2');
      await renameKey(client, k('a'), k('b'), ok, true);
      assert.equal(await admin.get(k('b')), '1');
      await renameKey(client, k('b'), k('c'), ok);
      assert.equal(await admin.get(k('c')), '1');
      await assert.rejects(renameKey(client, k('gone'), k('d'), ok), KeyNotFoundError);
    });

    it('deletes with UNLINK, sets and removes TTLs', async () => {
      await admin.set(k('a'), '1');
      await admin.set(k('b'), '1');
      assert.equal(await deleteKeys(client, [k('a'), k('b'), k('none')], ok), 2);
      await admin.set(k('t'), '1');
      await setKeyTtl(client, k('t'), { seconds: 100 }, ok);
      assert.ok((await admin.ttl(k('t'))) > 90);
      await setKeyTtl(client, k('t'), { milliseconds: 5000 }, ok);
      assert.ok((await admin.pttl(k('t'))) <= 5000);
      assert.equal(await persistKey(client, k('t'), ok), true);
      assert.equal(await admin.ttl(k('t')), -1);
      assert.equal(await persistKey(client, k('t'), ok), false);
      await assert.rejects(setKeyTtl(client, k('none'), { seconds: 5 }, ok), KeyNotFoundError);
      await assert.rejects(setKeyTtl(client, k('t'), { seconds: 0 }, ok), RangeError);
      await assert.rejects(persistKey(client, k('none'), ok), KeyNotFoundError);
    });

    it('duplicates a key with its TTL, asking before replacing', async () => {
      await admin.hset(k('src'), 'f', 'v');
      await admin.expire(k('src'), 500);
      await duplicateKey(client, k('src'), k('copy'), ok);
      assert.deepEqual(await admin.hgetall(k('copy')), { f: 'v' });
      assert.ok((await admin.ttl(k('copy'))) > 490);
      await assert.rejects(duplicateKey(client, k('src'), k('copy'), ok), KeyExistsError);
      await admin.hset(k('src'), 'f', 'changed');
      await duplicateKey(client, k('src'), k('copy'), ok, true);
      assert.equal(await admin.hget(k('copy'), 'f'), 'changed');
      await assert.rejects(duplicateKey(client, k('none'), k('x'), ok), KeyNotFoundError);
    });

    it('creates a key of each type with a TTL, never over an existing key', async () => {
      const values = [
        { type: 'string', value: b('v') },
        { type: 'hash', fields: [[b('f'), b('v')]] },
        { type: 'list', items: [b('a'), b('b')] },
        { type: 'set', members: [b('m')] },
        { type: 'zset', members: [{ member: b('m'), score: '1.5' }] },
        { type: 'stream', fields: [[b('f'), b('v')]] },
      ] as const;
      for (const value of values) {
        const key = k(`new:${value.type}`);
        await createKey(client, key, value as Parameters<typeof createKey>[2], ok, 600);
        assert.equal(await admin.type(key), value.type);
        const ttl = await admin.ttl(key);
        assert.ok(ttl > 590 && ttl <= 600, `${value.type} ttl ${ttl}`);
        await assert.rejects(createKey(client, key, value as Parameters<typeof createKey>[2], ok), KeyExistsError);
      }
      await createKey(client, k('forever'), { type: 'set', members: [b('m')] }, ok);
      assert.equal(await admin.ttl(k('forever')), -1);
      await assert.rejects(createKey(client, k('empty'), { type: 'list', items: [] }, ok), /at least one element/);
    });
  });
});
