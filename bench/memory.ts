import { spawn } from 'node:child_process';
import * as os from 'node:os';
import Redis from 'ioredis';
import { analyzeLiveMemory, type LiveMemoryAnalysis } from '../src/core/memory/live/liveMemoryAnalysis';
import { createRedisClient } from '../src/core/redis/connection/clientFactory';
import { startStandalone } from '../test/fixtures/redis';
import { runWhenMain } from './runWhenMain';

/**
 * memory-1m: the full live memory analysis (TYPE, PTTL and MEMORY USAGE for every key, plus idle
 * time, element count, encoding and exact memory for the top-key candidates and a per-pattern
 * sample) against `redis-cli --memkeys` (which reads only TYPE and MEMORY USAGE) on the same
 * server in the same run, load budget off. Keys of mixed types over a few patterns, and one key
 * clearly the biggest, so both tools must name the same top key. Each side runs twice,
 * alternating; the faster run counts.
 *
 * Run: `npm run bench -- memory [--keys N]` (default 1,000,000 keys).
 */

const ROUNDS = 2;
/** Share of each kind of key; collections are small (listpacks), as in most keyspaces. */
const KINDS: { prefix: string; share: number; lua: string }[] = [
  { prefix: 'cache:page:', share: 0.35, lua: "redis.call('SET', k, string.rep('x', 20 + i % 80), 'EX', 3600 + i % 86400)" },
  { prefix: 'counter:', share: 0.2, lua: "redis.call('SET', k, i)" },
  { prefix: 'user:profile:', share: 0.15, lua: "redis.call('HSET', k, 'name', 'user' .. i, 'email', 'u' .. i .. '@example.com', 'age', i % 90)" },
  { prefix: 'queue:', share: 0.1, lua: "redis.call('RPUSH', k, 'a', 'b', 'c', 'd', 'e', i)" },
  { prefix: 'tags:', share: 0.1, lua: "redis.call('SADD', k, 'red', 'green', 'blue', i)" },
  { prefix: 'scores:', share: 0.1, lua: "redis.call('ZADD', k, 1, 'a', 2, 'b', i, 'c')" },
];
const TOP_KEY = 'blob:the-biggest';

function keysWanted(): number {
  const at = process.argv.indexOf('--keys');
  if (at === -1) return 1_000_000;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`--keys needs an integer of at least 1000, got ${process.argv[at + 1]}.`);
  return n;
}

/** Writes each kind's share of keys server-side (Lua, in chunks), then the one big key. */
async function seed(redis: Redis, total: number): Promise<void> {
  let written = 0;
  for (const [index, kind] of KINDS.entries()) {
    const n = index === KINDS.length - 1 ? total - 1 - written : Math.floor((total - 1) * kind.share);
    for (let start = 0; start < n; start += 100_000) {
      const script = `for i = tonumber(ARGV[1]), tonumber(ARGV[2]) do local k = ARGV[3] .. i; ${kind.lua} end`;
      await redis.eval(script, 0, String(start), String(Math.min(n, start + 100_000) - 1), kind.prefix);
    }
    written += n;
  }
  await redis.set(TOP_KEY, 'z'.repeat(4 * 1024 * 1024));
}

/** `redis-cli --memkeys`: its wall time and the biggest key it names (over every type). */
function memkeys(port: number): Promise<{ ms: number; top: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', ['-p', String(port), '--memkeys'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`redis-cli --memkeys exited with ${code}`));
      // redis-cli quotes the name twice: Biggest string found '"blob:the-biggest"' has 4194360 bytes.
      const found = [...out.matchAll(/Biggest\s+\S+\s+found\s+'"((?:[^"\\]|\\.)*)"'\s+has\s+(\d+)\s+bytes/g)].map((m) => ({ key: m[1], bytes: Number(m[2]) }));
      if (found.length === 0) return reject(new Error(`redis-cli --memkeys printed no biggest key:\n${out.slice(-500)}`));
      resolve({ ms, top: found.reduce((a, b) => (b.bytes > a.bytes ? b : a)).key });
    });
  });
}

/** Our wall time, and the CPU time of this process (on a shared machine the wall time mostly measures the neighbours). */
async function ours(client: Redis): Promise<{ ms: number; cpuMs: number; analysis: LiveMemoryAnalysis }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const analysis = await analyzeLiveMemory(client, { budget: null });
  if (!analysis.complete) throw new Error('the live analysis did not complete');
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, analysis };
}

export async function run(): Promise<void> {
  const total = keysWanted();
  const server = await startStandalone();
  const admin = new Redis({ host: server.host, port: server.port });
  try {
    await seed(admin, total);
    const dbsize = await admin.dbsize();
    if (dbsize !== total) throw new Error(`seeded ${dbsize} keys instead of ${total}`);
    const config = { id: 'bench', name: 'bench', kind: 'standalone' as const, host: server.host, port: server.port, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: true };
    const client = createRedisClient(config, {}, { lazyConnect: true }) as Redis;
    await client.connect();
    try {
      const cli: { ms: number; top: string }[] = [];
      const mine: { ms: number; cpuMs: number; analysis: LiveMemoryAnalysis }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        cli.push(await memkeys(server.port));
        mine.push(await ours(client));
      }
      const best = mine.reduce((a, b) => (b.ms < a.ms ? b : a));
      const report = best.analysis.report;
      if (report.totalKeys !== total) throw new Error(`the analysis counted ${report.totalKeys} of ${total} keys`);
      const cliMs = Math.min(...cli.map((c) => c.ms));
      const oursTop = report.topKeys[0]?.key;
      const same = cli.every((c) => c.top === oursTop);
      const label = total >= 1_000_000 ? `${Math.round(total / 1_000_000)}m` : `${Math.round(total / 1000)}k`;
      console.log(
        `BENCH memory-${label} keys=${report.totalKeys} ours_ms=${best.ms.toFixed(0)} redis_cli_ms=${cliMs.toFixed(0)} ratio=${(best.ms / cliMs).toFixed(2)} budget=off same_top_key=${same ? 'yes' : 'no'} top_key=${oursTop} ours_cpu_ms=${best.cpuMs.toFixed(0)} load=${os.loadavg()[0].toFixed(1)}`,
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
