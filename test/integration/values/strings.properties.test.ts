import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { WireView } from '../../../src/core/protocol/keyEditor';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { readString, readStringRange, saveString } from '../../../src/core/redis/values/types/stringValue';
import { ConflictError, KeyNotFoundError, KeyTypeError } from '../../../src/core/redis/values/valueErrors';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import { clipboardValue } from '../../../src/core/redis/values/copyValue';
import { formatBytes } from '../../../src/core/redis/keyspace/keyMetadata';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { describeValue, hexDump } from '../../../src/core/redis/values/valueText';
import { allowAllWrites as ok } from '../../../src/core/redis/safety/writeGuard';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { int, prng } from '../../unit/core/analysis/prng';
import { configFor } from '../keys/connectionConfigs';

/**
 * Strings read and paged as properties against a real server: for random binary and text values of
 * every size and every limit, a read returns exactly the first `limit` bytes and says whether that
 * is the whole value; a range read returns exactly the bytes asked for; the key editor's pages put
 * back together are the value, with a next page exactly while bytes remain, a hex dump only for
 * binary values asked as hex, and a HyperLogLog shown as one. Bad limits are refused before reading.
 */
type StringView = Extract<WireView, { kind: 'string' }>;

describe('strings: reads, ranges and pages (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  const rand = prng(0x57a1);
  const randomValue = (size: number, binary: boolean): Buffer => Buffer.from(Array.from({ length: size }, () => (binary ? int(rand, 256) : 0x61 + int(rand, 26))));

  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('readString returns the first `limit` bytes, the whole size, and complete exactly when it is all', async () => {
    for (let round = 0; round < 60; round++) {
      const value = randomValue(int(rand, 3000), round % 2 === 0);
      await admin.set('s', value);
      for (const limit of [1, 2, 1 + int(rand, 3000), value.length, value.length + 1]) {
        if (limit < 1) continue;
        const read = await readString(client, Buffer.from('s'), limit);
        assert.ok(read.bytes.equals(value.subarray(0, limit)), `${value.length} bytes, limit ${limit}`);
        assert.equal(read.totalBytes, value.length);
        assert.equal(read.complete, limit >= value.length);
      }
      const offset = int(rand, value.length + 1);
      const length = 1 + int(rand, 2000);
      assert.ok((await readStringRange(client, Buffer.from('s'), offset, length)).equals(value.subarray(offset, offset + length)), `range ${offset}+${length}`);
    }
  });

  it('refuses a limit, an offset or a length that cannot be read, and says which key is missing or of another type', async () => {
    await admin.set('s', 'abc');
    for (const limit of [0, -1, 1.5, Number.NaN]) await assert.rejects(readString(client, Buffer.from('s'), limit), RangeError, `limit ${limit}`);
    for (const [offset, length] of [[-1, 1], [0, 0], [-5, -5]]) await assert.rejects(readStringRange(client, Buffer.from('s'), offset, length), RangeError, `range ${offset}+${length}`);
    assert.ok((await readStringRange(client, Buffer.from('s'), 0, 1)).equals(Buffer.from('a')), 'the smallest range');
    await assert.rejects(readString(client, Buffer.from('none')), (error: unknown) => error instanceof KeyNotFoundError);
    await admin.rpush('l', 'x');
    await assert.rejects(readString(client, Buffer.from('l')), (error: unknown) => error instanceof KeyTypeError && error.expected === 'string' && error.actual === 'list');
  });

  it('the key editor pages a string: pages put back together are the value, a next page exactly while bytes remain', async () => {
    for (let round = 0; round < 40; round++) {
      const binary = round % 2 === 1;
      const value = randomValue(1 + int(rand, 4000), binary);
      await admin.set('paged', value);
      const pageBytes = 1 + int(rand, 1500);
      for (const hex of [false, true]) {
        const pager = new ValuePager(10, pageBytes);
        pager.hex = hex;
        const parts: Buffer[] = [];
        for (let page = 1; ; page++) {
          const view = (await readValueView(client, Buffer.from('paged'), pager)) as StringView;
          assert.equal(view.kind, 'string');
          const bytes = value.subarray(view.offset, view.offset + view.length);
          assert.equal(view.offset, (page - 1) * pageBytes, 'each page starts where the last ended');
          assert.ok(view.length <= pageBytes && view.length > 0, `page of ${view.length} bytes, at most ${pageBytes}`);
          assert.equal(view.complete, value.length <= pageBytes, 'complete only when one page holds it all');
          const paging = pager.describe();
          assert.equal(paging.hasNext, view.offset + view.length < value.length, 'a next page exactly while bytes remain');
          assert.deepEqual([paging.hasPrevious, paging.page, paging.total], [page > 1, page, value.length]);
          // Whether a page is binary is decided on its own bytes (a random page may happen to be text).
          if (hex && describeValue(bytes).format === 'binary') {
            assert.deepEqual([view.format, view.hex, view.text], ['hex', true, hexDump(bytes, view.offset)]);
          } else {
            assert.equal(view.hex, false, 'a hex dump only for binary pages asked as hex');
            if (!binary) assert.deepEqual([view.format, view.text], ['text', bytes.toString('latin1')]);
          }
          parts.push(bytes);
          if (!paging.hasNext) break;
          pager.next();
        }
        assert.ok(Buffer.concat(parts).equals(value), 'the pages are the value');
      }
    }
  });

  it('copies a string whole exactly when it fits the limit, and otherwise says both sizes and the setting', async () => {
    for (const size of [0, 1, 99, 100, 101, 5000]) {
      await admin.set('copied', 'y'.repeat(size));
      const copying = clipboardValue(client, Buffer.from('copied'), { stringBytes: 100, pageSize: 10 });
      if (size <= 100) assert.equal((await copying).text, 'y'.repeat(size), `${size} bytes`);
      else await assert.rejects(copying, new RegExp(`^Error: copied holds ${formatBytes(size)}, more than the 100 B limit \\(redisSpecialist\\.values\\.stringLimitBytes\\); open the key to page through it\\.$`));
    }
  });

  it('shows a HyperLogLog as its count on the first page, never a page of its bytes', async () => {
    await admin.pfadd('visitors', 'a', 'b', 'c');
    const view = await readValueView(client, Buffer.from('visitors'), new ValuePager(10, 1024 * 1024));
    assert.equal(view.kind, 'hll');
    // Read as a plain string from a later offset, its bytes are only bytes.
    const pager = new ValuePager(10, 4);
    pager.recordPosition(4, undefined, 4);
    pager.next();
    assert.equal((await readValueView(client, Buffer.from('visitors'), pager)).kind, 'string');
  });
});

