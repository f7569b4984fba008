import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keyId } from '../../../src/core/redis/keyspace/keyName';
import { addSetMembers, removeSetMembers } from '../../../src/core/redis/values/types/setValue';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { ValueEditError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * The key editor's set edits, as the page sends them, over every case: add a member that is new or
 * already there, change one to a new member, to itself or onto another member, remove one that is
 * there or already gone. After each, the set on the server is what the user asked for, or unchanged
 * with a message saying why; every write asks the guard first and sends nothing for no members.
 */
const text = (value: string) => ({ text: value, mode: 'text' as const });
const id = (value: string): string => keyId(Buffer.from(value));

describe('set edits from the key editor (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const key = Buffer.from('s');
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(async () => {
    await admin.flushall();
    await admin.sadd('s', 'a', 'b');
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  const cases: { name: string; edit: Parameters<typeof applyValueEdit>[2]; result: string; after: string[] }[] = [
    { name: 'add a new member', edit: { op: 'setAdd', member: text('c') }, result: 'Member added.', after: ['a', 'b', 'c'] },
    { name: 'add a member already there', edit: { op: 'setAdd', member: text('a') }, result: 'That member is already in the set.', after: ['a', 'b'] },
    { name: 'change a member to a new one', edit: { op: 'setAdd', member: text('z'), original: id('a') }, result: 'Member changed.', after: ['b', 'z'] },
    { name: 'change a member to itself', edit: { op: 'setAdd', member: text('a'), original: id('a') }, result: 'Nothing changed.', after: ['a', 'b'] },
    { name: 'change a member onto another', edit: { op: 'setAdd', member: text('b'), original: id('a') }, result: 'That member is already in the set.', after: ['a', 'b'] },
    { name: 'remove a member', edit: { op: 'setRemove', member: id('a') }, result: 'Member removed.', after: ['b'] },
    { name: 'remove a member already gone', edit: { op: 'setRemove', member: id('x') }, result: 'The member was already gone.', after: ['a', 'b'] },
  ];

  for (const c of cases) {
    it(`${c.name}: the set is what was asked, or unchanged with the reason`, async () => {
      const outcome = await applyValueEdit(client, key, c.edit, ok).catch((error: unknown) => {
        assert.ok(error instanceof ValueEditError, String(error));
        return error.message;
      });
      assert.equal(outcome, c.result);
      assert.deepEqual((await admin.smembers('s')).sort(), c.after);
    });
  }

  it('SADD and SREM ask the guard first, and send nothing for no members', async () => {
    const asked: string[] = [];
    const refuse = (command: string): void => {
      asked.push(command);
      throw new Error(`refused ${command}`);
    };
    await assert.rejects(addSetMembers(client, key, [Buffer.from('c')], refuse), /refused SADD/);
    await assert.rejects(removeSetMembers(client, key, [Buffer.from('a')], refuse), /refused SREM/);
    assert.deepEqual(asked, ['SADD', 'SREM']);
    assert.equal(await addSetMembers(client, key, [], ok), 0);
    assert.equal(await removeSetMembers(client, key, [], ok), 0);
    assert.equal(await addSetMembers(client, key, [Buffer.from('a'), Buffer.from('c'), Buffer.from('d')], ok), 2);
    assert.equal(await removeSetMembers(client, key, [Buffer.from('a'), Buffer.from('x')], ok), 1);
    assert.deepEqual((await admin.smembers('s')).sort(), ['b', 'c', 'd']);
  });
});
