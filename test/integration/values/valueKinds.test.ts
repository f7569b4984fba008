import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { WireView } from '../../../src/core/protocol/keyEditor';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { clipboardValue } from '../../../src/core/redis/values/copyValue';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import { VALUE_KINDS, type RedisType } from '../../../src/core/redis/values/valueKinds';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';

type View<K extends WireView['kind']> = Extract<WireView, { kind: K }>;
const b = (text: string): Buffer => Buffer.from(text);

async function open<K extends WireView['kind']>(client: RedisClient, key: string, kind: K, pager = new ValuePager(200, 1024 * 1024)): Promise<View<K>> {
  const view = await readValueView(client, b(key), pager);
  assert.equal(view.kind, kind, key);
  return view as View<K>;
}

describe('value kinds: first page and clipboard text of every type (standalone fixture)', () => {
  let server: RedisFixture;
  let client: RedisClient;
  let admin: Redis;
  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server), {});
    admin = new Redis({ port: server.port });
    await admin.set('o:json', '{"a":1}');
    await admin.set('o:bin', Buffer.from([0xff, 0x00, 0x41]));
    await admin.setrange('o:big', 3 * 1024 * 1024, 'x');
    await admin.hset('o:hash', 'f', 'v');
    await admin.sadd('o:set', 'm');
    await admin.zadd('o:zset', 2, 'm');
    await admin.rpush('o:list', 'a', 'b');
    await admin.xadd('o:stream', '1-0', 'f', 'v');
    await admin.xgroup('CREATE', 'o:stream', 'g', '0');
  });
  after(async () => {
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it('opens each type with its header and first page', async () => {
    const json = await open(client, 'o:json', 'string');
    assert.deepEqual([json.format, json.text, json.complete], ['json', '{\n  "a": 1\n}', true]);
    const big = await open(client, 'o:big', 'string', new ValuePager(200, 1000));
    assert.deepEqual([big.complete, big.length, big.offset], [false, 1000, 0]);
    const hash = await open(client, 'o:hash', 'hash');
    assert.deepEqual([hash.rows[0].value.text, hash.header.size], ['v', 1]);
    assert.equal((await open(client, 'o:set', 'set')).rows[0].text, 'm');
    assert.equal((await open(client, 'o:zset', 'zset')).rows[0].score, '2');
    const list = await open(client, 'o:list', 'list', new ValuePager(1, 1024));
    assert.deepEqual([list.paging.total, list.rows.length, list.paging.hasNext], [2, 1, true]);
    const stream = await open(client, 'o:stream', 'stream');
    assert.deepEqual([stream.entries[0].id, stream.groups[0].name.text], ['1-0', 'g']);
  });

  it('copies each type as text: a string as stored (escaped when binary), a collection as JSON of its first page', async () => {
    const limits = { stringBytes: 1024, pageSize: 200 };
    const copy = (key: string) => clipboardValue(client, b(key), limits);
    assert.deepEqual(await copy('o:json'), { text: '{"a":1}' });
    assert.deepEqual(await copy('o:bin'), { text: '\\xff\\x00A' });
    assert.deepEqual(await copy('o:hash'), { text: JSON.stringify({ f: 'v' }, null, 2), copied: 1, total: 1 });
    assert.deepEqual(await copy('o:set'), { text: JSON.stringify(['m'], null, 2), copied: 1, total: 1 });
    assert.deepEqual(await copy('o:zset'), { text: JSON.stringify([{ member: 'm', score: '2' }], null, 2), copied: 1, total: 1 });
    assert.deepEqual(await copy('o:list'), { text: JSON.stringify(['a', 'b'], null, 2), copied: 2, total: 2 });
    assert.deepEqual(await copy('o:stream'), { text: JSON.stringify([{ id: '1-0', fields: { f: 'v' } }], null, 2), copied: 1, total: 1 });
    await assert.rejects(copy('o:big'), /o:big holds 3\.0 MiB, more than the 1\.0 KiB limit \(redisSpecialist\.values\.stringLimitBytes\); open the key to page through it/);
    const firstOfMany = await clipboardValue(client, b('o:list'), { stringBytes: 1024, pageSize: 1 });
    assert.deepEqual(firstOfMany, { text: JSON.stringify(['a'], null, 2), copied: 1, total: 2 });
  });

  it('says a key that is gone is missing, and does not copy it', async () => {
    assert.equal((await readValueView(client, b('o:none'), new ValuePager(200, 1024))).kind, 'missing');
    await assert.rejects(clipboardValue(client, b('o:none'), { stringBytes: 1024, pageSize: 200 }), /does not exist/);
  });
});

/** A small deterministic PRNG (mulberry32): the same cases on every run, many shapes of values. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** What one page of a view holds: bytes of a string, rows or entries of a collection. */
function pageItems(view: WireView): string[] {
  switch (view.kind) {
    case 'string':
      return [...view.text];
    case 'hash':
      return view.rows.map((r) => r.field.text);
    case 'set':
      return view.rows.map((r) => r.text);
    case 'zset':
      return view.rows.map((r) => r.member.text);
    case 'list':
      return view.rows.map((r) => `${r.index}`);
    case 'stream':
      return view.entries.map((e) => e.id);
    default:
      throw new Error(`${view.kind} does not page`);
  }
}

