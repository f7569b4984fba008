import { readBlob, type BlobKind } from './blobs';
import {
  allocSize,
  compactValueSize,
  hashtableSize,
  quicklistBaseSize,
  quicklistNodeSize,
  sdsSize,
  skiplistZsetSize,
  stringValueSize,
} from './memoryModel';
import { QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN, RdbType } from './rdbFormat';
import type { RdbPrimitives } from './rdbPrimitives';
import type { ValueShape } from './valueTypes';

export interface ValueContext {
  p: RdbPrimitives;
  version: number;
  /** Largest blob or string read whole; bigger ones are measured and skipped. */
  blobLimit: number;
}

/** A 7.2 list of one small listpack node is kept as a plain listpack (half the 8 KB node limit, as Redis converts back). */
const LISTPACK_LIST_MAX_BYTES = 4096;
const MAX_INT_STRING = 20;
const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;

function shape(type: ValueShape['type'], encoding: string, elements: number, memoryBytes: number, maxElementBytes = 0): ValueShape {
  return { type, encoding, elements, memoryBytes, maxElementBytes };
}

export function readString(ctx: ValueContext): ValueShape {
  const h = ctx.p.readStringHeader('a string value');
  const length = h.length;
  let integer = h.kind === 1;
  if (!integer && length <= MAX_INT_STRING) {
    const text = (ctx.p.readPayload(h, MAX_INT_STRING, 'a string value') as Buffer).toString('latin1');
    integer = INTEGER.test(text) && fitsInt64(text);
  } else if (!integer) {
    ctx.p.skipPayload(h, 'a string value');
  }
  const encoding = integer ? 'int' : length <= 44 ? 'embstr' : 'raw';
  return shape('string', encoding, length, stringValueSize(length, integer));
}

function fitsInt64(text: string): boolean {
  return text.length < 19 || (BigInt(text) <= 9223372036854775807n && BigInt(text) >= -9223372036854775808n);
}

/** Sums the sds sizes of `n` strings (set members, list elements) and their largest length. */
function sumStrings(ctx: ValueContext, n: number, what: string): { sds: number; max: number; raw: number } {
  let sds = 0;
  let max = 0;
  let raw = 0;
  for (let i = 0; i < n; i++) {
    const length = ctx.p.skipString(what);
    sds += sdsSize(length);
    raw += length;
    if (length > max) max = length;
  }
  return { sds, max, raw };
}

function readCompact(ctx: ValueContext, type: ValueShape['type'], kind: BlobKind, encoding: string, perElement: number, what: string): ValueShape {
  const blob = readBlob(ctx.p, kind, ctx.blobLimit, what);
  return shape(type, encoding, Math.floor(blob.entries / perElement), compactValueSize(blob.length));
}

export function readList(ctx: ValueContext, rdbType: number): ValueShape {
  const { p } = ctx;
  if (rdbType === RdbType.LIST_ZIPLIST) {
    const blob = readBlob(p, 'ziplist', ctx.blobLimit, 'a list ziplist');
    return shape('list', 'quicklist', blob.entries, quicklistBaseSize() + quicklistNodeSize(ctx.version) + allocSize(blob.length));
  }
  if (rdbType === RdbType.LIST) {
    // A linked list from a very old file: the server packs it into listpack nodes of about 8 KB.
    const n = p.readLength('a list length');
    const { raw } = sumStrings(ctx, n, 'a list element');
    const packed = raw + n * 3 + 7;
    const nodes = Math.max(1, Math.ceil(packed / 8192));
    return shape('list', 'quicklist', n, quicklistBaseSize() + nodes * quicklistNodeSize(ctx.version) + allocSize(Math.ceil(packed / nodes)) * nodes);
  }
  const nodes = p.readLength('a quicklist node count');
  let elements = 0;
  let memory = quicklistBaseSize();
  let lastPacked = 0;
  for (let i = 0; i < nodes; i++) {
    const container = rdbType === RdbType.LIST_QUICKLIST_2 ? p.readLength('a quicklist node container') : QUICKLIST_NODE_PACKED;
    if (container === QUICKLIST_NODE_PLAIN) {
      const length = p.skipString('a plain quicklist node');
      elements += 1;
      memory += quicklistNodeSize(ctx.version) + allocSize(length);
      lastPacked = 0;
      continue;
    }
    if (container !== QUICKLIST_NODE_PACKED) throw p.error(`quicklist node container ${container} is neither plain (1) nor packed (2)`);
    const blob = readBlob(p, rdbType === RdbType.LIST_QUICKLIST_2 ? 'listpack' : 'ziplist', ctx.blobLimit, 'a quicklist node');
    elements += blob.entries;
    memory += quicklistNodeSize(ctx.version) + allocSize(blob.length);
    lastPacked = blob.length;
  }
  if (ctx.version >= 11 && nodes === 1 && lastPacked > 0 && lastPacked <= LISTPACK_LIST_MAX_BYTES) {
    return shape('list', 'listpack', elements, compactValueSize(lastPacked));
  }
  return shape('list', 'quicklist', elements, memory);
}

export function readSet(ctx: ValueContext, rdbType: number): ValueShape {
  if (rdbType === RdbType.SET_INTSET) return readCompact(ctx, 'set', 'intset', 'intset', 1, 'a set intset');
  if (rdbType === RdbType.SET_LISTPACK) return readCompact(ctx, 'set', 'listpack', 'listpack', 1, 'a set listpack');
  const n = ctx.p.readLength('a set size');
  const { sds, max } = sumStrings(ctx, n, 'a set member');
  return shape('set', 'hashtable', n, hashtableSize(n, sds), max);
}

export function readZset(ctx: ValueContext, rdbType: number): ValueShape {
  if (rdbType === RdbType.ZSET_ZIPLIST) return readCompact(ctx, 'zset', 'ziplist', 'ziplist', 2, 'a zset ziplist');
  if (rdbType === RdbType.ZSET_LISTPACK) return readCompact(ctx, 'zset', 'listpack', 'listpack', 2, 'a zset listpack');
  const { p } = ctx;
  const n = p.readLength('a zset size');
  let sds = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const length = p.skipString('a zset member');
    sds += sdsSize(length);
    if (length > max) max = length;
    if (rdbType === RdbType.ZSET_2) p.reader.skip(8, 'a zset score');
    else p.skipAsciiDouble('a zset score');
  }
  return shape('zset', 'skiplist', n, skiplistZsetSize(n, sds), max);
}

export function readHash(ctx: ValueContext, rdbType: number): ValueShape {
  if (rdbType === RdbType.HASH_ZIPMAP) return readCompact(ctx, 'hash', 'zipmap', 'ziplist', 1, 'a hash zipmap');
  if (rdbType === RdbType.HASH_ZIPLIST) return readCompact(ctx, 'hash', 'ziplist', 'ziplist', 2, 'a hash ziplist');
  if (rdbType === RdbType.HASH_LISTPACK) return readCompact(ctx, 'hash', 'listpack', 'listpack', 2, 'a hash listpack');
  const n = ctx.p.readLength('a hash size');
  const { sds, max } = sumStrings(ctx, n * 2, 'a hash field or value');
  return shape('hash', 'hashtable', n, hashtableSize(n, sds), max);
}
