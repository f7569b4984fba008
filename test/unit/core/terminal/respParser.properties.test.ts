import assert from 'node:assert/strict';
import type { RespValue } from '../../../../src/core/terminal/resp';
import { RespParser, RespProtocolError } from '../../../../src/core/terminal/respParser';

/** A small seeded generator (mulberry32), so a failure names a reproducible case. */
function randomSource(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

function bytes(random: (n: number) => number): Buffer {
  return Buffer.from(Array.from({ length: Math.floor(random(12)) }, () => Math.floor(random(256))));
}

/** Any RESP2/RESP3 value, nested up to `depth`; strings of simple types hold no CR or LF, as on the wire. */
function anyValue(random: (n: number) => number, depth: number): RespValue {
  const line = () => bytes(random).toString('latin1').replace(/[\r\n]/g, '.');
  const kinds = depth > 0 ? 13 : 9;
  switch (Math.floor(random(kinds))) {
    case 0: return { type: 'simple', value: line() };
    case 1: return { type: 'error', value: line() };
    case 2: return { type: 'integer', value: String(Math.floor(random(2e9)) - 1e9) };
    case 3: return { type: 'bulk', value: bytes(random) };
    case 4: return { type: 'null' };
    case 5: return { type: 'double', value: String(random(1000) - 500) };
    case 6: return { type: 'boolean', value: random(2) < 1 };
    case 7: return { type: 'bignum', value: '3492890328409238509324850943850943825024385' };
    case 8: return { type: 'verbatim', format: 'txt', value: bytes(random) };
    default: {
      const type = (['array', 'set', 'push', 'map'] as const)[Math.floor(random(4))];
      const count = Math.floor(random(4)) * (type === 'map' ? 2 : 1);
      return { type, items: Array.from({ length: count }, () => anyValue(random, depth - 1)) };
    }
  }
}

function encode(value: RespValue): Buffer {
  const line = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
  switch (value.type) {
    case 'simple': return line(`+${value.value}`);
    case 'error': return line(`-${value.value}`);
    case 'integer': return line(`:${value.value}`);
    case 'double': return line(`,${value.value}`);
    case 'bignum': return line(`(${value.value}`);
    case 'boolean': return line(value.value ? '#t' : '#f');
    case 'null': return line('_');
    case 'bulk': return Buffer.concat([line(`$${value.value.length}`), value.value, line('')]);
    case 'verbatim': return Buffer.concat([line(`=${value.value.length + 4}`), Buffer.from(`${value.format}:`), value.value, line('')]);
    default: {
      const prefix = { array: '*', set: '~', push: '>', map: '%' }[value.type];
      const count = value.type === 'map' ? value.items.length / 2 : value.items.length;
      return Buffer.concat([line(`${prefix}${count}`), ...value.items.map(encode)]);
    }
  }
}

/** Decoded the way the parser reports them: `error`/`simple` strings as UTF-8. */
function asParsed(value: RespValue): RespValue {
  if (value.type === 'simple' || value.type === 'error') return { type: value.type, value: Buffer.from(value.value, 'latin1').toString('utf8') };
  if ('items' in value) return { type: value.type, items: value.items.map(asParsed) };
  return value;
}

function parseInChunks(wire: Buffer, cut: (n: number) => number): RespValue[] {
  const replies: RespValue[] = [];
  const parser = new RespParser((reply) => replies.push(reply));
  for (let at = 0; at < wire.length; ) {
    const size = 1 + Math.floor(cut(Math.min(9, wire.length - at)));
    parser.feed(wire.subarray(at, at + size));
    at += size;
  }
  return replies;
}

describe('RESP parser, stated as properties', () => {
  it('reads back any sequence of values, whole, byte by byte and in random chunks', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const random = randomSource(seed);
      const values = Array.from({ length: 1 + Math.floor(random(4)) }, () => anyValue(random, 3));
      const wire = Buffer.concat(values.map(encode));
      const expected = values.map(asParsed);
      assert.deepEqual(parseInChunks(wire, () => wire.length), expected, `seed ${seed}, whole`);
      assert.deepEqual(parseInChunks(wire, () => 0), expected, `seed ${seed}, byte by byte`);
      assert.deepEqual(parseInChunks(wire, random), expected, `seed ${seed}, random chunks`);
    }
  });

  it('drops an attribute before any value at any depth, and reads RESP2 nulls of every kind', () => {
    const attribute = Buffer.from('|1\r\n+ttl\r\n:3\r\n');
    for (let seed = 1; seed <= 50; seed++) {
      const value = anyValue(randomSource(seed), 2);
      assert.deepEqual(parseInChunks(Buffer.concat([attribute, encode(value)]), () => 0), [asParsed(value)], `seed ${seed}`);
    }
    for (const wire of ['$-1\r\n', '*-1\r\n', '!-1\r\n', '%-1\r\n']) assert.deepEqual(parseInChunks(Buffer.from(wire), () => 0), [{ type: 'null' }], wire);
  });

  it('after reset, a half-read reply is forgotten and the next reply parses on its own', () => {
    const replies: RespValue[] = [];
    const parser = new RespParser((reply) => replies.push(reply));
    parser.feed(Buffer.from('*3\r\n:1\r\n$10\r\nabc'));
    parser.reset();
    parser.feed(Buffer.from('+OK\r\n'));
    assert.deepEqual(replies, [{ type: 'simple', value: 'OK' }]);
  });

  it('rejects a length that is not an integer, for every length-prefixed type', () => {
    for (const prefix of ['$', '!', '=', '*', '~', '>', '%', '|']) {
      for (const length of ['x', '1.5', '2e']) {
        assert.throws(() => new RespParser(() => undefined).feed(Buffer.from(`${prefix}${length}\r\n`)), RespProtocolError, `${prefix}${length}`);
      }
    }
  });
});
