import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startStandalone } from '../test/fixtures/redis';

/**
 * rdb: dumps written by the real redis-server (DEBUG POPULATE strings plus hashes, zsets, sets,
 * lists and streams, `rdbcompression no` so the file is as big as the data), parsed by our RDB
 * parser against plainly reading the same file in 1 MiB chunks, each in a fresh process so the
 * peak RSS is per run. Two file sizes show memory flat in the file size. Best of five runs; the
 * CPU time is printed too, since on a shared machine the wall time mostly measures the neighbours.
 *
 * Run: `npm run bench -- rdb`.
 */

const SIZES = [
  { label: 'small', strings: 500_000 },
  { label: 'large', strings: 2_000_000 },
];
const VALUE_BYTES = 100;

async function writeDump(dir: string, strings: number): Promise<string> {
  const server = await startStandalone({ args: ['--dir', dir, '--dbfilename', 'bench.rdb', '--rdbcompression', 'no'] });
  const redis = new Redis({ port: server.port });
  try {
    await redis.call('DEBUG', 'POPULATE', String(strings), 'key', String(VALUE_BYTES));
    const collections = strings / 1000;
    for (let c = 0; c < collections; c += 50) {
      const p = redis.pipeline();
      for (let i = c; i < Math.min(collections, c + 50); i++) {
        const fields = Array.from({ length: 300 }, (_, j) => [`field:${j}`, `value-${i}-${j}`]).flat();
        p.hset(`hash:${i}`, ...fields);
        p.zadd(`zset:${i}`, ...Array.from({ length: 200 }, (_, j) => [String(j), `member-${i}-${j}`]).flat());
        p.sadd(`set:${i}`, ...Array.from({ length: 150 }, (_, j) => `m${i}-${j}`));
        p.rpush(`list:${i}`, ...Array.from({ length: 400 }, (_, j) => `item-${j}`));
        for (let j = 0; j < 20; j++) p.xadd(`stream:${i}`, '*', 'n', String(j));
      }
      await p.exec();
    }
    await redis.save();
    return join(dir, 'bench.rdb');
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  result: number;
  size: number;
  peakRssMb: number;
}

function measure(mode: 'read' | 'parse' | 'analyze', file: string): ChildResult {
  const runs: ChildResult[] = [];
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'rdbChild.ts'), mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    runs.push(JSON.parse(out) as ChildResult);
  }
  return runs.sort((a, b) => a.ms - b.ms)[0];
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rdb-'));
  try {
    for (const { label, strings } of SIZES) {
      const file = await writeDump(dir, strings);
      const mb = statSync(file).size / (1024 * 1024);
      measure('read', file); // warms the page cache so both sides read from memory
      const read = measure('read', file);
      const parse = measure('parse', file);
      const analyze = measure('analyze', file);
      console.log(
        `BENCH rdb mb=${mb.toFixed(0)} ms=${parse.ms.toFixed(0)} read_ms=${read.ms.toFixed(0)} mb_per_s=${(mb / (parse.ms / 1000)).toFixed(0)} peak_rss_mb=${parse.peakRssMb.toFixed(0)} cpu_ms=${parse.cpuMs.toFixed(0)} cpu_mb_per_s=${(mb / (parse.cpuMs / 1000)).toFixed(0)} keys=${parse.result} read_peak_rss_mb=${read.peakRssMb.toFixed(0)} report_ms=${analyze.ms.toFixed(0)} report_peak_rss_mb=${analyze.peakRssMb.toFixed(0)} file=${label}`,
      );
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
