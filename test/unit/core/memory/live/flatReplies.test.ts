import assert from 'node:assert/strict';
import { encodeCommand } from '../../../../../src/core/terminal/resp';
import { CommandBatch, FlatReplies, FlatReplyError, KIND_BULK, KIND_ERROR, KIND_INTEGER, KIND_NULL, KIND_SIMPLE, readFlatReplies } from '../../../../../src/core/memory/live/flatReplies';

const WIRE = Buffer.from('+string\r\n:-1\r\n:56\r\n-ERR no such key\r\n$-1\r\n_\r\n$10\r\nlist\r\npack\r\n:1234567890123\r\n');

function parseInPieces(bytes: Buffer, cut: number[]): FlatReplies {
  const replies = new FlatReplies(8);
  let pending = Buffer.alloc(0);
  let last = 0;
  for (const at of [...cut, bytes.length]) {
    pending = Buffer.concat([pending, bytes.subarray(last, at)]);
    last = at;
    pending = pending.subarray(readFlatReplies(pending, 0, replies));
  }
  assert.equal(pending.length, 0);
  return replies;
}

describe('flat RESP replies of the live memory analysis', () => {
  it('reads simple strings, integers, errors, RESP2 and RESP3 nulls and bulk strings by position', () => {
    const r = parseInPieces(WIRE, []);
    assert.ok(r.complete);
    assert.deepEqual([...r.kinds], [KIND_SIMPLE, KIND_INTEGER, KIND_INTEGER, KIND_ERROR, KIND_NULL, KIND_NULL, KIND_BULK, KIND_INTEGER]);
    assert.equal(r.texts[0], 'string');
    assert.equal(r.integers[1], -1);
    assert.equal(r.integers[2], 56);
    assert.equal(r.texts[3], 'ERR no such key');
    assert.equal(r.texts[6], 'list\r\npack');
    assert.equal(r.integers[7], 1234567890123);
  });

  it('gives the same replies whatever byte the socket splits them at', () => {
    const whole = parseInPieces(WIRE, []);
    for (let cut = 1; cut < WIRE.length; cut++) {
      const split = parseInPieces(WIRE, [cut]);
      assert.deepEqual([...split.kinds], [...whole.kinds], `split at ${cut}`);
      assert.deepEqual([...split.integers], [...whole.integers], `split at ${cut}`);
      assert.deepEqual(split.texts, whole.texts, `split at ${cut}`);
    }
  });

  it('stops after the replies asked for and leaves the next batch in the buffer', () => {
    const r = new FlatReplies(2);
    const end = readFlatReplies(Buffer.from(':1\r\n:2\r\n:3\r\n'), 0, r);
    assert.equal(end, 8);
    assert.deepEqual([...r.integers], [1, 2]);
  });

  it('refuses an aggregate or a malformed integer with a RESP error', () => {
    assert.throws(() => readFlatReplies(Buffer.from('*1\r\n:1\r\n'), 0, new FlatReplies(1)), FlatReplyError);
    assert.throws(() => readFlatReplies(Buffer.from(':12x\r\n'), 0, new FlatReplies(1)), FlatReplyError);
  });

  it('encodes a batch exactly as the terminal encodes each command, binary keys included', () => {
    const key = Buffer.from([0xff, 0x00, 0x0d, 0x0a, 0x61]);
    const batch = new CommandBatch();
    batch.addKeyCommand(CommandBatch.prefix(['MEMORY', 'USAGE']), key);
    batch.add('OBJECT', 'ENCODING', key);
    batch.add('CLIENT', 'SETNAME', 'naïve');
    const expected = Buffer.concat([encodeCommand(['MEMORY', 'USAGE', key]), encodeCommand(['OBJECT', 'ENCODING', key]), encodeCommand(['CLIENT', 'SETNAME', 'naïve'])]);
    assert.deepEqual(batch.encode(), expected);
    assert.equal(batch.count, 3);
    assert.deepEqual(batch.commands(), [['MEMORY', 'USAGE', key], ['OBJECT', 'ENCODING', key], ['CLIENT', 'SETNAME', 'naïve']]);
  });
});