describe('value kinds: a page never holds more than its page size (standalone fixture)', () => {
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

  /** Fills `key` with `size` elements of `type` (plain ASCII, so a string page shows one character per byte). */
  async function fill(type: Exclude<RedisType, 'ReJSON-RL'>, key: string, size: number): Promise<void> {
    await admin.del(key);
    const names = Array.from({ length: size }, (_, i) => `e${i}`);
    if (type === 'string') await admin.set(key, 'x'.repeat(size));
    else if (type === 'hash') await admin.hset(key, ...names.flatMap((n) => [n, 'v']));
    else if (type === 'set') await admin.sadd(key, ...names);
    else if (type === 'zset') await admin.zadd(key, ...names.flatMap((n, i) => [i, n]));
    else if (type === 'list') await admin.rpush(key, ...names);
    else for (let i = 1; i <= size; i++) await admin.xadd(key, `${i}-0`, 'n', String(i));
  }

  /** Walks every page of `key` from the first; returns the items seen and each page's size against its limit. */
  async function walk(key: string, pager: ValuePager, type: RedisType): Promise<{ seen: string[]; pages: { items: number; limit: number }[] }> {
    const seen: string[] = [];
    const pages: { items: number; limit: number }[] = [];
    for (let n = 0; n < 10_000; n++) {
      const view = await readValueView(client, b(key), pager);
      const items = pageItems(view);
      seen.push(...items);
      pages.push({ items: items.length, limit: VALUE_KINDS[type].pageSize(pager) });
      const more = view.kind === 'string' ? view.offset + view.length < (view.header.size ?? 0) : 'paging' in view && view.paging.hasNext;
      if (!more) return { seen, pages };
      pager.next();
    }
    throw new Error(`${key}: the walk did not end`);
  }

  const ranged = ['string', 'list', 'zset', 'stream'] as const;
  for (const type of ranged) {
    it(`${type}: every page within the page size, and the walk shows each element once, either way`, async () => {
      const next = random(type.length * 7919);
      for (let round = 0; round < 12; round++) {
        const size = 1 + next(type === 'string' ? 5000 : 400);
        const rows = 1 + next(60);
        const reversed = type !== 'string' && round % 2 === 1;
        await fill(type, `p:${type}`, size);
        const pager = new ValuePager(rows, 1 + next(1500));
        if (reversed) pager.reverse(true);
        const { seen, pages } = await walk(`p:${type}`, pager, type);
        const label = `${type} of ${size}, ${rows} rows per page${reversed ? ', reversed' : ''}`;
        for (const page of pages) assert.ok(page.items <= page.limit, `${label}: a page of ${page.items} over its ${page.limit}`);
        assert.equal(seen.length, size, `${label}: every element once`);
        if (type !== 'string') assert.equal(new Set(seen).size, size, `${label}: no element twice`);
      }
    });
  }

  /**
   * SCAN's COUNT is a hint: a call returns whole hash-table buckets (while the table grows, a bucket
   * of each of its two tables), so the call that fills a page may bring a few more — those are shown
   * rather than lost, since a SCAN cannot resume inside a reply. Far more would mean pages are not capped.
   */
  const SCAN_BUCKET_SLACK = 32;

  for (const type of ['hash', 'set', 'zset'] as const) {
    it(`${type} (SCAN pages${type === 'zset' ? ', a search' : ''}): the page size plus at most the buckets of one SCAN call, and every element is seen`, async () => {
      const next = random(type.length * 104729);
      for (let round = 0; round < 8; round++) {
        // Past the listpack/intset limits (128 entries), where SCAN honours COUNT.
        const size = 600 + next(2000);
        const rows = 10 + next(200);
        await fill(type, `p:${type}`, size);
        const pager = new ValuePager(rows, 1024);
        if (type === 'zset') pager.search('e*');
        const { seen, pages } = await walk(`p:${type}`, pager, type);
        const label = `${type} of ${size}, ${rows} rows per page`;
        for (const page of pages) assert.ok(page.items <= page.limit + SCAN_BUCKET_SLACK, `${label}: a page of ${page.items} for ${page.limit}`);
        assert.ok(pages.length >= Math.floor(size / (rows + SCAN_BUCKET_SLACK)), `${label}: ${pages.length} pages`);
        assert.equal(new Set(seen).size, size, `${label}: every element seen`);
      }
    });
  }

  it('shows a hash small enough for one HSCAN reply (listpack) as one page, whatever the page size', async () => {
    await fill('hash', 'p:small', 100);
    const { seen, pages } = await walk('p:small', new ValuePager(10, 1024), 'hash');
    assert.deepEqual([pages.length, seen.length], [1, 100]);
  });
});
