import assert from 'node:assert/strict';
import { formatInvalidation, formatReply, formatReplyRaw, printsRaw, quoteBytes } from '../../../../src/core/terminal/formatReply';
import { resp, type RespValue } from '../../../../src/core/terminal/resp';

const bulk = resp.bulk;
const int = resp.integer;

describe('formatReply (redis-cli TTY output)', () => {
  it('formats scalars', () => {
    assert.equal(formatReply(resp.simple('OK')), 'OK\n');
    assert.equal(formatReply(bulk('OK')), '"OK"\n');
    assert.equal(formatReply(int(-5)), '(integer) -5\n');
    assert.equal(formatReply(resp.null()), '(nil)\n');
    assert.equal(formatReply(resp.error('ERR wrong')), '(error) ERR wrong\n');
    assert.equal(formatReply({ type: 'double', value: '1.5' }), '(double) 1.5\n');
    assert.equal(formatReply({ type: 'boolean', value: true }), '(true)\n');
    assert.equal(formatReply({ type: 'boolean', value: false }), '(false)\n');
    assert.equal(formatReply({ type: 'bignum', value: '12345678901234567890' }), '(big number) 12345678901234567890\n');
    assert.equal(formatReply({ type: 'verbatim', format: 'txt', value: Buffer.from('line1\nline2') }), 'line1\nline2\n');
  });

  it('quotes strings with C escapes and \\xNN for non-ASCII bytes', () => {
    assert.equal(quoteBytes(Buffer.from([0x00, 0xff, 0x7f, 0x80, 0x22, 0x5c, 0x0a, 0x0d, 0x09, 0x07, 0x08])), '"\\x00\\xff\\x7f\\x80\\"\\\\\\n\\r\\t\\a\\b"');
    assert.equal(quoteBytes(Buffer.from('é')), '"\\xc3\\xa9"');
    assert.equal(quoteBytes(Buffer.alloc(0)), '""');
  });

  it('numbers nested arrays with indentation following the index width', () => {
    const nested = resp.array([int(1), resp.array([int(2), resp.array([int(3), bulk('x')])]), resp.error('MY err')]);
    assert.equal(formatReply(nested), '1) (integer) 1\n2) 1) (integer) 2\n   2) 1) (integer) 3\n      2) "x"\n3) (error) MY err\n');
  });

  it('right-aligns indices when there are ten or more elements', () => {
    const items = Array.from({ length: 10 }, (_, i) => bulk(String(i)));
    const out = formatReply(resp.array([resp.array(items)]));
    assert.ok(out.startsWith('1)  1) "0"\n    2) "1"\n'));
    assert.ok(out.endsWith('   10) "9"\n'));
  });

  it('formats empty aggregates by type', () => {
    assert.equal(formatReply(resp.array([])), '(empty array)\n');
    assert.equal(formatReply({ type: 'map', items: [] }), '(empty hash)\n');
    assert.equal(formatReply({ type: 'set', items: [] }), '(empty set)\n');
    assert.equal(formatReply({ type: 'push', items: [] }), '(empty push)\n');
  });

  it('formats RESP3 maps with # and =>, sets with ~', () => {
    const map: RespValue = { type: 'map', items: [bulk('server'), bulk('redis'), bulk('proto'), int(3)] };
    assert.equal(formatReply(map), '1# "server" => "redis"\n2# "proto" => (integer) 3\n');
    assert.equal(formatReply({ type: 'set', items: [bulk('a'), bulk('b')] }), '1~ "a"\n2~ "b"\n');
    const nested: RespValue = { type: 'map', items: [bulk('k'), resp.array([bulk('a'), bulk('b')])] };
    // redis-cli 7 puts a multi-line map value on its own lines.
    assert.equal(formatReply(nested), '1# "k" => \n   1) "a"\n   2) "b"\n');
    const single: RespValue = { type: 'map', items: [bulk('k'), resp.array([bulk('only')])] };
    assert.equal(formatReply(single), '1# "k" => 1) "only"\n');
  });

  it('formats push messages like arrays', () => {
    assert.equal(formatReply({ type: 'push', items: [bulk('message'), bulk('ch'), bulk('hi')] }), '1) "message"\n2) "ch"\n3) "hi"\n');
  });

  it('formats client-side caching invalidations as redis-cli does', () => {
    const push: RespValue = { type: 'push', items: [bulk('invalidate'), resp.array([bulk('k1'), bulk('k2')])] };
    assert.equal(formatInvalidation(push), "-> invalidate: 'k1', 'k2'\n");
    assert.equal(formatInvalidation({ type: 'push', items: [bulk('message'), bulk('x')] }), undefined);
  });
});

describe('raw output for report commands', () => {
  it('knows which commands redis-cli prints raw', () => {
    const b = (...words: string[]): Buffer[] => words.map((w) => Buffer.from(w));
    assert.equal(printsRaw(b('INFO')), true);
    assert.equal(printsRaw(b('info', 'memory')), true);
    assert.equal(printsRaw(b('client', 'list')), true);
    assert.equal(printsRaw(b('cluster', 'nodes')), true);
    assert.equal(printsRaw(b('cluster', 'nodes', 'x')), false);
    assert.equal(printsRaw(b('latency', 'doctor')), true);
    assert.equal(printsRaw(b('get', 'info')), false);
  });

  it('prints strings unquoted and aggregates one element per line', () => {
    assert.equal(formatReplyRaw(bulk('# Server\r\nx:1\r\n')), '# Server\r\nx:1\r\n');
    assert.equal(formatReplyRaw(resp.array([bulk('a'), int(2)])), 'a\n2');
    assert.equal(formatReplyRaw({ type: 'map', items: [bulk('k'), bulk('v')] }), 'k v');
    assert.equal(formatReplyRaw(resp.error('ERR x')), 'ERR x\n');
    assert.equal(formatReplyRaw(resp.null()), '');
  });
});
