import type Redis from 'ioredis';

/**
 * Realistic sample data: users and sessions with TTLs, a leaderboard, a stream with a consumer
 * group, a job queue, a large hash, a key with a binary (non-UTF-8) name and some keys without TTL.
 */
export async function seedDemoData(redis: Redis): Promise<void> {
  const pipeline = redis.pipeline();
  const names = ['ada', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'dennis', 'frances', 'edsger', 'radia'];
  names.forEach((name, i) => {
    pipeline.hset(`user:${1000 + i}`, { name, email: `${name}@example.com`, plan: i % 3 ? 'free' : 'pro', createdAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString() });
    pipeline.set(`session:${(0xa1b2c3 + i * 7919).toString(16)}`, JSON.stringify({ userId: 1000 + i, ip: `10.0.0.${i + 1}`, agent: 'Mozilla/5.0' }), 'EX', 1800 + i * 60);
    pipeline.zadd('leaderboard:weekly', 1000 - i * 37, name);
  });
  for (let i = 0; i < 40; i++) pipeline.set(`cache:product:${i}`, JSON.stringify({ id: i, price: 9.99 + i, stock: i * 3 }), 'EX', 300 + i);
  // Prices (src/catalog.ts writes them without a TTL), and keys no code names (an inferred pattern in Key Patterns).
  for (let i = 0; i < 30; i++) pipeline.set(`price:${i}`, (4.5 + i).toFixed(2));
  for (let i = 1; i <= 20; i++) pipeline.set(`legacy:import:batch${i}`, 'done');
  pipeline.set('config:feature-flags', JSON.stringify({ newCheckout: true, darkMode: false }));
  pipeline.set('stats:visits:2026-11-29', '4211');
  pipeline.incrby('counter:orders', 1337);
  pipeline.rpush('queue:emails', ...names.map((n) => JSON.stringify({ to: `${n}@example.com`, template: 'welcome' })));
  pipeline.sadd('tags:popular', 'redis', 'typescript', 'vscode', 'caching', 'streams');
  const bigHash: Record<string, string> = {};
  for (let i = 0; i < 5000; i++) bigHash[`field:${i.toString().padStart(5, '0')}`] = `value ${i} ${'x'.repeat(i % 40)}`;
  pipeline.hset('inventory:warehouse-1', bigHash);
  pipeline.set(Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x01]), 'a key whose name is not UTF-8');
  pipeline.pfadd('visitors:unique', ...names);
  await pipeline.exec();

  await redis.xgroup('CREATE', 'events:orders', 'billing', '$', 'MKSTREAM').catch(() => undefined);
  for (let i = 0; i < 25; i++) await redis.xadd('events:orders', 'MAXLEN', '~', '10000', '*', 'order', String(5000 + i), 'amount', (19.5 + i).toFixed(2));
  await redis.xreadgroup('GROUP', 'billing', 'worker-1', 'COUNT', '5', 'STREAMS', 'events:orders', '>');
  // src/activity.ts: a feed kept to its last 100 events, and an audit stream nothing trims (read whole there).
  await redis.lpush('activity:feed', ...names.map((n) => `${n} signed in`));
  for (let i = 0; i < 12; i++) await redis.xadd('activity:audit', '*', 'actor', names[i % names.length], 'action', i % 2 ? 'login' : 'export');
  await redis.set('slow:example', 'x');
}
