import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';

/** A server started with `--dir`/`--dbfilename` on the command line (7.0 refuses CONFIG SET dir), and where its dump lands. */
export interface DumpServer {
  server: RedisFixture;
  redis: Redis;
  dumpPath: string;
  stop(): Promise<void>;
}

export async function startDumpServer(extraArgs: string[] = []): Promise<DumpServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-test-'));
  const server = await startStandalone({ args: ['--dir', dir, '--dbfilename', 'dump.rdb', ...extraArgs] });
  const redis = new Redis({ port: server.port, lazyConnect: false });
  return {
    server,
    redis,
    dumpPath: join(dir, 'dump.rdb'),
    stop: async () => {
      redis.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const LIBRARY = "#!lua name=seedlib\nredis.register_function('seedfn', function(keys, args) return 1 end)";

/** Every type and encoding Redis 7.0 writes, on both sides of each threshold, binary names, TTLs, two dbs, a stream with groups, a function. */
export async function seedEveryEncoding(redis: Redis): Promise<void> {
  const p = redis.pipeline();
  const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  p.set('str:int', '12345').set('str:int19', '1234567890123456789').set('str:embstr', 'x'.repeat(44)).set('str:raw', 'y'.repeat(45));
  p.set('str:big', 'z'.repeat(300_000)).set('str:compressible', 'ab'.repeat(5000));
  p.set(Buffer.from([0xff, 0x00, 0x0a, 0x5c, 0x41]), 'binary name');
  p.set('ttl:ex', 'v', 'EX', 3000).set('ttl:px', 'v', 'PX', 90_000_000);
  p.rpush('list:small', ...range(10, (i) => `e${i}`));
  p.rpush('list:big', ...range(5000, (i) => `element-${i}-${'p'.repeat(i % 50)}`));
  p.rpush('list:ints', ...range(200, (i) => String(i * 1000)));
  p.sadd('set:intset512', ...range(512, String)).sadd('set:ht513', ...range(513, String));
  p.sadd('set:strings', ...range(20, (i) => `m${i}`)).sadd('set:bigmembers', ...range(3000, (i) => `member-${i}-${'q'.repeat(40)}`));
  p.zadd('zset:lp128', ...range(128, (i) => [String(i), `m${i}`]).flat());
  p.zadd('zset:sl129', ...range(129, (i) => [String(i * 1.5), `m${i}`]).flat());
  p.zadd('zset:longmember', '1', 'a', '2', 'b'.repeat(65));
  p.zadd('zset:big', ...range(4000, (i) => [String(i / 7), `player:${i}`]).flat());
  p.hset('hash:lp128', ...range(128, (i) => [`f${i}`, `v${i}`]).flat());
  p.hset('hash:ht129', ...range(129, (i) => [`f${i}`, `v${i}`]).flat());
  p.hset('hash:value64', 'f', 'v'.repeat(64)).hset('hash:value65', 'f', 'v'.repeat(65));
  p.hset('hash:big', ...range(6000, (i) => [`field:${i}`, `value-${i}-${'r'.repeat(20)}`]).flat());
  for (let i = 0; i < 300; i++) p.xadd('stream:events', '*', 'n', String(i), 'kind', i % 3 ? 'click' : 'view');
  p.xadd('stream:small', '1-1', 'a', '1');
  p.select(1).set('db1:key', 'in db 1').hset('db1:hash', 'a', '1').select(0);
  await p.exec();
  await redis.xgroup('CREATE', 'stream:events', 'g1', '0');
  await redis.xgroup('CREATE', 'stream:events', 'g2', '$');
  await redis.xreadgroup('GROUP', 'g1', 'alice', 'COUNT', '25', 'STREAMS', 'stream:events', '>');
  await redis.xreadgroup('GROUP', 'g1', 'bob', 'COUNT', '10', 'STREAMS', 'stream:events', '>');
  await redis.call('FUNCTION', 'LOAD', LIBRARY);
}
