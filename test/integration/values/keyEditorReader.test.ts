import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { ReadOnlyError, writeGuardFor } from '../../../src/core/redis/safety/writeGuard';
import { applyValueEdit } from '../../../src/core/redis/values/valueEdits';
import { PageItems } from '../../../src/core/redis/values/pageItems';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import type { ValueEdit, WireView } from '../../../src/core/protocol/keyEditor';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';

type View<K extends WireView['kind']> = Extract<WireView, { kind: K }>;
const key = (name: string): Buffer => Buffer.from(name);
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

/** Reads a view and checks its kind. */
async function read<K extends WireView['kind']>(client: Redis, name: string | Buffer, pager: ValuePager, kind: K): Promise<View<K>> {
  const view = await readValueView(client, Buffer.isBuffer(name) ? name : key(name), pager);
  assert.equal(view.kind, kind);
  return view as View<K>;
}

describe('key editor: host-side reads and edits against a real Redis', () => {
  let redis: RedisFixture;
  let client: Redis;
  const allow = writeGuardFor(false);

  before(async () => {
    redis = await startStandalone();
    client = new Redis(redis.port, redis.host);
  });
  after(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('pages a string over the limit with GETRANGE and never shows more than one page', async () => {
    const value = Buffer.alloc(3 * 1024 + 10, 'a');
    value.write('END', value.length - 3);
    await client.set('big', value);
    const pager = new ValuePager(50, 1024);
    const first = await read(client, 'big', pager, 'string');
    assert.deepEqual([first.offset, first.length, first.complete, first.text.length], [0, 1024, false, 1024]);
    let last = first;
    for (let page = 1; page < 4; page++) {
      pager.next();
      last = await read(client, 'big', pager, 'string');
    }
    assert.deepEqual([last.offset, last.length, last.text.endsWith('END')], [3072, 10, true]);
    pager.previous();
    assert.equal((await read(client, 'big', pager, 'string')).offset, 2048);
  });

  it('shows a HyperLogLog as its PFCOUNT, and a string that only starts like one as a string', async () => {
    await client.pfadd('visitors', ...Array.from({ length: 5000 }, (_, i) => `user:${i}`));
    const hll = await read(client, 'visitors', new ValuePager(50, 1024 * 1024), 'hll');
    assert.ok(Math.abs(hll.count - 5000) <= 150, `estimate ${hll.count}`);
    assert.equal(hll.representation, 'dense');
    assert.equal(hll.header.type, 'string');
    await client.pfadd('few', 'a', 'b');
    assert.deepEqual(await read(client, 'few', new ValuePager(50, 1024), 'hll').then((v) => [v.count, v.representation]), [2, 'sparse']);
    await client.set('impostor', 'HYLL but not really a HyperLogLog');
    assert.equal((await read(client, 'impostor', new ValuePager(50, 1024), 'string')).text, 'HYLL but not really a HyperLogLog');
  });

  it('keeps a page of big list elements small: bounded ids, cut cells, fewer rows, and the whole element on demand', async () => {
    const element = (i: number): Buffer => Buffer.alloc(1024 * 1024, String.fromCharCode(97 + (i % 26)));
    const pipeline = client.pipeline();
    for (let i = 0; i < 30; i++) pipeline.rpush('big:list', element(i));
    await pipeline.exec();
    const pager = new ValuePager(200, 1024 * 1024, { readBytes: 8 * 1024 * 1024, textChars: 512 * 1024 });
    const items = new PageItems();
    const page = await readValueView(client, key('big:list'), pager, items);
    assert.equal(page.kind, 'list');
    if (page.kind !== 'list') return;
    const posted = JSON.stringify({ type: 'view', view: page }).length;
    assert.ok(posted < 600 * 1024, `the page message is ${posted} characters`);
    assert.ok(page.rows.length >= 1 && page.rows.length <= 8, `${page.rows.length} rows of 1 MB within an 8 MB read budget`);
    assert.ok(page.paging.hasNext);
    assert.ok(page.rows.every((r) => r.value.id.length <= 45 && r.value.truncated && r.value.bytes === 1024 * 1024 && r.value.ref), 'bounded ids, cut cells with a ref');

    const full = await items.load(page.rows[1].value.ref as string);
    assert.deepEqual(full, element(1), 'load full value returns the whole element');

    // The edit path names the element by its digest and still refuses a conflicting edit.
    await applyValueEdit(client, key('big:list'), { op: 'listSet', index: 1, value: { text: 'small now', mode: 'text' }, expected: page.rows[1].value.id }, allow, items);
    assert.equal(await client.lindex('big:list', 1), 'small now');
    await client.lpush('big:list', 'pushed');
    await assert.rejects(
      applyValueEdit(client, key('big:list'), { op: 'listRemove', index: 2, expected: page.rows[2].value.id }, allow, items),
      /Element 2 of big:list is no longer the one shown/,
    );
    await assert.rejects(items.load(page.rows[2].value.ref as string), /Element 2 of big:list is no longer the one shown/);
    assert.equal(await client.llen('big:list'), 31);
  });

  it('names a big hash field by a digest the page resolves, and refuses a digest it did not show', async () => {
    const field = Buffer.alloc(4096, 'f');
    await client.hset('big:hash', field, 'v', 'small', 'w');
    const items = new PageItems();
    const page = await readValueView(client, key('big:hash'), new ValuePager(50, 1024), items);
    assert.equal(page.kind, 'hash');
    if (page.kind !== 'hash') return;
    const big = page.rows.find((r) => r.field.bytes === 4096);
    assert.ok(big && big.field.id.startsWith('sha1:'));
    await assert.rejects(applyValueEdit(client, key('big:hash'), { op: 'hashDelete', field: big.field.id }, allow, new PageItems()), /no longer on the page shown/);
    assert.equal(await client.hlen('big:hash'), 2);
    await applyValueEdit(client, key('big:hash'), { op: 'hashDelete', field: big.field.id }, allow, items);
    assert.deepEqual(await client.hkeys('big:hash'), ['small']);
  });

  it('shows binary strings escaped or as a hex dump', async () => {
    await client.set('bin', Buffer.from([0x00, 0xff, 0x41, 0x0a]));
    const pager = new ValuePager(50, 1024);
    assert.equal((await read(client, 'bin', pager, 'string')).text, '\\x00\\xffA\\n');
    pager.hex = true;
    const hex = await read(client, 'bin', pager, 'string');
    assert.equal(hex.format, 'hex');
    assert.match(hex.text, /^00000000 {2}00 ff 41 0a/);
  });

  it('walks a hash by SCAN pages forwards and back, and searches with MATCH', async () => {
    await client.hset('h', Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`f${i}`, `v${i}`])));
    const pager = new ValuePager(500, 1024);
    const seen = new Set<string>();
    let view = await read(client, 'h', pager, 'hash');
    const firstPage = view.rows.map((r) => r.field.text);
    for (;;) {
      for (const row of view.rows) seen.add(row.field.text);
      if (!view.paging.hasNext) break;
      pager.next();
      view = await read(client, 'h', pager, 'hash');
    }
    assert.equal(seen.size, 1500, 'every field once the walk ends');
    pager.first();
    assert.deepEqual((await read(client, 'h', pager, 'hash')).rows.map((r) => r.field.text), firstPage);
    pager.search('f14?');
    const found = await read(client, 'h', pager, 'hash');
    assert.deepEqual(found.rows.map((r) => r.field.text).sort(), Array.from({ length: 10 }, (_, i) => `f14${i}`).sort());
  });

  it('pages sorted sets by rank either way and lists from either end', async () => {
    await client.zadd('z', ...Array.from({ length: 30 }, (_, i) => [i, `m${i}`]).flat());
    const pager = new ValuePager(10, 1024);
    pager.reverse(true);
    let z = await read(client, 'z', pager, 'zset');
    assert.deepEqual([z.rows[0].member.text, z.rows[0].rank, z.paging.total], ['m29', 0, 30]);
    pager.next();
    z = await read(client, 'z', pager, 'zset');
    assert.deepEqual([z.rows[0].member.text, z.rows[0].rank, z.paging.from], ['m19', 10, 10]);

    await client.rpush('l', ...Array.from({ length: 25 }, (_, i) => `e${i}`));
    const list = new ValuePager(10, 1024);
    list.reverse(true);
    const tail = await read(client, 'l', list, 'list');
    assert.deepEqual(tail.rows.map((r) => `${r.index}:${r.value.text}`).slice(-2), ['23:e23', '24:e24']);
    list.next();
    assert.deepEqual((await read(client, 'l', list, 'list')).rows.map((r) => r.index), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    list.next();
    const head = await read(client, 'l', list, 'list');
    assert.deepEqual(head.rows.map((r) => r.index), [0, 1, 2, 3, 4]);
    assert.equal(head.paging.hasNext, false);
  });

  it('pages a stream newest first and shows the consumers of a group', async () => {
    for (let i = 1; i <= 12; i++) await client.xadd('s', `${i}-0`, 'n', String(i));
    await client.xgroup('CREATE', 's', 'g', '0');
    await client.xreadgroup('GROUP', 'g', 'worker', 'COUNT', '3', 'STREAMS', 's', '>');
    const pager = new ValuePager(5, 1024);
    let view = await read(client, 's', pager, 'stream');
    assert.deepEqual(view.entries.map((e) => e.id), ['12-0', '11-0', '10-0', '9-0', '8-0']);
    pager.next();
    view = await read(client, 's', pager, 'stream');
    assert.equal(view.entries[0].id, '7-0');
    pager.consumersOf = b64('g');
    view = await read(client, 's', pager, 'stream');
    assert.deepEqual(view.groups.map((g) => [g.name.text, g.pending]), [['g', 3]]);
    assert.deepEqual(view.consumers?.list.map((c) => [c.name.text, c.pending]), [['worker', 3]]);
  });

  it('says a key is missing instead of failing', async () => {
    const view = await readValueView(client, key('nope'), new ValuePager(10, 1024));
    assert.equal(view.kind, 'missing');
  });

  it('refuses an add or change that would re-create a key deleted since its page was read', async () => {
    const text = (value: string) => ({ text: value, mode: 'text' as const });
    const edits: { type: string; edit: ValueEdit }[] = [
      { type: 'hash', edit: { op: 'hashSet', field: text('f'), value: text('v') } },
      { type: 'set', edit: { op: 'setAdd', member: text('m') } },
      { type: 'zset', edit: { op: 'zsetSet', member: text('m'), score: '1' } },
      { type: 'list', edit: { op: 'listPush', end: 'tail', value: text('e') } },
      { type: 'stream', edit: { op: 'streamAdd', id: '*', fields: [[text('f'), text('v')]] } },
    ];
    for (const { type, edit } of edits) {
      await client.del('gone');
      await assert.rejects(applyValueEdit(client, key('gone'), edit, allow), /does not exist \(any more\)/, type);
      assert.equal(await client.exists('gone'), 0, `${edit.op} did not re-create the key`);
    }
    await client.set('gone', 'now a string');
    await assert.rejects(applyValueEdit(client, key('gone'), edits[0].edit, allow), /is a string, not a hash/);
  });

  it('applies edits with binary-safe names, and refuses all of them on a read-only guard', async () => {
    const binaryKey = Buffer.from([0x6b, 0x00, 0xff]);
    await client.hset(binaryKey, 'a', '1');
    const outcome = await applyValueEdit(client, binaryKey, { op: 'hashSet', field: { text: 'f\\x00', mode: 'escaped' }, value: { text: 'x\\ny', mode: 'text' } }, allow);
    assert.equal(outcome, 'Field added.');
    assert.equal((await client.hgetBuffer(binaryKey, Buffer.from([0x66, 0x00])))?.toString(), 'x\\ny', 'text mode stores the backslash as typed');
    await assert.rejects(applyValueEdit(client, binaryKey, { op: 'hashSet', field: { text: 'a', mode: 'text' }, value: { text: '2', mode: 'text' } }, allow), /already exists/);

    const readOnly = writeGuardFor(true, 'prod');
    await assert.rejects(applyValueEdit(client, binaryKey, { op: 'hashDelete', field: b64('a') }, readOnly), ReadOnlyError);
    await assert.rejects(applyValueEdit(client, key('l'), { op: 'listPush', end: 'tail', value: { text: 'x', mode: 'text' } }, readOnly), ReadOnlyError);
    await assert.rejects(applyValueEdit(client, key('s'), { op: 'streamDelete', id: '1-0' }, readOnly), ReadOnlyError);
    assert.equal(await client.hget(binaryKey, 'a'), '1');
    assert.equal(await client.llen('l'), 25);
  });
});