describe('string save with EVAL renamed away (properties, real server)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone({ args: ['--rename-command', 'EVAL', ''] });
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
  });
  after(async () => {
    client?.disconnect();
    admin?.disconnect();
    await server?.stop();
  });

  it('compares, then writes: saves an unchanged value with its TTL and reports every conflict', async () => {
    await assert.rejects(admin.eval('return 1', 0), /unknown command/i);
    await admin.set('k', 'v1', 'PX', 900_000);
    await saveString(client, Buffer.from('k'), Buffer.from('mine'), { original: Buffer.from('v1') }, ok);
    assert.equal(await admin.get('k'), 'mine');
    assert.ok((await admin.pttl('k')) > 800_000, 'the TTL is kept');
    for (const [setup, original, reason] of [
      [() => admin.set('k', 'theirs'), 'mine', 'changed'],
      [() => admin.del('k'), 'mine', 'deleted'],
      [() => admin.set('k', 'x'), null, 'created'],
      [async () => (await admin.del('k'), admin.rpush('k', 'x')), 'mine', 'type'],
    ] as const) {
      await setup();
      const refused = await saveString(client, Buffer.from('k'), Buffer.from('ours'), { original: original === null ? null : Buffer.from(original) }, ok).catch((e: unknown) => e);
      assert.ok(refused instanceof ConflictError && refused.reason === reason, `${reason}: ${String(refused)}`);
    }
  });
});
