// Counters per time window (e.g. per minute) that expire on their own, with the recent windows readable in one
// MGET, and an atomic take-and-reset (GETDEL) for a job that drains the current count into a database. Windows
// come from the caller's clock; the keys of one counter share a {hash tag}, so MGET also works on Cluster.
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const COUNTER_KEY_PREFIX = '${1:stats:}';
const COUNTER_WINDOW_MS = ${2:60000};
const COUNTER_KEEP_WINDOWS = ${3:60};

// The TTL is set with the first increment, so a window lives `keep` windows after it began; an increment after
// a take-and-reset starts a fresh key and gives it a TTL again.
const INCREMENT_LUA = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
`;

// #include lua-script.node-redis

const incrementScript = new LuaScript(INCREMENT_LUA);

export interface WindowCounterOptions {
  keyPrefix?: string;
  windowMs?: number;
  /** How many windows a count is kept for. */
  keepWindows?: number;
}

export interface WindowCount {
  /** Start of the window (ms since the epoch). */
  start: number;
  count: number;
}

export class WindowCounter {
  private readonly keyPrefix: string;
  private readonly windowMs: number;
  private readonly keepWindows: number;

  constructor(private readonly client: RedisClient, options: WindowCounterOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? COUNTER_KEY_PREFIX;
    this.windowMs = options.windowMs ?? COUNTER_WINDOW_MS;
    this.keepWindows = options.keepWindows ?? COUNTER_KEEP_WINDOWS;
  }

  /** Adds `by` to the window containing `now`; returns that window's count. */
  async increment(counter: string, by = 1, now = Date.now()): Promise<number> {
    const ttlMs = this.windowMs * this.keepWindows;
    return Number(await incrementScript.run(this.client, [this.key(counter, this.windowStart(now))], [by, ttlMs]));
  }

  /** The last `windows` windows (at most keepWindows) up to the one containing `now`, oldest first; 0 where nothing was counted. */
  async recent(counter: string, windows: number, now = Date.now()): Promise<WindowCount[]> {
    const current = this.windowStart(now);
    const count = Math.min(windows, this.keepWindows); // older windows have expired
    const starts = Array.from({ length: count }, (_unused, i) => current - (count - 1 - i) * this.windowMs);
    const values = await this.client.mGet(starts.map((start) => this.key(counter, start)));
    return starts.map((start, i) => ({ start, count: Number(values[i] ?? 0) }));
  }

  /** Returns the current window's count and resets it in one step: no concurrent increment is lost or counted twice. */
  async takeAndReset(counter: string, now = Date.now()): Promise<number> {
    return Number((await this.client.getDel(this.key(counter, this.windowStart(now)))) ?? 0);
  }

  private windowStart(now: number): number {
    return Math.floor(now / this.windowMs) * this.windowMs;
  }

  private key(counter: string, windowStart: number): string {
    return `${this.keyPrefix}{${counter}}:${windowStart}`;
  }
}
$0
