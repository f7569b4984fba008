import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Redis from 'ioredis';
import { createRedisClient } from '../src/core/redis/connection/clientFactory';
import { KeyspaceBrowser } from '../src/core/redis/keyspace/keyspaceBrowser';
import { startStandalone } from '../test/fixtures/redis';
import { runWhenMain } from './runWhenMain';

/**
 * keyspace-1m: a raw ioredis SCAN loop (COUNT 1000, string keys, nothing kept) against the key
 * browser's model loading the same 1,000,000 keys (Buffers, de-duplicated, grouped into folders)
 * on the same server in the same run. Each side runs three times, alternating, and the fastest run
 * counts, so a hiccup of the machine does not decide the ratio. Memory is the growth of V8 heap
 * plus off-heap buffers while the model holds every key, after a full GC on both sides.
 *
 * Run: `npx tsx bench/index.ts keyspace` (no flags needed: GC is exposed at run time below).
 */

const TOTAL_KEYS = 1_000_000;
const POPULATED = 900_000;
const SCAN_COUNT = 1000;

/** `global.gc` without `node --expose-gc`: the flag can be set at run time and read from a fresh context. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memoryNow(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** 900k `key:N` from DEBUG POPULATE plus 100k pipelined keys at depths 1 to 5 under several prefixes. */
async function seed(redis: Redis): Promise<void> {
  await redis.call('DEBUG', 'POPULATE', String(POPULATED), 'key');
  const shapes = [
    (i: number): string => `app:user:${i % 5000}:session:${i}`,
    (i: number): string => `cache:page:${i}`,
    (i: number): string => `q:${i % 7}:${i % 13}:${i % 17}:job${i}`,
    (i: number): string => `flat${i}`,
  ];
  const extra = TOTAL_KEYS - POPULATED;
  for (let start = 0; start < extra; start += 10_000) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(extra, start + 10_000); i++) pipeline.set(shapes[i % shapes.length](i), '1');
    await pipeline.exec();
  }
}

async function rawScan(redis: Redis): Promise<{ ms: number; keys: number }> {
  const started = performance.now();
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', SCAN_COUNT);
    cursor = next;
    keys += batch.length;
  } while (cursor !== '0');
  return { ms: performance.now() - started, keys };
}

async function modelLoad(redis: Redis, gc: () => void, expectedKeys: number): Promise<{ ms: number; keys: number; bytesPerKey: number }> {
  const before = memoryNow(gc);
  const started = performance.now();
  // The tree view knows the database's key count from INFO keyspace before it scans, and passes it on.
  const browser = new KeyspaceBrowser(redis, { delimiter: ':', count: SCAN_COUNT, expectedKeys });
  const result = await browser.loadMore(Buffer.alloc(0), { minNewKeys: Number.MAX_SAFE_INTEGER });
  const ms = performance.now() - started;
  if (!result.complete) throw new Error('the model did not finish the scan');
  const keys = browser.level(Buffer.alloc(0)).keyCount;
  const bytesPerKey = (memoryNow(gc) - before) / keys;
  // Keep the model alive until after the measurement above.
  if (browser.tree.size !== keys) throw new Error(`the tree holds ${browser.tree.size} keys, its root counts ${keys}`);
  return { ms, keys, bytesPerKey };
}

export async function run(): Promise<void> {
  const gc = exposeGc();
  const server = await startStandalone();
  const admin = new Redis({ host: server.host, port: server.port });
  try {
    await seed(admin);
    const dbsize = await admin.dbsize();
    if (dbsize !== TOTAL_KEYS) throw new Error(`seeded ${dbsize} keys instead of ${TOTAL_KEYS}`);
    const config = { id: 'bench', name: 'bench', kind: 'standalone' as const, host: server.host, port: server.port, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false };
    const client = createRedisClient(config, {}, { lazyConnect: true }) as Redis;
    await client.connect();
    try {
      const raw: { ms: number; keys: number }[] = [];
      const model: { ms: number; keys: number; bytesPerKey: number }[] = [];
      for (let round = 0; round < 3; round++) {
        raw.push(await rawScan(client));
        model.push(await modelLoad(client, gc, dbsize));
      }
      const rawMs = Math.min(...raw.map((r) => r.ms));
      const modelMs = Math.min(...model.map((m) => m.ms));
      const keys = model[0].keys;
      if (raw.some((r) => r.keys < keys)) throw new Error(`the raw scan saw ${raw.map((r) => r.keys).join('/')} keys, the model ${keys}`);
      const bytesPerKey = Math.min(...model.map((m) => m.bytesPerKey));
      console.log(
        `BENCH keyspace-1m keys=${keys} raw_scan_ms=${rawMs.toFixed(0)} model_ms=${modelMs.toFixed(0)} ratio=${(modelMs / rawMs).toFixed(2)} bytes_per_key=${bytesPerKey.toFixed(0)}`,
      );
    } finally {
      client.disconnect();
    }
  } finally {
    admin.disconnect();
    await server.stop();
  }
}

runWhenMain(module, run);
