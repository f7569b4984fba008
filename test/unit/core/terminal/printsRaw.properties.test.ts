import assert from 'node:assert/strict';
import { formatInvalidation, formatReplyRaw, printsRaw } from '../../../../src/core/terminal/formatReply';
import type { RespValue } from '../../../../src/core/terminal/resp';

const words = (line: string) => (line === '' ? [] : line.split(' ').map((word) => Buffer.from(word)));
const bulk = (value: string): RespValue => ({ type: 'bulk', value: Buffer.from(value) });

describe('raw output, stated as properties', () => {
  it("prints raw exactly redis-cli's report commands, in any case, with their argument counts", () => {
    const raw = ['info', 'INFO server', 'lolwut version 5', 'debug htstats 0', 'DEBUG HTSTATS-KEY k', 'memory malloc-stats', 'memory doctor', 'cluster nodes', 'CLUSTER INFO', 'client list', 'client info', 'client list type normal', 'latency graph event', 'latency doctor'];
    const quoted = ['', 'get k', 'debug', 'debug object k', 'memory', 'memory usage k', 'cluster nodes x', 'cluster', 'cluster slots', 'client', 'client kill x', 'latency graph', 'latency graph a b', 'latency doctor x', 'latency latest', 'config get x'];
    for (const line of raw) assert.equal(printsRaw(words(line)), true, line);
    for (const line of quoted) assert.equal(printsRaw(words(line)), false, line);
  });

  it('raw replies are the bare strings, one element per line, map pairs joined by a space, controls escaped', () => {
    const reply: RespValue = {
      type: 'array',
      items: [bulk('a\x1b'), { type: 'simple', value: 'ok' }, { type: 'integer', value: '7' }, { type: 'double', value: '1.5' }, { type: 'bignum', value: '9' }, { type: 'null' }, { type: 'boolean', value: true }, { type: 'boolean', value: false }, { type: 'verbatim', format: 'txt', value: Buffer.from('v') }],
    };
    assert.equal(formatReplyRaw(reply), 'a\\x1b\nok\n7\n1.5\n9\n\n(true)\n(false)\nv');
    assert.equal(formatReplyRaw({ type: 'map', items: [bulk('k1'), bulk('v1'), bulk('k2'), bulk('v2')] }), 'k1 v1\nk2 v2');
    assert.equal(formatReplyRaw({ type: 'error', value: 'ERR x\x07' }), 'ERR x\\x07\n');
    for (const type of ['set', 'push'] as const) assert.equal(formatReplyRaw({ type, items: [bulk('a'), bulk('b')] }), 'a\nb');
  });

  it('an invalidation push names its keys; any other push or shape is not an invalidation', () => {
    assert.equal(formatInvalidation({ type: 'push', items: [bulk('invalidate'), { type: 'array', items: [bulk('k1'), bulk('k\x1b')] }] }), "-> invalidate: 'k1', 'k\\x1b'\n");
    assert.equal(formatInvalidation({ type: 'push', items: [bulk('invalidate'), { type: 'array', items: [{ type: 'null' }] }] }), "-> invalidate: ''\n");
    const notInvalidations: RespValue[] = [
      { type: 'array', items: [bulk('invalidate'), { type: 'array', items: [] }] },
      { type: 'push', items: [bulk('message'), { type: 'array', items: [] }] },
      { type: 'push', items: [bulk('invalidate')] },
      { type: 'push', items: [bulk('invalidate'), bulk('k')] },
      { type: 'push', items: [{ type: 'simple', value: 'invalidate' }, { type: 'array', items: [] }] },
    ];
    for (const reply of notInvalidations) assert.equal(formatInvalidation(reply), undefined, JSON.stringify(reply));
  });
});
