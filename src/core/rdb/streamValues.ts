import { readBlob } from './blobs';
import { allocSize, streamSize, type StreamShape } from './memoryModel';
import { RdbType } from './rdbFormat';
import type { ValueShape } from './valueTypes';
import type { ValueContext } from './valueReaders';

const STREAM_ID_BYTES = 16;
/** Since 7.0 the newest node of a stream is preallocated to 4 KB (`STREAM_LISTPACK_MAX_PRE_ALLOCATE`). */
const STREAM_NODE_PREALLOC = 4096;

/**
 * A stream (RDB_TYPE_STREAM_LISTPACKS 1, 2 and 3): listpack nodes keyed by their master ID, then
 * the length and IDs (version 2 adds first ID, max deleted ID and entries added), then consumer
 * groups with their PEL and consumers (version 3 adds the consumer's active time).
 */
export function readStream(ctx: ValueContext, rdbType: number): ValueShape {
  const { p } = ctx;
  const nodes = p.readLength('the stream node count');
  const shape: StreamShape = { nodes, listpackBytes: 0, groups: 0, groupPending: 0, consumers: 0, consumerNameBytes: 0, consumerPending: 0 };
  for (let i = 0; i < nodes; i++) {
    const idLength = p.skipString('a stream node master ID');
    if (idLength !== STREAM_ID_BYTES) throw p.error(`a stream node master ID is ${idLength} bytes instead of 16`);
    const blob = readBlob(p, 'listpack', ctx.blobLimit, 'a stream listpack');
    const isNewest = i === nodes - 1;
    shape.listpackBytes += allocSize(isNewest && ctx.version >= 10 ? Math.max(blob.length, STREAM_NODE_PREALLOC) : blob.length);
  }
  const length = p.readLength('the stream length');
  readId(ctx, 'the stream last ID');
  if (rdbType >= RdbType.STREAM_LISTPACKS_2) {
    readId(ctx, 'the stream first ID');
    readId(ctx, 'the stream max deleted ID');
    p.readLengthBig('the stream entries-added counter');
  }
  shape.groups = p.readLength('the consumer group count');
  for (let g = 0; g < shape.groups; g++) {
    p.skipString('a consumer group name');
    readId(ctx, 'a consumer group last ID');
    if (rdbType >= RdbType.STREAM_LISTPACKS_2) p.readLengthBig('a consumer group entries-read counter');
    const pending = p.readLength('a consumer group PEL size');
    shape.groupPending += pending;
    for (let i = 0; i < pending; i++) {
      p.reader.skip(STREAM_ID_BYTES + 8, 'a pending entry');
      p.readLengthBig('a pending entry delivery count');
    }
    const consumers = p.readLength('a consumer count');
    shape.consumers += consumers;
    for (let c = 0; c < consumers; c++) {
      shape.consumerNameBytes += p.skipString('a consumer name');
      p.reader.skip(rdbType >= RdbType.STREAM_LISTPACKS_3 ? 16 : 8, 'a consumer seen/active time');
      const owned = p.readLength('a consumer PEL size');
      shape.consumerPending += owned;
      p.reader.skip(owned * STREAM_ID_BYTES, 'a consumer PEL');
    }
  }
  return {
    type: 'stream',
    encoding: 'stream',
    elements: length,
    memoryBytes: streamSize(shape, ctx.version),
    maxElementBytes: 0,
    stream: { groups: shape.groups, pending: shape.groupPending, consumers: shape.consumers },
  };
}

function readId(ctx: ValueContext, what: string): void {
  ctx.p.readLengthBig(what);
  ctx.p.readLengthBig(what);
}
