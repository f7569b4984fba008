/**
 * Memory sizes the way Redis's `MEMORY USAGE` adds them up (`objectComputeSize` in `object.c`,
 * with every element sampled, i.e. `SAMPLES 0`), with jemalloc's size classes. Structure sizes
 * are those of a 64-bit Redis 7.0; they rank keys the same way the live server does.
 */

/** jemalloc's usable size for an allocation of `n` bytes (16-byte quantum, 4 classes per doubling). */
export function allocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return (n + 15) & ~15;
  const lg = Math.floor(Math.log2(n - 1));
  const spacing = 2 ** (lg - 2);
  return Math.ceil(n / spacing) * spacing;
}

/** Header bytes of an sds of `length` (type 5 below 32 bytes, then 8/16/32/64-bit headers). */
function sdsHeader(length: number, allowType5: boolean): number {
  if (length < 32 && allowType5) return 1;
  if (length < 256) return 3;
  if (length < 65536) return 5;
  if (length < 4294967296) return 9;
  return 17;
}

/** `sdsZmallocSize` of an sds created exactly for `length` bytes (keys, hash fields, set members). */
export function sdsSize(length: number): number {
  return allocSize(sdsHeader(length, true) + length + 1);
}

export const ROBJ = 16;
export const DICT_ENTRY = 24;
const DICT = 56;
const QUICKLIST = 40;
const ZSET = 16;
const ZSKIPLIST = 32;
/** The skiplist header node: 24 bytes + 32 levels of 16 bytes. */
const ZSKIPLIST_HEADER = allocSize(24 + 32 * 16);
/** A skiplist node has 1 level with p=3/4, 2 with p=3/16…: its average allocation. */
const ZSKIPLIST_NODE_AVERAGE = 0.75 * allocSize(40) + 0.1875 * allocSize(56) + 0.046875 * allocSize(72) + 0.015625 * allocSize(88);
const STREAM = 80;
const STREAM_CG = 40;
const STREAM_NACK = 24;
const STREAM_ID = 16;
const RAX_NODE = 4;

/** What a key costs in the main dictionary besides its value: the key's sds and a dict entry. */
export function keyOverhead(keyLength: number): number {
  return sdsSize(keyLength) + DICT_ENTRY;
}

/** A string value: shared/int-encoded, embstr (≤ 44 bytes, object and sds in one allocation) or raw. */
export function stringValueSize(length: number, integerEncoded: boolean): number {
  if (integerEncoded) return ROBJ;
  if (length <= 44) return allocSize(ROBJ + 3 + length + 1);
  return ROBJ + allocSize(sdsHeader(length, false) + length + 1);
}

/** A value kept as one compact blob (listpack, ziplist, intset, zipmap). */
export function compactValueSize(blobLength: number): number {
  return ROBJ + allocSize(blobLength);
}

/** Buckets of a dict holding `n` entries: the next power of two, at least 4. */
function dictSlots(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

function dictBaseSize(n: number): number {
  return ROBJ + DICT + 8 * dictSlots(n);
}

/** A set or hash in a hashtable: base + per element a dict entry + the element sds sizes (summed by the caller). */
export function hashtableSize(n: number, elementSdsBytes: number): number {
  return dictBaseSize(n) + n * DICT_ENTRY + elementSdsBytes;
}

export function skiplistZsetSize(n: number, memberSdsBytes: number): number {
  return ROBJ + ZSET + ZSKIPLIST + DICT + 8 * dictSlots(n) + ZSKIPLIST_HEADER + memberSdsBytes + n * (DICT_ENTRY + ZSKIPLIST_NODE_AVERAGE);
}

/** Quicklist node struct: 40 bytes since 7.0, 32 before. */
export function quicklistNodeSize(rdbVersion: number): number {
  return rdbVersion >= 10 ? 40 : 32;
}

export function quicklistBaseSize(): number {
  return ROBJ + QUICKLIST;
}

/** `streamRadixTreeMemoryUsage`: the rax of IDs, with as many nodes as elements (IDs share few prefixes once compressed). */
function raxUsage(elements: number): number {
  const nodes = elements === 0 ? 1 : elements + 1;
  return elements * STREAM_ID + nodes * RAX_NODE + nodes * 8 * 30;
}

export interface StreamShape {
  nodes: number;
  /** Sum of the allocated size of every listpack node. */
  listpackBytes: number;
  groups: number;
  groupPending: number;
  consumers: number;
  consumerNameBytes: number;
  consumerPending: number;
}

/** A stream consumer: 24 bytes in 7.0, 32 since 7.2 added its active time. */
function streamConsumerSize(rdbVersion: number): number {
  return rdbVersion >= 11 ? 32 : 24;
}

export function streamSize(shape: StreamShape, rdbVersion: number): number {
  let size = ROBJ + STREAM + raxUsage(shape.nodes) + shape.listpackBytes;
  size += shape.groups * (STREAM_CG + raxUsage(0)) + (raxUsage(shape.groupPending) - raxUsage(0)) + shape.groupPending * STREAM_NACK;
  size += shape.consumers * (streamConsumerSize(rdbVersion) + raxUsage(0)) + shape.consumerNameBytes + (raxUsage(shape.consumerPending) - raxUsage(0));
  return Math.round(size);
}
