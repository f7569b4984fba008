// Delayed and priority queues on sorted sets.
// - DelayedQueue: score = due time (epoch ms); claimDue() reads the due jobs and removes them in one Lua script,
//   so each job goes to exactly one worker, earliest first.
// - PriorityQueue: score = priority (lower runs first); ZPOPMIN pops atomically.
// A claimed job is gone from Redis: if a worker may die while running it, hand it to a reliable queue or stream.
import { createHash, randomUUID } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const DELAYED_QUEUE_KEY = '${1:jobs:delayed}';
const PRIORITY_QUEUE_KEY = '${2:jobs:priority}';
const CLAIM_BATCH_SIZE = ${3:10};

const CLAIM_DUE_LUA = `
local jobs = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
if #jobs > 0 then
  redis.call('ZREM', KEYS[1], unpack(jobs))
end
return jobs
`;

// #include lua-script.node-redis

const claimDueScript = new LuaScript(CLAIM_DUE_LUA);

export interface QueuedJob<T> {
  id: string;
  payload: T;
}

function encodeJob<T>(payload: T): { id: string; member: string } {
  const id = randomUUID();
  return { id, member: JSON.stringify({ id, payload }) };
}

function decodeJob<T>(member: string): QueuedJob<T> {
  return JSON.parse(member) as QueuedJob<T>;
}

export class DelayedQueue<T> {
  constructor(private readonly client: RedisClient, private readonly key: string = DELAYED_QUEUE_KEY) {}

  /** Schedules a job for `runAt` (epoch ms; producers and workers must share that clock). */
  async schedule(payload: T, runAt: number): Promise<string> {
    const { id, member } = encodeJob(payload);
    await this.client.zAdd(this.key, { score: runAt, value: member });
    return id;
  }

  async scheduleIn(payload: T, delayMs: number): Promise<string> {
    return this.schedule(payload, Date.now() + delayMs);
  }

  /** Up to `max` jobs due at `now`, earliest first; each job is handed to exactly one caller. */
  async claimDue(max: number = CLAIM_BATCH_SIZE, now: number = Date.now()): Promise<QueuedJob<T>[]> {
    const members = (await claimDueScript.run(this.client, [this.key], [now, max])) as string[];
    return members.map((member) => decodeJob<T>(member));
  }
}

export class PriorityQueue<T> {
  constructor(private readonly client: RedisClient, private readonly key: string = PRIORITY_QUEUE_KEY) {}

  async push(payload: T, priority: number): Promise<string> {
    const { id, member } = encodeJob(payload);
    await this.client.zAdd(this.key, { score: priority, value: member });
    return id;
  }

  /** Up to `count` jobs, lowest priority number first (equal priorities in no particular order). */
  async pop(count = 1): Promise<QueuedJob<T>[]> {
    const popped = await this.client.zPopMinCount(this.key, count);
    return popped.map(({ value }) => decodeJob<T>(value));
  }
}
$0
