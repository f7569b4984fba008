import assert from 'node:assert/strict';
import { encodeCommand, type RespValue } from '../../../../src/core/terminal/resp';
import { RespParser, RespProtocolError } from '../../../../src/core/terminal/respParser';

function parseAll(...chunks: (string | Buffer)[]): RespValue[] {
  const replies: RespValue[] = [];
  const parser = new RespParser((r) => replies.push(r));
  for (const chunk of chunks) parser.feed(Buffer.from(chunk));
  return replies;
}

describe('RespParser', () => {
  it('parses RESP2 scalars and keeps simple strings apart from bulk strings', () => {
    assert.deepEqual(parseAll('+OK\r\n$2\r\nOK\r\n:42\r\n-ERR bad\r\n$-1\r\n*-1\r\n'), [
      { type: 'simple', value: 'OK' },
      { type: 'bulk', value: Buffer.from('OK') },
      { type: 'integer', value: '42' },
      { type: 'error', value: 'ERR bad' },
      { type: 'null' },
      { type: 'null' },
    ]);
  });

  it('parses nested arrays, including errors inside (EXEC)', () => {
    const [reply] = parseAll('*3\r\n:1\r\n*2\r\n$1\r\na\r\n*0\r\n-WRONGTYPE x\r\n');
    assert.deepEqual(reply, {
      type: 'array',
      items: [
        { type: 'integer', value: '1' },
        { type: 'array', items: [{ type: 'bulk', value: Buffer.from('a') }, { type: 'array', items: [] }] },
        { type: 'error', value: 'WRONGTYPE x' },
      ],
    });
  });

  it('parses RESP3 types', () => {
    const replies = parseAll('%1\r\n+k\r\n,1.5\r\n', '~1\r\n#t\r\n', '_\r\n', '(123456789012345678901\r\n', '=9\r\ntxt:hello\r\n', '!3\r\nERR\r\n', '>2\r\n$3\r\nmsg\r\n:1\r\n');
    assert.deepEqual(replies, [
      { type: 'map', items: [{ type: 'simple', value: 'k' }, { type: 'double', value: '1.5' }] },
      { type: 'set', items: [{ type: 'boolean', value: true }] },
      { type: 'null' },
      { type: 'bignum', value: '123456789012345678901' },
      { type: 'verbatim', format: 'txt', value: Buffer.from('hello') },
      { type: 'error', value: 'ERR' },
      { type: 'push', items: [{ type: 'bulk', value: Buffer.from('msg') }, { type: 'integer', value: '1' }] },
    ]);
  });

  it('drops RESP3 attributes, nested ones included, and keeps the value they annotate', () => {
    assert.deepEqual(parseAll('|1\r\n+key\r\n*2\r\n:1\r\n:2\r\n:7\r\n'), [{ type: 'integer', value: '7' }]);
    assert.deepEqual(parseAll('*2\r\n|1\r\n+a\r\n+b\r\n:1\r\n:2\r\n'), [{ type: 'array', items: [{ type: 'integer', value: '1' }, { type: 'integer', value: '2' }] }]);
  });

  it('keeps binary bulk strings byte for byte, CRLF inside included', () => {
    const payload = Buffer.from([0, 0xff, 0x0d, 0x0a, 0x80]);
    const [reply] = parseAll(Buffer.concat([Buffer.from('$5\r\n'), payload, Buffer.from('\r\n')]));
    assert.deepEqual(reply, { type: 'bulk', value: payload });
  });

  it('assembles replies split at every byte boundary', () => {
    const wire = '*2\r\n$5\r\nhello\r\n%1\r\n+a\r\n:-3\r\n';
    const bytes = [...Buffer.from(wire)].map((b) => Buffer.from([b]));
    const replies = parseAll(...bytes);
    assert.equal(replies.length, 1);
    assert.deepEqual(replies[0], parseAll(wire)[0]);
  });

  it('joins a large bulk string delivered in many chunks once', () => {
    const size = 5 * 1024 * 1024;
    const replies: RespValue[] = [];
    const parser = new RespParser((r) => replies.push(r));
    parser.feed(Buffer.from(`$${size}\r\n`));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < size; sent += chunk.length) parser.feed(chunk);
    assert.equal(replies.length, 0);
    parser.feed(Buffer.from('\r\n+next\r\n'));
    assert.equal(replies.length, 2);
    assert.equal((replies[0] as { value: Buffer }).value.length, size);
  });

  it('rejects bytes that are not RESP', () => {
    assert.throws(() => parseAll('hello\r\n'), RespProtocolError);
  });

  it('encodes commands as arrays of bulk strings', () => {
    assert.equal(encodeCommand(['SET', Buffer.from([0xff]), 'é']).toString('latin1'), '*3\r\n$3\r\nSET\r\n$1\r\n\xff\r\n$2\r\n\xc3\xa9\r\n');
  });
});
