// Time series in a sorted set: score = timestamp (ms), member = "<timestamp>:<nonce>:<value>" so equal values at
// the same instant stay distinct points. Appends trim points older than the retention and refresh an idle TTL in
// one script; ranges are read in pages; downsampling aggregates a range into fixed buckets.
import { createHash, randomBytes } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const SERIES_KEY_PREFIX = '${1:ts:}';
const SERIES_RETENTION_MS = ${2:86400000};
const SERIES_IDLE_TTL_MS = ${3:172800000};
const SERIES_PAGE_SIZE = ${4:1000};

// ARGV: timestamp, member, oldest timestamp to keep, idle TTL.
const APPEND_LUA = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

// #include lua-script.node-redis

const appendScript = new LuaScript(APPEND_LUA);

export interface Point {
  timestamp: number;
  value: number;
}

export interface Bucket {
  /** Start of the bucket (inclusive), a multiple of bucketMs. */
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface TimeSeriesOptions {
  keyPrefix?: string;
  retentionMs?: number;
  idleTtlMs?: number;
  pageSize?: number;
}

function toPoint(member: string): Point {
  const [timestamp, , value] = member.split(':');
  return { timestamp: Number(timestamp), value: Number(value) };
}

export class TimeSeries {
  private readonly keyPrefix: string;
  private readonly retentionMs: number;
  private readonly idleTtlMs: number;
  private readonly pageSize: number;

  constructor(private readonly client: RedisClient, options: TimeSeriesOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? SERIES_KEY_PREFIX;
    this.retentionMs = options.retentionMs ?? SERIES_RETENTION_MS;
    this.idleTtlMs = options.idleTtlMs ?? SERIES_IDLE_TTL_MS;
    this.pageSize = options.pageSize ?? SERIES_PAGE_SIZE;
  }

  /** Adds a point and drops the points older than the retention (measured from `now`). */
  async append(series: string, value: number, timestamp = Date.now(), now = Date.now()): Promise<void> {
    const member = `${timestamp}:${randomBytes(4).toString('hex')}:${value}`;
    await appendScript.run(this.client, [this.key(series)], [timestamp, member, now - this.retentionMs, this.idleTtlMs]);
  }

  /** Points with from <= timestamp <= to, oldest first, read page by page. */
  async range(series: string, from: number, to: number): Promise<Point[]> {
    const points: Point[] = [];
    for (let offset = 0; ; offset += this.pageSize) {
      const page = await this.client.zRangeByScore(this.key(series), from, to, { LIMIT: { offset, count: this.pageSize } });
      points.push(...page.map(toPoint));
      if (page.length < this.pageSize) return points;
    }
  }

  /** Count, sum, min and max per bucket of bucketMs (buckets without points are left out). */
  async downsample(series: string, from: number, to: number, bucketMs: number): Promise<Bucket[]> {
    const buckets = new Map<number, Bucket>();
    for (const { timestamp, value } of await this.range(series, from, to)) {
      const start = Math.floor(timestamp / bucketMs) * bucketMs;
      const bucket = buckets.get(start);
      if (bucket) {
        bucket.count++;
        bucket.sum += value;
        bucket.min = Math.min(bucket.min, value);
        bucket.max = Math.max(bucket.max, value);
      } else {
        buckets.set(start, { start, count: 1, sum: value, min: value, max: value });
      }
    }
    return [...buckets.values()].sort((a, b) => a.start - b.start);
  }

  /** Drops the points older than the retention now; returns how many. Appends do this too. */
  async trim(series: string, now = Date.now()): Promise<number> {
    return this.client.zRemRangeByScore(this.key(series), '-inf', `(${now - this.retentionMs}`);
  }

  private key(series: string): string {
    return `${this.keyPrefix}{${series}}`;
  }
}
$0
