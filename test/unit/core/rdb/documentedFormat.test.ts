import assert from 'node:assert/strict';
import { bufferSource, RdbError, RdbParser, type RdbKeyRecord } from '../../../../src/core/rdb';
import * as f from './rdbBytes';

function parse(file: Buffer): { records: RdbKeyRecord[]; parser: RdbParser } {
  const parser = new RdbParser(bufferSource(file), { chunkSize: 64 });
  const records: RdbKeyRecord[] = [];
  for (let r = parser.next(); r; r = parser.next()) records.push(r);
  return { records, parser };
}

const summary = (r: RdbKeyRecord): [string, string, string, number] => [r.key.toString('latin1'), r.type, r.encoding, r.elements];

describe('RDB parser on byte fixtures built from the documented format', () => {
  it('RDB 9 (Redis 5.0–6.2): ziplist, zipmap, quicklist of ziplists, intset, zset with ASCII and binary scores, stream listpacks 1, a module value', () => {
    const body = f.bytes(
      f.header(9),
      f.aux('redis-ver', '6.2.14'),
      f.aux('ctime', '1700000000'),
      f.selectDb(0),
      f.resizeDb(11, 2),
      [13], f.str('h:zl'), f.str(f.ziplist(['name', 'ada', 'age', 36])),
      [9], f.str('h:zipmap'), f.str(f.zipmap([['a', '1'], ['b', '22'], ['c', '333']])),
      [14], f.str('l:quick'), f.length(2), f.str(f.ziplist(['a', 'b', 7, 300])), f.str(f.ziplist(['c'], true)),
      [11], f.str('s:ints'), f.str(f.intset(4, [1, 70000, 99999])),
      [12], f.str('z:zl'), f.str(f.ziplist(['m1', 1, 'm2', 2])),
      f.expireMs(1700000360000),
      [3], f.str('z:ascii'), f.length(2), f.str('x'), [3], Buffer.from('1.5'), f.str('y'), [254],
      f.expireSeconds(1700086400),
      [5], f.str('z:binary'), f.length(1), f.str('only'), Buffer.from(new Float64Array([2.5]).buffer),
      [15], f.str('st:v1'), f.length(1), f.str(f.rawId(1000, 0)), f.str(f.streamNode([{ msDelta: 0, seqDelta: 0, value: 'a' }, { msDelta: 5, seqDelta: 0, value: 'b' }])),
      f.length(2), f.length(1005), f.length(0), // length, last id
      f.length(1), f.str('grp'), f.length(1000), f.length(0), // one group, last delivered 1000-0
      f.length(1), f.rawId(1000, 0), f.millis(1700000000000), f.length(1), // PEL of one entry
      f.length(1), f.str('alice'), f.millis(1700000000000), f.length(1), f.rawId(1000, 0), // one consumer owning it
      [1], f.str('l:linked'), f.length(3), f.str('a'), f.intStr(-5), f.lzfRepeat('ab', 40),
      [7], f.str('mod:key'), f.moduleId('testtype1', 3), [2], f.length(99), [5], f.str('payload'), [4], Buffer.alloc(8), [0],
      [0], f.str(Buffer.from([0xc3, 0x28, 0x0a])), f.intStr(100000),
    );
    const { records, parser } = parse(f.eof(body));
    assert.equal(parser.info.version, 9);
    assert.equal(parser.info.checksum, 'verified');
    assert.deepEqual(records.map(summary), [
      ['h:zl', 'hash', 'ziplist', 2],
      ['h:zipmap', 'hash', 'ziplist', 3],
      ['l:quick', 'list', 'quicklist', 5],
      ['s:ints', 'set', 'intset', 3],
      ['z:zl', 'zset', 'ziplist', 2],
      ['z:ascii', 'zset', 'skiplist', 2],
      ['z:binary', 'zset', 'skiplist', 1],
      ['st:v1', 'stream', 'stream', 2],
      ['l:linked', 'list', 'quicklist', 3],
      ['mod:key', 'module', 'testtype1', 0],
      ['\xc3(\n', 'string', 'int', 6],
    ]);
    assert.equal(records[5].expiresAtMs, 1700000360000);
    assert.equal(records[6].expiresAtMs, 1700086400000);
    assert.deepEqual(records[7].stream, { groups: 1, pending: 1, consumers: 1 });
    assert.equal(records[9].moduleType, 'testtype1');
    assert.ok(records.every((r) => r.memoryBytes > 0 && r.db === 0));
  });

  it('RDB 11 (Redis 7.2): set listpack, stream listpacks 3, a one-node list kept as a listpack, plain quicklist nodes, LFU counters', () => {
    const body = f.bytes(
      f.header(11),
      f.aux('redis-ver', '7.2.4'),
      f.selectDb(3),
      f.freq(42),
      [20], f.str('s:lp'), f.str(f.listpack(['red', 'green', 'blue'])),
      f.idle(3600),
      [18], f.str('l:one'), f.length(1), f.length(2), f.str(f.listpack(['a', 'b', 1000])),
      [18], f.str('l:plain'), f.length(2), f.length(1), f.lzfRepeat('xy', 3000), f.length(2), f.str(f.listpack(['tail'], true)),
      [21], f.str('st:v3'), f.length(1), f.str(f.rawId(5, 0)), f.str(f.streamNode([{ msDelta: 0, seqDelta: 0, value: 'v' }])),
      f.length(1), f.length(5), f.length(0), // length, last id
      f.length(5), f.length(0), f.length(0), f.length(0), f.length(1), // first id, max deleted id, entries added
      f.length(1), f.str('g'), f.length(5), f.length(0), f.length(1), // group, last id, entries read
      f.length(0), // empty PEL
      f.length(2), f.str('c1'), f.millis(1), f.millis(2), f.length(0), f.str('c2'), f.millis(3), f.millis(4), f.length(0),
      [0xf5], f.str("#!lua name=lib\nredis.register_function('f', function() return 1 end)"),
    );
    const { records, parser } = parse(f.eof(body, false));
    assert.equal(parser.info.checksum, 'absent');
    assert.equal(parser.info.functionLibraries, 1);
    assert.deepEqual(records.map(summary), [
      ['s:lp', 'set', 'listpack', 3],
      ['l:one', 'list', 'listpack', 3],
      ['l:plain', 'list', 'quicklist', 2],
      ['st:v3', 'stream', 'stream', 1],
    ]);
    assert.equal(records[0].lfuFreq, 42);
    assert.equal(records[1].idleSeconds, 3600);
    assert.ok(records.every((r) => r.db === 3));
    assert.deepEqual(records[3].stream, { groups: 1, pending: 0, consumers: 2 });
    assert.ok(records[2].memoryBytes > 6000, 'the plain node holds a 6000-byte element');
  });

  it('counts entries by walking a ziplist or listpack whose header count saturated', () => {
    const items = Array.from({ length: 10 }, (_, i) => `e${i}`);
    const body = f.bytes(f.header(10), [16], f.str('h'), f.str(f.listpack([...items, ...items], true)), [17], f.str('z'), f.str(f.listpack(['a', 1, 'b', 2], true)));
    assert.deepEqual(parse(f.eof(body)).records.map(summary), [['h', 'hash', 'listpack', 10], ['z', 'zset', 'listpack', 2]]);
  });

  it('keeps only the first bytes of a key name longer than the key limit, and says so', () => {
    const long = 'k'.repeat(5000);
    const body = f.bytes(f.header(10), [0], f.str(long), f.str('v'), [0], f.lzfRepeat('ab', 3000), f.str('w'), [0], f.str('short'), f.str('x'));
    const parser = new RdbParser(bufferSource(f.eof(body)), { chunkSize: 64, keyLimit: 100 });
    const records = [parser.next(), parser.next(), parser.next()].map((r) => r && [r.key.toString(), r.keyLength, r.keyTruncated]);
    assert.deepEqual(records, [['k'.repeat(100), 5000, true], ['', 6000, true], ['short', 5, false]]);
    assert.equal(parser.next(), null);
  });

  it('refuses RDB 12 with exactly the documented sentence, and other versions and non-RDB files clearly', () => {
    const attempt = (file: Buffer): RdbError => {
      try {
        parse(file);
      } catch (err) {
        assert.ok(err instanceof RdbError, String(err));
        return err;
      }
      assert.fail('expected an RdbError');
    };
    assert.equal(attempt(f.eof(f.header(12))).message, 'RDB 12 (Redis 7.4+) is not supported yet');
    assert.equal(attempt(f.eof(f.header(8))).message, 'RDB version 8 is not supported: this reader handles versions 9 to 11 (Redis 5.0 to 7.2).');
    assert.equal(attempt(Buffer.from('GIF89a-not-a-dump')).message, 'This is not an RDB file: it does not start with "REDIS".');
    assert.equal(attempt(Buffer.from('REDI')).message, 'This is not an RDB file: it is 4 bytes long, shorter than the 9-byte header.');
  });

  describe('truncated and corrupted files', () => {
    const good = f.eof(
      f.bytes(f.header(10), f.aux('redis-ver', '7.0.15'), f.selectDb(0), f.expireMs(1), [0], f.str('k'), f.lzfRepeat('ab', 50), [16], f.str('h'), f.str(f.listpack(['f', 'v'])), [4], f.str('ht'), f.length(1), f.str('f'), f.str('v')),
    );

    it('a file cut at any byte gives one RdbError naming the offset, never another exception', () => {
      for (let cut = 9; cut < good.length; cut++) {
        assert.throws(() => parse(good.subarray(0, cut)), (err: unknown) => err instanceof RdbError && /^The RDB file is truncated: it ends at byte \d+ in the middle of .+\.$/.test(err.message) && err.offset <= cut, `cut at ${cut}`);
      }
    });

    it('any single flipped byte gives an RdbError or is caught by the checksum', () => {
      for (let at = 9; at < good.length - 8; at++) {
        const bad = Buffer.from(good);
        bad[at] ^= 0x55;
        assert.throws(() => parse(bad), RdbError, `flip at ${at}`);
      }
    });

    it('names what is wrong: an unknown type, a listpack of the wrong length, an LZF string that does not match its length', () => {
      const unknownType = f.eof(f.bytes(f.header(10), [30], f.str('k'), f.str('v')));
      assert.throws(() => parse(unknownType), /^RdbError: The RDB file is corrupted at byte 9: value type 30 is unknown to RDB version 10\.$/);
      const lp = f.listpack(['a']);
      lp.writeUInt32LE(99, 0);
      assert.throws(() => parse(f.eof(f.bytes(f.header(10), [20], f.str('s'), f.str(lp)))), /corrupted at byte 12: a listpack says it is 99 bytes long but is 10/);
      const lzf = f.lzfRepeat('ab', 10);
      lzf[2] += 1; // claims one more decompressed byte than the data gives
      // As a key name, so it is decompressed (values are only measured).
      assert.throws(() => parse(f.eof(f.bytes(f.header(10), [0], lzf, f.str('v')))), /an LZF-compressed string decompresses to 20 bytes instead of 21/);
    });
  });
});
