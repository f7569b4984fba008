import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keyId } from '../../../src/core/redis/keyspace/keyName';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { KeyNotFoundError, ValueEditError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok, ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * The key editor's hash edits, as the page sends them (ids of what it showed), stated over every
 * case: add a new field, add one whose name exists, save a field, rename it to a free name or onto
 * another field, delete one that is there or already gone, on a key deleted meanwhile, and on a
 * read-only connection. After each, the hash on the server is what the user asked for, or unchanged
 * with a message saying why.
 */
const text = (value: string) => ({ text: value, mode: 'text' as const });
const id = (value: string): string => keyId(Buffer.from(value));

describe('hash edits from the key editor (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const key = Buffer.from('h');
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(async () => {
    await admin.flushall();
    await admin.hset('h', 'a', '1', 'b', '2');
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  const cases: { name: string; edit: Parameters<typeof applyValueEdit>[2]; result: string | RegExp; after: Record<string, string> }[] = [
    { name: 'add a new field', edit: { op: 'hashSet', field: text('c'), value: text('3') }, result: 'Field added.', after: { a: '1', b: '2', c: '3' } },
    { name: 'add a field whose name exists', edit: { op: 'hashSet', field: text('a'), value: text('9') }, result: /^A field with that name already exists; edit that field instead\.$/, after: { a: '1', b: '2' } },
    { name: 'save a field', edit: { op: 'hashSet', field: text('a'), value: text('9'), original: id('a') }, result: 'Field saved.', after: { a: '9', b: '2' } },
    { name: 'rename to a free name', edit: { op: 'hashSet', field: text('z'), value: text('1'), original: id('a') }, result: 'Field renamed and saved.', after: { z: '1', b: '2' } },
    { name: 'rename onto another field', edit: { op: 'hashSet', field: text('b'), value: text('1'), original: id('a') }, result: /^A field with that name already exists/, after: { a: '1', b: '2' } },
    { name: 'delete a field', edit: { op: 'hashDelete', field: id('a') }, result: 'Field deleted.', after: { b: '2' } },
    { name: 'delete a field already gone', edit: { op: 'hashDelete', field: id('x') }, result: 'The field was already gone.', after: { a: '1', b: '2' } },
  ];

  for (const c of cases) {
    it(`${c.name}: the hash is what was asked, or unchanged with the reason`, async () => {
      const outcome = await applyValueEdit(client, key, c.edit, ok).catch((error: unknown) => {
        assert.ok(error instanceof ValueEditError, String(error));
        return error.message;
      });
      if (typeof c.result === 'string') assert.equal(outcome, c.result);
      else assert.match(outcome, c.result);
      assert.deepEqual(await admin.hgetall('h'), c.after);
    });
  }

  it('never re-creates a key deleted meanwhile, and refuses every edit on a read-only connection', async () => {
    for (const c of cases) {
      await admin.hset('h', 'a', '1', 'b', '2');
      await assert.rejects(applyValueEdit(client, key, c.edit, writeGuardFor(true, 'Prod')), ReadOnlyError, c.name);
      assert.deepEqual(await admin.hgetall('h'), { a: '1', b: '2' }, c.name);
    }
    await admin.del('h');
    await assert.rejects(applyValueEdit(client, key, cases[0].edit, ok), KeyNotFoundError);
    assert.equal(await admin.exists('h'), 0, 'not re-created');
  });
});
