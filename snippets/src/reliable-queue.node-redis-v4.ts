// Reliable queue: BLMOVE moves a job into a processing list, so a worker that dies holding it cannot lose it;
// ack() removes it; requeueStale() (Lua) puts jobs whose lease ran out back at the head of the queue.
// Delivery is at least once: a job whose worker is merely slower than the visibility timeout can run twice.
// All keys share a {hash tag}, so the scripts and BLMOVE also work on Redis Cluster.
import { createHash, randomUUID } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const QUEUE_KEY_PREFIX = '${1:queue:}';
const QUEUE_VISIBILITY_TIMEOUT_MS = ${2:30000};
const QUEUE_BLOCK_SECONDS = ${3:5};

// Leases are a sorted set of job → deadline on the server clock. A job in the processing list without a
// lease belongs to a worker between BLMOVE and leaseJob, or one that died right there: it gets a lease now.
// The processing list holds only in-flight jobs (about one per worker), so reading it whole is cheap.
const REQUEUE_STALE_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local requeued = 0
for _, job in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  local deadline = redis.call('ZSCORE', KEYS[3], job)
  if not deadline then
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), job)
  elseif tonumber(deadline) <= now then
    redis.call('LREM', KEYS[2], -1, job)
    redis.call('ZREM', KEYS[3], job)
    redis.call('RPUSH', KEYS[1], job)
    requeued = requeued + 1
  end
end
return requeued
`;

const LEASE_JOB_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
`;

// #include lua-script.node-redis

const requeueStaleScript = new LuaScript(REQUEUE_STALE_LUA);
const leaseJobScript = new LuaScript(LEASE_JOB_LUA);

export interface Job<T> {
  readonly id: string;
  readonly payload: T;
  /** The list element as stored; ack() needs it. */
  readonly raw: string;
}

export interface ReliableQueueOptions {
  keyPrefix?: string;
  visibilityTimeoutMs?: number;
  blockSeconds?: number;
  onError?: (error: unknown, job: Job<unknown>) => void;
}

export class ReliableQueue<T> {
  private readonly pendingKey: string;
  private readonly processingKey: string;
  private readonly leasesKey: string;
  private readonly visibilityTimeoutMs: number;
  private readonly blockSeconds: number;
  private readonly onError: (error: unknown, job: Job<unknown>) => void;
  private blocking?: Promise<RedisClient>;

  /** BLMOVE waits on a dedicated connection (a duplicate of client), so client stays free for other commands. */
  constructor(private readonly client: RedisClient, name: string, options: ReliableQueueOptions = {}) {
    const base = `${options.keyPrefix ?? QUEUE_KEY_PREFIX}{${name}}`;
    this.pendingKey = `${base}:pending`;
    this.processingKey = `${base}:processing`;
    this.leasesKey = `${base}:leases`;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? QUEUE_VISIBILITY_TIMEOUT_MS;
    this.blockSeconds = options.blockSeconds ?? QUEUE_BLOCK_SECONDS;
    this.onError = options.onError ?? ((error, job) => console.error(`job ${job.id} failed`, error));
  }

  async enqueue(payload: T): Promise<string> {
    const id = randomUUID();
    await this.client.lPush(this.pendingKey, JSON.stringify({ id, payload }));
    return id;
  }

  /** Waits up to blockSeconds for the oldest job; null when none arrived. */
  async reserve(): Promise<Job<T> | null> {
    const blocking = await this.blockingClient();
    const raw = await blocking.blMove(this.pendingKey, this.processingKey, 'RIGHT', 'LEFT', this.blockSeconds);
    if (raw === null) return null;
    await leaseJobScript.run(this.client, [this.leasesKey], [this.visibilityTimeoutMs, raw]);
    const { id, payload } = JSON.parse(raw) as { id: string; payload: T };
    return { id, payload, raw };
  }

  /**
   * Removes a finished job, also its requeued copy if its lease had run out. False when another worker had
   * already taken that copy: the job then runs twice.
   */
  async ack(job: Job<T>): Promise<boolean> {
    const [fromProcessing, , fromPending] = (await this.client
      .multi()
      .lRem(this.processingKey, -1, job.raw)
      .zRem(this.leasesKey, job.raw)
      .lRem(this.pendingKey, -1, job.raw)
      .exec()) as [number, number, number];
    return fromProcessing + fromPending > 0;
  }

  /** Puts jobs whose lease ran out back at the head of the queue; returns how many. */
  async requeueStale(): Promise<number> {
    const keys = [this.pendingKey, this.processingKey, this.leasesKey];
    return Number(await requeueStaleScript.run(this.client, keys, [this.visibilityTimeoutMs]));
  }

  /** Worker loop until the signal aborts: a job is acked only after its handler succeeded; a failed one is retried after its lease. */
  async work(handler: (payload: T, job: Job<T>) => Promise<void>, signal: AbortSignal): Promise<void> {
    let nextSweep = 0;
    while (!signal.aborted) {
      if (Date.now() >= nextSweep) {
        await this.requeueStale();
        nextSweep = Date.now() + this.visibilityTimeoutMs / 2;
      }
      const job = await this.reserve();
      if (!job) continue;
      try {
        await handler(job.payload, job);
      } catch (error) {
        this.onError(error, job);
        continue;
      }
      await this.ack(job);
    }
  }

  /** Closes the dedicated blocking connection (call after the worker loop ended). */
  async close(): Promise<void> {
    const blocking = await this.blocking;
    this.blocking = undefined;
    if (blocking?.isOpen) await blocking.quit();
  }

  private blockingClient(): Promise<RedisClient> {
    this.blocking ??= (async () => {
      const blocking = this.client.duplicate();
      blocking.on('error', (error) => console.error('reliable queue: blocking connection error', error));
      await blocking.connect();
      return blocking;
    })();
    return this.blocking;
  }
}
$0
