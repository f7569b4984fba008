import assert from 'node:assert/strict';
import type { ValueEditOp } from '../../../../../src/core/protocol/keyEditor';
import { ValuePager } from '../../../../../src/core/redis/values/valuePager';
import { kindOf, kindOfEdit, VALUE_KINDS } from '../../../../../src/core/redis/values/valueKinds';

/** Every edit the page can send; a Record so that the compiler names an operation added to the protocol and missing here. */
const EDIT_OPS: Record<ValueEditOp, true> = {
  hashSet: true,
  hashDelete: true,
  setAdd: true,
  setRemove: true,
  zsetSet: true,
  zsetRemove: true,
  listSet: true,
  listPush: true,
  listRemove: true,
  streamAdd: true,
  streamDelete: true,
};

/** What TYPE answers for the types the key editor reads, copies and edits (RedisJSON included). */
const EDITOR_TYPES = ['string', 'hash', 'list', 'set', 'zset', 'stream', 'ReJSON-RL'];

describe('value kinds: one per Redis type', () => {
  const kinds = Object.entries(VALUE_KINDS);

  it('has a kind for every type the key editor supports, filed under the type it reads', () => {
    assert.deepEqual(Object.keys(VALUE_KINDS).sort(), [...EDITOR_TYPES].sort());
    for (const [type, kind] of kinds) {
      assert.equal(kind.type, type);
      assert.equal(kindOf(type), kind);
    }
  });

  it('gives every kind its page size, page reader and clipboard text', () => {
    const pager = new ValuePager(7, 1000);
    for (const [type, kind] of kinds) {
      assert.equal(typeof kind.readPage, 'function', `${type} reads a page`);
      assert.equal(typeof kind.clipboardText, 'function', `${type} renders the clipboard`);
      const size = kind.pageSize(pager);
      assert.ok(size > 0, `${type} pages by ${size}`);
    }
    // Strings page by bytes, collections by rows, a JSON document is read whole.
    assert.equal(VALUE_KINDS.string.pageSize(pager), 1000);
    for (const type of ['hash', 'list', 'set', 'zset', 'stream'] as const) assert.equal(VALUE_KINDS[type].pageSize(pager), 7, type);
    assert.equal(VALUE_KINDS['ReJSON-RL'].pageSize(pager), Number.POSITIVE_INFINITY);
  });

  it('follows the pager when a value of big elements gets fewer rows per page', () => {
    const pager = new ValuePager(200, 1024, { readBytes: 10 * 1024, textChars: 1024 });
    pager.fitRows({ size: 100, memoryBytes: 100 * 1024 });
    for (const type of ['hash', 'list', 'set', 'zset', 'stream'] as const) assert.equal(VALUE_KINDS[type].pageSize(pager), 10, type);
  });

  it('applies every edit of the page with exactly one kind, which has a function for it', () => {
    for (const op of Object.keys(EDIT_OPS) as ValueEditOp[]) {
      const owners = kinds.filter(([, kind]) => op in kind.edits);
      assert.equal(owners.length, 1, `${op} belongs to ${owners.map(([type]) => type).join(', ') || 'no kind'}`);
      assert.equal(kindOfEdit(op), owners[0][1]);
      assert.equal(typeof owners[0][1].edits[op], 'function', op);
    }
    const claimed = kinds.flatMap(([, kind]) => Object.keys(kind.edits)).sort();
    assert.deepEqual(claimed, Object.keys(EDIT_OPS).sort(), 'no kind claims an edit the page cannot send');
  });

  it('names as creating only edits of its own kind: those whose command would re-create a deleted key', () => {
    for (const [type, kind] of kinds) for (const op of kind.creatingEdits) assert.ok(op in kind.edits, `${type}: ${op}`);
    const creating = kinds.flatMap(([, kind]) => kind.creatingEdits).sort();
    assert.deepEqual(creating, ['hashSet', 'listPush', 'setAdd', 'streamAdd', 'zsetSet']);
  });

  it('gives the header a size command for every core type, and none for a module type', () => {
    assert.deepEqual(Object.fromEntries(kinds.map(([type, kind]) => [type, kind.sizeCommand])), {
      string: 'STRLEN',
      hash: 'HLEN',
      list: 'LLEN',
      set: 'SCARD',
      zset: 'ZCARD',
      stream: 'XLEN',
      'ReJSON-RL': undefined,
    });
  });

  it('has no kind for a type it cannot read, nor for names of the object prototype', () => {
    for (const type of ['none', 'MBbloom--', 'TSDB-TYPE', 'constructor', 'toString', '__proto__', 'String']) assert.equal(kindOf(type), undefined, type);
  });
});
