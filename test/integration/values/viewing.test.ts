import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { readKeyHeader } from '../../../src/core/redis/values/keyHeader';
import { scanHash } from '../../../src/core/redis/values/types/hashValue';
import { isJsonModuleLoaded, JSON_MODULE_MISSING_NOTE, readJsonDocument } from '../../../src/core/redis/values/types/jsonValue';
import { readListWindow } from '../../../src/core/redis/values/types/listValue';
import { scanSet } from '../../../src/core/redis/values/types/setValue';
import { readConsumerGroups, readConsumers, readStreamPage, readStreamSummary } from '../../../src/core/redis/values/types/streamValue';
import { DEFAULT_STRING_LIMIT, readString, readStringDocument, readStringRange, StringTooLargeError } from '../../../src/core/redis/values/types/stringValue';
import { KeyNotFoundError, KeyTypeError } from '../../../src/core/redis/values/valueErrors';
import { describeValue } from '../../../src/core/redis/values/valueText';
import type { ScanOptions, ScanPage } from '../../../src/core/redis/values/valueTypes';
import { readZsetByRank, scanZset } from '../../../src/core/redis/values/types/zsetValue';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

/** A key with a NUL, a 0xff and a space: every reader must treat keys as bytes. */
const binaryKey = (suffix: string): Buffer => Buffer.concat([Buffer.from([0x00, 0xff, 0x20]), Buffer.from(suffix)]);

/** Walks a SCAN-family reader page by page to the end. */
async function walk<T>(read: (options: ScanOptions) => Promise<ScanPage<T>>, options: ScanOptions = {}): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor = '0';
  let pages = 0;
  for (;;) {
    const page = await read({ ...options, cursor });
    items.push(...page.items);
    pages++;
    if (page.done) return { items, pages };
    cursor = page.cursor;
  }
}

const netOutputBytes = async (admin: Redis): Promise<number> => Number(/total_net_output_bytes:(\d+)/.exec(await admin.info('stats'))?.[1]);

