import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import {
  addStreamEntry,
  deleteStreamEntries,
  readConsumerGroups,
  readConsumers,
  readStreamField,
  readStreamPage,
  readStreamSummary,
} from '../../../src/core/redis/values/types/streamValue';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { ItemGoneError } from '../../../src/core/redis/values/valueErrors';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/**
 * Streams against a model on a real server: walking pages either way, with any page size, sees
 * every entry once in order and ends; a field or value is read whole only while its entry is there;
 * XINFO's summary, groups and consumers are what the server holds; adds and deletes ask the guard
 * and do what the key editor says they did.
 */
const b = (s: string): Buffer => Buffer.from(s);
const text = (value: string) => ({ text: value, mode: 'text' as const });

describe('stream pages, info and edits (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const key = b('x');
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  beforeEach(() => admin.flushall());
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('walking pages oldest or newest first, with any page size, sees each entry once in order, then ends', async () => {
    const ids = ['1-0', '1-1', '2-0', '5-7', '5-8', '9-0', '18446744073709551615-0'];
    for (const [i, id] of ids.entries()) await admin.xadd('x', id, 'f', `v${i}`);
    for (const descending of [false, true]) {
      for (const count of [1, 2, 3, 7, 10]) {
        const seen: string[] = [];
        let next: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await readStreamPage(client, key, { count, descending, ...(next ? (descending ? { before: next } : { after: next }) : {}) });
          // Full pages while entries remain; a shorter page is the last one.
          assert.equal(result.entries.length, Math.min(count, ids.length - seen.length));
          seen.push(...result.entries.map((e) => e.id));
          next = result.nextId;
          assert.equal(next === undefined, result.entries.length < count, 'only a full page says there may be more');
          if (!next) break;
          assert.equal(next, result.entries.at(-1)?.id, 'the next page continues from the last id shown');
        }
        assert.deepEqual(seen, descending ? [...ids].reverse() : ids, `${descending ? 'newest' : 'oldest'} first, ${count} a page`);
      }
    }
  });

  it('a page position that is not a stream id is refused, naming it', async () => {
    for (const id of ['x5-3', '5-3x', '5-', '-3', 'abc']) {
      await assert.rejects(readStreamPage(client, key, { after: id }), (e: unknown) => e instanceof RangeError && e.message === `"${id}" is not a stream id; ids look like 1700000000000-0.`, id);
    }
  });

  it('a field or value is read whole while its entry is there, and is gone after', async () => {
    await admin.xadd('x', '1-0', 'name', 'ada', 'plan', 'pro');
    assert.equal(String(await readStreamField(client, key, '1-0', 1, 0)), 'plan');
    assert.equal(String(await readStreamField(client, key, '1-0', 0, 1)), 'ada');
    await assert.rejects(readStreamField(client, key, '1-0', 2, 0), (e: unknown) => e instanceof ItemGoneError && /^Entry 1-0 of x /.test(e.message));
    await admin.xdel('x', '1-0');
    await assert.rejects(readStreamField(client, key, '1-0', 0, 1), ItemGoneError);
  });

  it('summary, groups and consumers are what the server holds', async () => {
    await admin.xadd('x', '1-0', 'a', '1');
    await admin.xadd('x', '2-0', 'b', '2');
    await admin.xadd('x', '3-0', 'c', '3');
    await admin.xgroup('CREATE', 'x', 'workers', '0');
    await admin.xgroup('CREATE', 'x', 'idle', '$');
    await admin.xreadgroup('GROUP', 'workers', 'w1', 'COUNT', '2', 'STREAMS', 'x', '>');
    assert.deepEqual(await readStreamSummary(client, key), { length: 3, groups: 2, lastGeneratedId: '3-0', firstId: '1-0', lastId: '3-0' });
    const groups = await readConsumerGroups(client, key);
    assert.deepEqual(
      groups.map((g) => ({ ...g, name: String(g.name) })).sort((p, q) => p.name.localeCompare(q.name)),
      [
        { name: 'idle', consumers: 0, pending: 0, lastDeliveredId: '3-0', lag: 0 },
        { name: 'workers', consumers: 1, pending: 2, lastDeliveredId: '2-0', lag: 1 },
      ],
    );
    const consumers = await readConsumers(client, key, b('workers'));
    assert.deepEqual(consumers.map((c) => [String(c.name), c.pending]), [['w1', 2]]);
    assert.ok(consumers[0].idleMs >= 0);
    await admin.del('x');
    await admin.xgroup('CREATE', 'x', 'g', '$', 'MKSTREAM');
    const empty = await readStreamSummary(client, key);
    assert.deepEqual(empty, { length: 0, groups: 1, lastGeneratedId: '0-0', firstId: undefined, lastId: undefined });
  });

  it('XADD and XDEL ask the guard first; an entry needs a field; deleting nothing sends nothing', async () => {
    const asked: string[] = [];
    const refuse = (command: string): void => {
      asked.push(command);
      throw new Error(`refused ${command}`);
    };
    await assert.rejects(addStreamEntry(client, key, [[b('f'), b('v')]], refuse), /refused XADD/);
    await assert.rejects(deleteStreamEntries(client, key, ['1-0'], refuse), /refused XDEL/);
    assert.deepEqual(asked, ['XADD', 'XDEL']);
    await assert.rejects(addStreamEntry(client, key, [], ok), (e: unknown) => e instanceof RangeError && e.message === 'A stream entry needs at least one field and value.');
    assert.equal(await admin.exists('x'), 0);
    assert.equal(await addStreamEntry(client, key, [[b('f'), b('v')], [b('g'), b('w')]], ok, '7-1'), '7-1');
    assert.deepEqual(await admin.xrange('x', '-', '+'), [['7-1', ['f', 'v', 'g', 'w']]]);
    assert.equal(await deleteStreamEntries(client, key, [], ok), 0);
    assert.equal(await deleteStreamEntries(client, key, ['7-1', '8-0'], ok), 1);
  });

  it('the key editor’s stream edits say what they did', async () => {
    await admin.xadd('x', '1-0', 'a', '1');
    assert.equal(await applyValueEdit(client, key, { op: 'streamAdd', id: ' 5-0 ', fields: [[text('f'), text('v')]] }, ok), 'Entry 5-0 added.');
    const added = await applyValueEdit(client, key, { op: 'streamAdd', id: '  ', fields: [[text('g'), text('w')]] }, ok);
    const [last] = await admin.xrevrange('x', '+', '-', 'COUNT', 1);
    assert.equal(added, `Entry ${last[0]} added.`);
    assert.equal(await applyValueEdit(client, key, { op: 'streamDelete', id: '1-0' }, ok), 'Entry 1-0 deleted.');
    assert.equal(await applyValueEdit(client, key, { op: 'streamDelete', id: '1-0' }, ok), 'The entry was already gone.');
    assert.deepEqual((await admin.xrange('x', '-', '+')).map(([id]) => id), ['5-0', last[0]]);
  });
});
