import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keyId } from '../../../src/core/redis/keyspace/keyName';
import { elementDigest } from '../../../src/core/redis/values/pageItems';
import { pushListElements, readListElement, readListWindow, removeListElementAt, setListElement } from '../../../src/core/redis/values/types/listValue';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { ItemGoneError, KeyNotFoundError, ListElementChangedError, ScriptingDeniedError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * Lists, stated against a model on a real server: every window (head or tail, any offset and
 * count) is the model's slice with the right start index; an element is read, set or removed only
 * while it is still the one shown, and each write asks the guard for every command it sends.
 */
const b = (s: string): Buffer => Buffer.from(s);
const text = (value: string) => ({ text: value, mode: 'text' as const });

describe('list windows and edits (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const key = b('l');
  before(async () => {
    server = await startStandalone({ users: [{ name: 'otherkeys', password: 'pw', rules: '~other:* &* +@all' }] });
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(() => admin.flushall());
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('every window, from the head or the tail, is the model’s slice and says where it starts', async () => {
    for (const length of [0, 1, 5, 12]) {
      await admin.del('l');
      const model = Array.from({ length }, (_, i) => `e${i}`);
      if (length > 0) await admin.rpush('l', ...model);
      for (const fromTail of [false, true]) {
        for (let offset = 0; offset <= length + 1; offset++) {
          for (const count of [1, 3, 5, 20]) {
            const window = await readListWindow(client, key, { offset, count, fromTail });
            const start = fromTail ? Math.max(0, length - offset - count) : Math.min(offset, length);
            const end = fromTail ? Math.max(0, length - offset) : Math.min(length, offset + count);
            const what = `length ${length}, ${fromTail ? 'tail' : 'head'} offset ${offset} count ${count}`;
            assert.equal(window.length, length, what);
            assert.equal(window.start, start, what);
            assert.deepEqual(window.items.map(String), model.slice(start, end), what);
          }
        }
      }
    }
  });

  it('a window of a key that is not a list fails with the server’s error', async () => {
    await admin.set('l', 'a string');
    await assert.rejects(readListWindow(client, key), /WRONGTYPE/);
  });

  it('an element is read only while it is the one shown', async () => {
    await admin.rpush('l', 'a', 'b', 'c');
    assert.equal(String(await readListElement(client, key, 1, elementDigest(b('b')))), 'b');
    await assert.rejects(readListElement(client, key, 1, elementDigest(b('a'))), (e: unknown) => e instanceof ItemGoneError && /^Element 1 of l is no longer the one shown/.test(e.message));
    await assert.rejects(readListElement(client, key, 7, elementDigest(b('b'))), ItemGoneError);
  });

  it('set and remove by index only while the element is the one shown; each reason is told apart', async () => {
    const reasonOf = async (run: Promise<unknown>): Promise<string> => {
      const error = await run.then(() => 'ok', (e: unknown) => e);
      if (error === 'ok') return 'ok';
      if (error instanceof ListElementChangedError) return error.reason;
      if (error instanceof KeyNotFoundError) return 'key gone';
      throw error;
    };
    await admin.rpush('l', 'a', 'b', 'c');
    assert.equal(await reasonOf(setListElement(client, key, 1, b('B'), ok, elementDigest(b('a')))), 'changed');
    assert.equal(await reasonOf(setListElement(client, key, 9, b('B'), ok, elementDigest(b('a')))), 'gone');
    assert.equal(await reasonOf(removeListElementAt(client, key, 1, ok, elementDigest(b('c')))), 'changed');
    assert.equal(await reasonOf(removeListElementAt(client, key, 9, ok, elementDigest(b('c')))), 'gone');
    assert.equal(await reasonOf(removeListElementAt(client, key, 9, ok)), 'key gone');
    assert.deepEqual(await admin.lrange('l', 0, -1), ['a', 'b', 'c']);
    assert.equal(await reasonOf(setListElement(client, key, 1, b('B'), ok, elementDigest(b('b')))), 'ok');
    assert.equal(await reasonOf(removeListElementAt(client, key, 0, ok, elementDigest(b('a')))), 'ok');
    assert.deepEqual(await admin.lrange('l', 0, -1), ['B', 'c']);
  });

  it('removing by index takes exactly that element, even when equal or empty elements come before it', async () => {
    await admin.rpush('l', '', 'x', '', 'x', 'y');
    await removeListElementAt(client, key, 3, ok);
    assert.deepEqual(await admin.lrange('l', 0, -1), ['', 'x', '', 'y']);
    await removeListElementAt(client, key, 2, ok, elementDigest(b('')));
    assert.deepEqual(await admin.lrange('l', 0, -1), ['', 'x', 'y']);
  });

  it('each write asks the guard for every command it sends, before sending it', async () => {
    await admin.rpush('l', 'a', 'b');
    const asked: string[] = [];
    const refuseAll = (command: string): void => {
      asked.push(command);
      throw new Error(`refused ${command}`);
    };
    await assert.rejects(setListElement(client, key, 0, b('A'), refuseAll, elementDigest(b('a'))), /refused LSET/);
    await assert.rejects(removeListElementAt(client, key, 0, refuseAll), /refused LSET/);
    await assert.rejects(pushListElements(client, key, [b('z')], 'head', refuseAll), /refused LPUSH/);
    await assert.rejects(pushListElements(client, key, [b('z')], 'tail', refuseAll), /refused RPUSH/);
    const recorded: string[] = [];
    await removeListElementAt(client, key, 0, (command) => void recorded.push(command));
    assert.deepEqual(asked, ['LSET', 'LSET', 'LPUSH', 'RPUSH']);
    assert.deepEqual(recorded, ['LSET', 'LREM']);
    assert.deepEqual(await admin.lrange('l', 0, -1), ['b']);
  });

  it('pushing nothing leaves the list and returns its length', async () => {
    await admin.rpush('l', 'a', 'b');
    assert.equal(await pushListElements(client, key, [], 'head', ok), 2);
    assert.deepEqual(await admin.lrange('l', 0, -1), ['a', 'b']);
  });

  it('a refusal that is not about scripting (a key the ACL hides) is passed on as is', async () => {
    const restricted = createRedisClient(configFor(server, { username: 'otherkeys' }), { password: 'pw' });
    try {
      // The client queues nothing while it connects: wait until it is ready.
      if (restricted.status !== 'ready') await new Promise((resolve) => restricted.once('ready', resolve));
      await admin.rpush('l', 'a');
      const error = await setListElement(restricted, key, 0, b('A'), ok, elementDigest(b('a'))).catch((e: unknown) => e);
      assert.ok(!(error instanceof ScriptingDeniedError) && /NOPERM/.test(String(error)), String(error));
    } finally {
      restricted.disconnect();
    }
  });

  it('the key editor’s list edits say what they did', async () => {
    await admin.rpush('l', 'a', 'b');
    const id = (value: string): string => keyId(b(value));
    assert.equal(await applyValueEdit(client, key, { op: 'listSet', index: 1, value: text('B'), expected: id('b') }, ok), 'Element 1 saved.');
    assert.equal(await applyValueEdit(client, key, { op: 'listPush', value: text('z'), end: 'tail' }, ok), 'Element added at the tail.');
    assert.equal(await applyValueEdit(client, key, { op: 'listRemove', index: 0, expected: id('a') }, ok), 'Element 0 removed.');
    assert.deepEqual(await admin.lrange('l', 0, -1), ['B', 'z']);
  });
});
