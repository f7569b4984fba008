import * as os from 'node:os';
import Redis from 'ioredis';
import { createRedisClient } from '../src/core/redis/connection/clientFactory';
import { collectLivePatternStats, type LivePatternReport } from '../src/core/patterns/livePatternStats';
import { startStandalone } from '../test/fixtures/redis';
import { runIndexBench } from './patternsIndex';
import { runWhenMain } from './runWhenMain';

/**
 * patterns-1m: one live classification pass (every key counted into one of 50 templates, TTL
 * coverage and memory from a 200-key sample per pattern) against a bare ioredis `SCAN COUNT 1000`
 * loop over the same server in the same run. Each side runs three times, alternating, and the
 * fastest run counts. A second line runs the same pass under the default load budget.
 *
 * Before it, patterns-index (bench/patternsIndex.ts): key patterns from 2000 files against the analyzer alone.
 *
 * Run: `npm run bench -- patterns [--keys N] [--index-only | --live-only]` (default 1,000,000 keys).
 */

const SCAN_COUNT = 1000;
const KINDS = ['user', 'cache', 'session', 'job', 'lock'];
const SERVICES = 10;
const TEMPLATES = Array.from({ length: SERVICES }, (_, s) => KINDS.map((kind) => `svc${s}:${kind}:{id}`)).flat();

function keysWanted(): number {
  const at = process.argv.indexOf('--keys');
  if (at === -1) return 1_000_000;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < TEMPLATES.length) throw new Error(`--keys needs an integer of at least ${TEMPLATES.length}, got ${process.argv[at + 1]}.`);
  return n;
}

/** A Lua loop per pattern writes its share of keys server-side; every third key of even patterns gets a TTL. */
async function seed(redis: Redis, total: number): Promise<void> {
  const script = `
    local prefix, n, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
    for i = 1, n do
      if ttl and i % 3 == 0 then redis.call('SET', prefix .. i, 'value', 'EX', 86400)
      else redis.call('SET', prefix .. i, 'value') end
    end`;
  const perPattern = Math.floor(total / TEMPLATES.length);
  for (let p = 0; p < TEMPLATES.length; p++) {
    const n = p === TEMPLATES.length - 1 ? total - perPattern * (TEMPLATES.length - 1) : perPattern;
    await redis.eval(script, 0, TEMPLATES[p].replace('{id}', ''), String(n), p % 2 === 0 ? '1' : '0');
  }
}

/** Client CPU (ms) since `from`: on a loaded machine wall time swings, our own work does not. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function rawScan(redis: Redis): Promise<{ ms: number; cpuMs: number; keys: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', SCAN_COUNT);
    cursor = next;
    keys += batch.length;
  } while (cursor !== '0');
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), keys };
}

async function ours(client: Redis, budget: 'off' | 'default'): Promise<{ ms: number; cpuMs: number; report: LivePatternReport }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await collectLivePatternStats(client, { templates: TEMPLATES, count: SCAN_COUNT, ...(budget === 'off' ? { budget: null } : {}) });
  if (!report.complete) throw new Error('the classification pass did not complete');
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), report };
}

export async function run(): Promise<void> {
  if (!process.argv.includes('--live-only')) await runIndexBench();
  if (process.argv.includes('--index-only')) return;
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
      const raw: number[] = [];
      const off: number[] = [];
      const [rawCpu, offCpu]: number[][] = [[], []];
      let report: LivePatternReport | undefined;
      for (let round = 0; round < 3; round++) {
        const scan = await rawScan(client);
        if (scan.keys < total) throw new Error(`the raw scan saw ${scan.keys} of ${total} keys`);
        raw.push(scan.ms);
        rawCpu.push(scan.cpuMs);
        const pass = await ours(client, 'off');
        off.push(pass.ms);
        offCpu.push(pass.cpuMs);
        report = pass.report;
      }
      if (!report || report.totalKeys !== total) throw new Error(`the pass counted ${report?.totalKeys} of ${total} keys`);
      const withKeys = report.patterns.filter((p) => p.keys > 0).length;
      const scanMs = Math.min(...raw);
      const scanCpu = Math.min(...rawCpu);
      // Client CPU of both sides and the machine's load: wall-time ratios swing on a busy machine.
      const line = (ms: number, cpuMs: number, budget: string): string =>
        `BENCH patterns-1m keys=${report?.totalKeys} patterns=${withKeys} scan_ms=${scanMs.toFixed(0)} ours_ms=${ms.toFixed(0)} ratio=${(ms / scanMs).toFixed(2)} budget=${budget}` +
        ` scan_cpu_ms=${scanCpu.toFixed(0)} ours_cpu_ms=${cpuMs.toFixed(0)} load=${os.loadavg()[0].toFixed(1)}`;
      console.log(line(Math.min(...off), Math.min(...offCpu), 'off'));
      const budgeted = await ours(client, 'default');
      console.log(line(budgeted.ms, budgeted.cpuMs, 'default'));
    } finally {
      client.disconnect();
    }
  } finally {
    admin.disconnect();
    await server.stop();
  }
}

runWhenMain(module, run);
