import type { Redis, Cluster } from 'ioredis';

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** Keys with TTLs in each bucket of the report: < 1 h, < 1 d, < 1 w, more. */
export const TTL_BUCKETS = { 'ttl:hour': 1800, 'ttl:day': 7200, 'ttl:week': 200_000, 'ttl:later': 1_000_000 } as const;

/**
 * A keyspace for live analysis tests: known big keys, encodings on both sides of the listpack and
 * intset thresholds, TTL buckets, binary key names and patterns with many keys. Works on a Cluster
 * too (one command per key: no multi-key commands across slots).
 */
export async function seedLiveKeyspace(redis: Redis | Cluster): Promise<void> {
  // The packaged server's defaults differ from upstream (Debian: 512 hash entries): seed around the real ones.
  const limit = async (name: string): Promise<number> => Number(((await redis.call('CONFIG', 'GET', name)) as string[])[1]);
  const [hashEntries, zsetEntries, intsetEntries] = [await limit('hash-max-listpack-entries'), await limit('zset-max-listpack-entries'), await limit('set-max-intset-entries')];
  const commands: (string | number | Buffer)[][] = [];
  const p = {
    set: (...a: (string | number | Buffer)[]) => commands.push(['SET', ...a]),
    hset: (key: string, ...a: (string | number)[] | [Record<string, string>]) => commands.push(['HSET', key, ...(typeof a[0] === 'object' ? Object.entries(a[0]).flat() : (a as (string | number)[]))]),
    rpush: (...a: string[]) => commands.push(['RPUSH', ...a]),
    zadd: (...a: string[]) => commands.push(['ZADD', ...a]),
    sadd: (...a: string[]) => commands.push(['SADD', ...a]),
  };
  p.set('blob:big', 'b'.repeat(300_000));
  p.set('blob:huge', 'h'.repeat(2 * 1024 * 1024));
  p.hset('hash:big', ...range(6000, (i) => [`field:${i}`, `value-${i}-${'r'.repeat(20)}`]).flat());
  p.rpush('list:big', ...range(5000, (i) => `element-${i}-${'p'.repeat(i % 50)}`));
  p.zadd('zset:big', ...range(4000, (i) => [String(i / 7), `player:${i}`]).flat());
  p.sadd('set:bigmembers', ...range(3000, (i) => `member-${i}-${'q'.repeat(40)}`));
  p.hset('hash:atlimit', ...range(hashEntries, (i) => [`f${i}`, `v${i}`]).flat());
  p.hset('hash:overlimit', ...range(hashEntries + 1, (i) => [`f${i}`, `v${i}`]).flat());
  p.zadd('zset:atlimit', ...range(zsetEntries, (i) => [String(i), `m${i}`]).flat());
  p.zadd('zset:overlimit', ...range(zsetEntries + 1, (i) => [String(i), `m${i}`]).flat());
  p.sadd('set:atlimit', ...range(intsetEntries, String));
  p.sadd('set:overlimit', ...range(intsetEntries + 1, String));
  p.set(Buffer.from([0xff, 0x00, 0x0a, 0x5c, 0x41]), 'binary name');
  p.set(Buffer.from('bin:\xfe\xfe', 'latin1'), 'x'.repeat(100));
  for (const [name, seconds] of Object.entries(TTL_BUCKETS)) p.set(name, 'v', 'EX', seconds);
  for (let i = 0; i < 300; i++) p.hset(`user:${i}:profile`, { name: `user ${i}`, email: `u${i}@example.com`, bio: 'x'.repeat(i % 40) });
  for (let i = 0; i < 250; i++) p.set(`session:${i}`, 'token'.repeat(1 + (i % 10)), 'EX', 7200 + i);
  for (let i = 0; i < 150; i++) p.set(`cache:page:${i}`, 'html'.repeat(20 + i));
  // One command at a time on a Cluster (a pipeline must stay within one slot), a pipeline otherwise.
  if ('nodes' in redis) {
    for (let i = 0; i < commands.length; i += 100) await Promise.all(commands.slice(i, i + 100).map(([name, ...args]) => redis.call(String(name), ...args)));
  } else {
    const pipeline = redis.pipeline();
    for (const [name, ...args] of commands) pipeline.call(String(name), ...args);
    await pipeline.exec();
  }
}