describe('viewing values (standalone fixture)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  after(async () => {
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  describe('strings', () => {
    it('reads a small string whole and describes text, JSON and binary', async () => {
      await admin.set('s:text', 'hello');
      await admin.set('s:json', '{"a":[1,2]}');
      await admin.set(binaryKey('s'), Buffer.from([0xff, 0xfe, 0x00]));
      const text = await readString(client, Buffer.from('s:text'));
      assert.deepEqual([text.complete, text.totalBytes, text.bytes.toString()], [true, 5, 'hello']);
      assert.equal(describeValue((await readString(client, Buffer.from('s:json'))).bytes).format, 'json');
      const binary = await readString(client, binaryKey('s'));
      assert.deepEqual(binary.bytes, Buffer.from([0xff, 0xfe, 0x00]));
      assert.equal(describeValue(binary.bytes).text, '\\xff\\xfe\\x00');
    });

    it('opens a 50 MB string without transferring more than the limit', async () => {
      const size = 50 * 1024 * 1024;
      await admin.setrange('s:big', size - 1, 'z');
      const before = await netOutputBytes(admin);
      const value = await readString(client, Buffer.from('s:big'));
      const after = await netOutputBytes(admin);
      assert.equal(value.totalBytes, size);
      assert.equal(value.complete, false);
      assert.equal(value.bytes.length, DEFAULT_STRING_LIMIT);
      // The two INFO replies themselves are a few KB; a whole value would be 50 MB.
      assert.ok(after - before < DEFAULT_STRING_LIMIT + 64 * 1024, `sent ${after - before} bytes`);
      const tail = await readStringRange(client, Buffer.from('s:big'), size - 4, 100);
      assert.deepEqual(tail, Buffer.from([0, 0, 0, 0x7a]));
    });

    it('reads a string whole as a document to edit, and refuses one over the limit', async () => {
      await admin.set('s:doc', '{"a":[1,2]}');
      assert.deepEqual(await readStringDocument(client, Buffer.from('s:doc'), 1024), { bytes: Buffer.from('{"a":[1,2]}'), text: '{\n  "a": [\n    1,\n    2\n  ]\n}', format: 'json', compactJson: true });
      assert.deepEqual(await readStringDocument(client, binaryKey('s'), 1024), { bytes: Buffer.from([0xff, 0xfe, 0x00]), text: '\\xff\\xfe\\x00', format: 'binary', compactJson: false });
      const tooBig = await readStringDocument(client, Buffer.from('s:doc'), 10).catch((e: unknown) => e);
      assert.ok(tooBig instanceof StringTooLargeError);
      assert.equal(tooBig.message, 's:doc holds 11 B, more than the 10 B that may be edited as text (setting redisSpecialist.values.stringLimitBytes). Open the key to page through it.');
      await assert.rejects(readStringDocument(client, Buffer.from('s:none'), 10), KeyNotFoundError);
    });

    it('honours a custom limit and reports missing keys and wrong types', async () => {
      const value = await readString(client, Buffer.from('s:text'), 2);
      assert.deepEqual([value.bytes.toString(), value.complete], ['he', false]);
      await assert.rejects(readString(client, Buffer.from('s:none')), KeyNotFoundError);
      await admin.rpush('s:list', 'x');
      await assert.rejects(readString(client, Buffer.from('s:list')), KeyTypeError);
    });
  });

  it('reads the header of every type: type, TTL, encoding, size and memory', async () => {
    await admin.set('h:string', 'abc', 'EX', 100);
    await admin.hset('h:hash', 'a', '1', 'b', '2');
    await admin.sadd('h:set', '1', '2', '3');
    await admin.zadd('h:zset', 1, 'a');
    await admin.rpush('h:list', 'a', 'b', 'c', 'd');
    await admin.xadd('h:stream', '*', 'f', 'v');
    const expected: [string, string, number][] = [
      ['h:string', 'string', 3],
      ['h:hash', 'hash', 2],
      ['h:set', 'set', 3],
      ['h:zset', 'zset', 1],
      ['h:list', 'list', 4],
      ['h:stream', 'stream', 1],
    ];
    for (const [key, type, size] of expected) {
      const header = await readKeyHeader(client, Buffer.from(key));
      assert.equal(header.type, type);
      assert.equal(header.size, size, key);
      assert.ok(header.encoding, `${key} has an encoding`);
      assert.ok((header.memoryBytes ?? 0) > 0, `${key} has a memory usage`);
    }
    const withTtl = await readKeyHeader(client, Buffer.from('h:string'));
    assert.ok(withTtl.ttlMs !== null && withTtl.ttlMs > 90_000 && withTtl.ttlMs <= 100_000);
    assert.equal((await readKeyHeader(client, Buffer.from('h:hash'))).ttlMs, null);
    await admin.hset(binaryKey('h'), binaryKey('f'), 'v');
    assert.equal((await readKeyHeader(client, binaryKey('h'))).type, 'hash');
    await assert.rejects(readKeyHeader(client, Buffer.from('h:none')), KeyNotFoundError);
  });

  it('pages a hash with HSCAN and filters fields by pattern', async () => {
    const fields: string[] = [];
    for (let i = 0; i < 1000; i++) fields.push(`f${i}`, `v${i}`);
    await admin.hset('c:hash', ...fields);
    const all = await walk((o) => scanHash(client, Buffer.from('c:hash'), o), { pageSize: 100 });
    assert.equal(new Set(all.items.map((f) => f.field.toString())).size, 1000);
    assert.ok(all.pages >= 5, `paged (${all.pages} pages)`);
    assert.equal(all.items.find((f) => f.field.toString() === 'f7')?.value.toString(), 'v7');
    const matched = await walk((o) => scanHash(client, Buffer.from('c:hash'), o), { match: 'f99*' });
    assert.deepEqual(new Set(matched.items.map((f) => f.field.toString())), new Set(['f99', 'f990', 'f991', 'f992', 'f993', 'f994', 'f995', 'f996', 'f997', 'f998', 'f999']));
    await admin.hset(binaryKey('hash'), Buffer.from([0xff, 0x01]), Buffer.from([0x00]));
    const binary = await walk((o) => scanHash(client, binaryKey('hash'), o), { match: Buffer.from([0xff, 0x2a]) });
    assert.deepEqual(binary.items, [{ field: Buffer.from([0xff, 0x01]), value: Buffer.from([0x00]) }]);
  });

  it('pages a set with SSCAN and filters members', async () => {
    await admin.sadd('c:set', ...Array.from({ length: 600 }, (_, i) => `m${i}`));
    const all = await walk((o) => scanSet(client, Buffer.from('c:set'), o), { pageSize: 50 });
    assert.equal(new Set(all.items.map((m) => m.toString())).size, 600);
    assert.ok(all.pages > 1);
    const matched = await walk((o) => scanSet(client, Buffer.from('c:set'), o), { match: 'm59?' });
    assert.equal(matched.items.length, 10);
  });

  it('pages a sorted set by rank in both directions and searches it with ZSCAN', async () => {
    const args: (string | number)[] = [];
    for (let i = 0; i < 300; i++) args.push(i, `z${i}`);
    await admin.zadd('c:zset', ...args, 'inf', 'top', '1.5', 'half');
    const first = await readZsetByRank(client, Buffer.from('c:zset'), { start: 0, count: 3 });
    assert.equal(first.total, 302);
    assert.deepEqual(first.items.map((m) => [m.member.toString(), m.score]), [['z0', '0'], ['z1', '1'], ['half', '1.5']]);
    const top = await readZsetByRank(client, Buffer.from('c:zset'), { start: 0, count: 2, descending: true });
    assert.deepEqual(top.items.map((m) => [m.member.toString(), m.score]), [['top', 'inf'], ['z299', '299']]);
    const later = await readZsetByRank(client, Buffer.from('c:zset'), { start: 300, count: 10 });
    assert.equal(later.items.length, 2);
    const found = await walk((o) => scanZset(client, Buffer.from('c:zset'), o), { match: 'z29?' });
    assert.equal(found.items.length, 10);
  });

  it('reads list windows from the head and from the tail', async () => {
    await admin.rpush('c:list', ...Array.from({ length: 25 }, (_, i) => `e${i}`));
    const head = await readListWindow(client, Buffer.from('c:list'), { offset: 0, count: 10 });
    assert.deepEqual([head.length, head.start, head.items[0].toString(), head.items.length], [25, 0, 'e0', 10]);
    const second = await readListWindow(client, Buffer.from('c:list'), { offset: 20, count: 10 });
    assert.deepEqual([second.start, second.items.map(String)], [20, ['e20', 'e21', 'e22', 'e23', 'e24']]);
    const tail = await readListWindow(client, Buffer.from('c:list'), { offset: 0, count: 3, fromTail: true });
    assert.deepEqual([tail.start, tail.items.map(String)], [22, ['e22', 'e23', 'e24']]);
    const nearHead = await readListWindow(client, Buffer.from('c:list'), { offset: 20, count: 10, fromTail: true });
    assert.deepEqual([nearHead.start, nearHead.items.map(String)], [0, ['e0', 'e1', 'e2', 'e3', 'e4']]);
  });

  it('pages a stream both ways and reports groups, consumers and pending counts', async () => {
    const key = Buffer.from('c:stream');
    for (let i = 1; i <= 25; i++) await admin.xadd(key, `${i}-0`, 'n', String(i));
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await readStreamPage(client, key, { after, count: 10 });
      ids.push(...page.entries.map((e) => e.id));
      after = page.nextId;
    } while (after);
    assert.deepEqual(ids, Array.from({ length: 25 }, (_, i) => `${i + 1}-0`));
    const newest = await readStreamPage(client, key, { descending: true, count: 2 });
    assert.deepEqual(newest.entries.map((e) => e.id), ['25-0', '24-0']);
    const older = await readStreamPage(client, key, { descending: true, before: newest.nextId, count: 2 });
    assert.deepEqual(older.entries.map((e) => e.id), ['23-0', '22-0']);
    assert.deepEqual(newest.entries[0].fields.map(([f, v]) => [f.toString(), v.toString()]), [['n', '25']]);

    await admin.xgroup('CREATE', key, 'workers', '0');
    await admin.xreadgroup('GROUP', 'workers', 'alice', 'COUNT', 3, 'STREAMS', key, '>');
    await admin.xreadgroup('GROUP', 'workers', 'bob', 'COUNT', 2, 'STREAMS', key, '>');
    const summary = await readStreamSummary(client, key);
    assert.deepEqual([summary.length, summary.groups, summary.firstId, summary.lastId], [25, 1, '1-0', '25-0']);
    const [group] = await readConsumerGroups(client, key);
    assert.deepEqual([group.name.toString(), group.consumers, group.pending, group.lastDeliveredId], ['workers', 2, 5, '5-0']);
    assert.equal(group.lag, 20);
    const consumers = await readConsumers(client, key, Buffer.from('workers'));
    assert.deepEqual(consumers.map((c) => [c.name.toString(), c.pending]).sort(), [['alice', 3], ['bob', 2]]);
  });

  it('says clearly when RedisJSON is not loaded', async () => {
    assert.deepEqual(await readJsonDocument(client, Buffer.from('j:doc')), { kind: 'module-missing', note: JSON_MODULE_MISSING_NOTE });
    assert.equal(await isJsonModuleLoaded(client, Buffer.from('j:doc')), false);
  });
});
