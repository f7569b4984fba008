import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { keyId } from '../../../src/core/redis/keyspace/keyName';
import { readZsetByRank, removeZsetMembers, setZsetMember } from '../../../src/core/redis/values/types/zsetValue';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { ValueEditError } from '../../../src/core/redis/values/valueErrors';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * Sorted sets against a model on a real server: every rank page either way is the model's slice;
 * each ZADD mode (add only if new, update only if present, either) does what it says and reports
 * a change exactly when there was one; every key editor edit leaves what was asked, or nothing
 * changed with the reason; scores are what Redis accepts, and the guard is asked first.
 */
const text = (value: string) => ({ text: value, mode: 'text' as const });
const id = (value: string): string => keyId(Buffer.from(value));
const b = (s: string): Buffer => Buffer.from(s);

describe('sorted set pages and edits (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const key = b('z');
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(async () => {
    await admin.flushall();
    await admin.zadd('z', 1, 'a', 2, 'b');
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });
  const contents = async (): Promise<string[]> => admin.zrange('z', 0, -1, 'WITHSCORES');

  it('every rank page, ascending or descending, is the model’s slice with its scores and the total', async () => {
    const model = Array.from({ length: 9 }, (_, i) => ({ member: `m${i}`, score: String(i * 1.5) }));
    await admin.del('z');
    await admin.zadd('z', ...model.flatMap((m) => [m.score, m.member]));
    for (const descending of [false, true]) {
      const ordered = descending ? [...model].reverse() : model;
      for (let start = 0; start <= 10; start++) {
        for (const count of [1, 4, 20]) {
          const page = await readZsetByRank(client, key, { start, count, descending });
          assert.equal(page.total, 9);
          assert.equal(page.start, start);
          assert.deepEqual(page.items.map((i) => ({ member: String(i.member), score: i.score })), ordered.slice(start, start + count), `${descending ? 'desc' : 'asc'} ${start}+${count}`);
        }
      }
    }
    await admin.set('z', 'not a zset');
    await assert.rejects(readZsetByRank(client, key), /WRONGTYPE/);
  });

  it('ZADD modes: add only if new, update only if present, upsert either; true exactly when something changed', async () => {
    const cases: [string, string, 'add' | 'update' | 'upsert', boolean, string[]][] = [
      ['c', '3', 'add', true, ['a', '1', 'b', '2', 'c', '3']],
      ['a', '5', 'add', false, ['a', '1', 'b', '2']],
      ['a', '5', 'update', true, ['b', '2', 'a', '5']],
      ['c', '3', 'update', false, ['a', '1', 'b', '2']],
      ['a', '1', 'update', false, ['a', '1', 'b', '2']],
      ['a', '-inf', 'upsert', true, ['a', '-inf', 'b', '2']],
      ['c', ' +inf ', 'upsert', true, ['a', '1', 'b', '2', 'c', 'inf']],
      ['c', 'INF', 'upsert', true, ['a', '1', 'b', '2', 'c', 'inf']],
    ];
    for (const [member, score, mode, changed, after] of cases) {
      await admin.del('z');
      await admin.zadd('z', 1, 'a', 2, 'b');
      assert.equal(await setZsetMember(client, key, b(member), score, ok, mode), changed, `${mode} ${member} ${score}`);
      assert.deepEqual(await contents(), after, `${mode} ${member} ${score}`);
    }
    await admin.del('z');
    await admin.zadd('z', 1, 'a', 2, 'b');
    for (const bad of ['', 'abc', 'NaN', 'infinity', '1e999', 'xinf', '+-inf']) {
      await assert.rejects(setZsetMember(client, key, b('a'), bad, ok), (e: unknown) => e instanceof RangeError && e.message === `"${bad.trim()}" is not a score; use a number such as 42 or 1.5e3, or inf / -inf.`, bad);
    }
    assert.deepEqual(await contents(), ['a', '1', 'b', '2']);
  });

  const cases: { name: string; edit: Parameters<typeof applyValueEdit>[2]; result: string; after: string[] }[] = [
    { name: 'add a new member', edit: { op: 'zsetSet', member: text('c'), score: '3' }, result: 'Member added.', after: ['a', '1', 'b', '2', 'c', '3'] },
    { name: 'add a member already there', edit: { op: 'zsetSet', member: text('a'), score: '9' }, result: 'That member is already in the sorted set; change its score instead.', after: ['a', '1', 'b', '2'] },
    { name: 'rename a member', edit: { op: 'zsetSet', member: text('y'), score: '7', original: id('a') }, result: 'Member renamed.', after: ['b', '2', 'y', '7'] },
    { name: 'rename onto another member', edit: { op: 'zsetSet', member: text('b'), score: '7', original: id('a') }, result: 'That member is already in the sorted set; change its score instead.', after: ['a', '1', 'b', '2'] },
    { name: 'save a score', edit: { op: 'zsetSet', member: text('a'), score: '5', original: id('a') }, result: 'Score saved.', after: ['b', '2', 'a', '5'] },
    { name: 'remove a member', edit: { op: 'zsetRemove', member: id('a') }, result: 'Member removed.', after: ['b', '2'] },
    { name: 'remove a member already gone', edit: { op: 'zsetRemove', member: id('x') }, result: 'The member was already gone.', after: ['a', '1', 'b', '2'] },
  ];
  for (const c of cases) {
    it(`${c.name}: the sorted set is what was asked, or unchanged with the reason`, async () => {
      const outcome = await applyValueEdit(client, key, c.edit, ok).catch((error: unknown) => {
        assert.ok(error instanceof ValueEditError, String(error));
        return error.message;
      });
      assert.equal(outcome, c.result);
      assert.deepEqual(await contents(), c.after);
    });
  }

  it('ZADD and ZREM ask the guard first, and ZREM sends nothing for no members', async () => {
    const asked: string[] = [];
    const refuse = (command: string): void => {
      asked.push(command);
      throw new Error(`refused ${command}`);
    };
    await assert.rejects(setZsetMember(client, key, b('c'), 1, refuse), /refused ZADD/);
    await assert.rejects(removeZsetMembers(client, key, [b('a')], refuse), /refused ZREM/);
    assert.deepEqual(asked, ['ZADD', 'ZREM']);
    assert.equal(await removeZsetMembers(client, key, [], ok), 0);
    assert.equal(await removeZsetMembers(client, key, [b('a'), b('x')], ok), 1);
    assert.deepEqual(await contents(), ['b', '2']);
  });
});
