import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type Redis from 'ioredis';
import { bufferSource, openFileSource, RdbParser, type RdbKeyRecord } from '../../../src/core/rdb';
import { stopAll } from '../../fixtures/redis';
import { seedEveryEncoding, startDumpServer, type DumpServer } from './seedDump';

const COUNT_COMMAND: Record<string, string> = { string: 'STRLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', hash: 'HLEN', stream: 'XLEN' };

function parseAll(path: string, options: ConstructorParameters<typeof RdbParser>[1] = {}): { records: RdbKeyRecord[]; parser: RdbParser } {
  const source = openFileSource(path);
  try {
    const parser = new RdbParser(source, options);
    const records: RdbKeyRecord[] = [];
    for (let record = parser.next(); record; record = parser.next()) records.push(record);
    return { records, parser };
  } finally {
    source.close();
  }
}

interface LiveKey {
  type: string;
  encoding: string;
  elements: number;
  pttl: number;
  memory: number;
}

/** What the server says about one key: read before anything else touches it, in one pipeline. */
async function liveKey(redis: Redis, db: number, key: Buffer, type: string): Promise<LiveKey> {
  await redis.select(db);
  const results = await redis
    .pipeline()
    .type(key)
    .object('ENCODING', key)
    .call(COUNT_COMMAND[type] ?? 'EXISTS', key)
    .pttl(key)
    .call('MEMORY', 'USAGE', key, 'SAMPLES', '0')
    .exec();
  const values = (results ?? []).map(([err, value]) => {
    if (err) throw err;
    return value;
  });
  return { type: String(values[0]), encoding: String(values[1]), elements: Number(values[2]), pttl: Number(values[3]), memory: Number(values[4]) };
}

/** Runs the same checks on a dump written with or without `rdbcompression`. */
function dumpSuite(title: string, args: string[]): void {
  describe(title, () => {
    let dump: DumpServer;
    let records: RdbKeyRecord[];
    let parser: RdbParser;
    let savedAt: number;
    before(async () => {
      dump = await startDumpServer(args);
      await seedEveryEncoding(dump.redis);
      savedAt = Date.now();
      await dump.redis.save();
      ({ records, parser } = parseAll(dump.dumpPath));
    });
    after(async () => {
      await dump?.stop();
    });

    it('reads the header, aux fields, the function library and a verified checksum', () => {
      assert.equal(parser.info.version, 10);
      assert.equal(parser.info.aux['redis-ver'], '7.0.15');
      assert.equal(parser.info.functionLibraries, 1);
      assert.equal(parser.info.checksum, 'verified');
    });

    it('emits every key of every db, no more', async () => {
      for (const db of [0, 1]) {
        await dump.redis.select(db);
        const size = await dump.redis.dbsize();
        assert.equal(records.filter((r) => r.db === db).length, size, `db ${db}`);
      }
      assert.ok(records.some((r) => r.key.equals(Buffer.from([0xff, 0x00, 0x0a, 0x5c, 0x41]))), 'the binary key name is read byte for byte');
    });

    it('matches TYPE, OBJECT ENCODING, the element count and the TTL of every key', async () => {
      for (const record of records) {
        const live = await liveKey(dump.redis, record.db, record.key, record.type);
        const name = `${record.key.toString('latin1')} (db ${record.db})`;
        assert.equal(record.type, live.type, `type of ${name}`);
        assert.equal(record.encoding, live.encoding, `encoding of ${name}`);
        assert.equal(record.elements, live.elements, `elements of ${name}`);
        if (live.pttl < 0) assert.equal(record.expiresAtMs, null, `${name} has no expiry`);
        else assert.ok(Math.abs((record.expiresAtMs ?? 0) - (savedAt + live.pttl)) < 5000, `expiry of ${name}: ${record.expiresAtMs} vs ${savedAt + live.pttl}`);
      }
    });

    it('ranks the top 10 keys by memory as MEMORY USAGE SAMPLES 0 does, each estimate within 15%', async () => {
      const live = new Map<string, number>();
      for (const record of records) live.set(`${record.db}:${record.key.toString('base64')}`, (await liveKey(dump.redis, record.db, record.key, record.type)).memory);
      const id = (r: RdbKeyRecord): string => `${r.db}:${r.key.toString('base64')}`;
      const offlineTop = [...records].sort((a, b) => b.memoryBytes - a.memoryBytes).slice(0, 10).map(id);
      const liveTop = [...live.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([key]) => key);
      assert.deepEqual(offlineTop, liveTop);
      for (const record of records) {
        const actual = live.get(id(record)) as number;
        assert.ok(Math.abs(record.memoryBytes - actual) <= actual * 0.15, `${record.key.toString('latin1')}: estimated ${record.memoryBytes}, MEMORY USAGE ${actual}`);
      }
    });

    it('gives the same records from memory, from small chunks and without checksum verification', () => {
      const whole = new RdbParser(bufferSource(readFileSync(dump.dumpPath)), { chunkSize: 4096, blobLimit: 8192 });
      const again: RdbKeyRecord[] = [];
      for (let record = whole.next(); record; record = whole.next()) again.push(record);
      assert.deepEqual(again.map((r) => [r.key, r.elements]), records.map((r) => [r.key, r.elements]));
      assert.deepEqual(parseAll(dump.dumpPath, { verifyChecksum: false }).records, records);
    });
  });
}

describe('RDB parser on dumps written by redis-server 7.0', () => {
  after(stopAll);
  dumpSuite('with rdbcompression yes', ['--rdbcompression', 'yes']);
  dumpSuite('with rdbcompression no', ['--rdbcompression', 'no']);
});
