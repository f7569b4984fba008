// Idempotency key: the first caller claims the key with SET NX EX and runs the handler; the result replaces the
// claim, so retries (concurrent ones too) get that result instead of running the handler again. When the
// handler throws, the claim is dropped and a retry runs it; when the process dies, the claim expires.
// Keep the claim TTL above the handler's worst-case duration. Results must be JSON-serialisable.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const IDEMPOTENCY_KEY_PREFIX = '${1:idempotency:}';
const IDEMPOTENCY_RESULT_TTL_SECONDS = ${2:86400};
const IDEMPOTENCY_CLAIM_TTL_SECONDS = ${3:60};
const IDEMPOTENCY_WAIT_POLL_MS = ${4:100};

// Stores the result (or drops the claim when ARGV[2] is empty) only while the claim is still ours.
const FINISH_CLAIM_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == '' then
  return redis.call('DEL', KEYS[1])
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
`;

// #include lua-script.node-redis

const finishClaimScript = new LuaScript(FINISH_CLAIM_LUA);

type Stored<T> = { state: 'pending'; token: string } | { state: 'done'; result: T };

export interface IdempotencyOptions {
  keyPrefix?: string;
  resultTtlSeconds?: number;
  claimTtlSeconds?: number;
  waitPollMs?: number;
}

export class IdempotencyGuard {
  private readonly keyPrefix: string;
  private readonly resultTtlSeconds: number;
  private readonly claimTtlSeconds: number;
  private readonly waitPollMs: number;

  constructor(private readonly client: RedisClient, options: IdempotencyOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? IDEMPOTENCY_KEY_PREFIX;
    this.resultTtlSeconds = options.resultTtlSeconds ?? IDEMPOTENCY_RESULT_TTL_SECONDS;
    this.claimTtlSeconds = options.claimTtlSeconds ?? IDEMPOTENCY_CLAIM_TTL_SECONDS;
    this.waitPollMs = options.waitPollMs ?? IDEMPOTENCY_WAIT_POLL_MS;
  }

  /** Runs `handler` once per idempotency key; every other call waits for and returns the stored result. */
  async run<T>(idempotencyKey: string, handler: () => Promise<T>): Promise<T> {
    const key = this.keyPrefix + idempotencyKey;
    for (;;) {
      const claim = JSON.stringify({ state: 'pending', token: randomBytes(16).toString('hex') });
      const claimed = await this.client.set(key, claim, { NX: true, EX: this.claimTtlSeconds });
      if (claimed === 'OK') {
        let result: T;
        try {
          result = await handler();
        } catch (error) {
          await finishClaimScript.run(this.client, [key], [claim, '', 0]);
          throw error;
        }
        const done = JSON.stringify({ state: 'done', result });
        await finishClaimScript.run(this.client, [key], [claim, done, this.resultTtlSeconds]);
        return result;
      }
      const stored = await this.client.get(key);
      if (stored === null) continue; // the claim was dropped or expired: claim it ourselves
      const parsed = JSON.parse(stored) as Stored<T>;
      if (parsed.state === 'done') return parsed.result;
      await sleep(this.waitPollMs);
    }
  }
}
$0
