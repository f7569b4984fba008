// Circuit breaker shared by every process: closed → open after `failureThreshold` failures within `windowMs` →
// after `openMs` one caller wins a half-open probe → closed on its success, open again on its failure.
// Every transition is one Lua script on one hash, so concurrent callers never run two probes at once.
import { createHash, randomBytes } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const BREAKER_KEY_PREFIX = '${1:breaker:}';
const BREAKER_FAILURE_THRESHOLD = ${2:5};
const BREAKER_WINDOW_MS = ${3:10000};
const BREAKER_OPEN_MS = ${4:30000};
const BREAKER_PROBE_TIMEOUT_MS = ${5:10000};
const BREAKER_IDLE_TTL_MS = ${6:600000};

// ARGV: operation, threshold, windowMs, openMs, probeTimeoutMs, idleTtlMs, probe token. Server clock (TIME), so
// processes with skewed clocks agree. A healthy breaker that never failed has no key at all.
const BREAKER_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local op = ARGV[1]
local threshold, windowMs, openMs, probeMs = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local s = redis.call('HMGET', KEYS[1], 'state', 'failures', 'windowEnds', 'reopenAt', 'probeUntil', 'probeToken')
local state = s[1] or 'closed'
local result = state
if op == 'acquire' then
  if state == 'closed' then
    return 'allow'
  elseif (state == 'open' and now < tonumber(s[4])) or (state == 'half-open' and now < tonumber(s[5])) then
    return 'reject'
  end
  -- Open past its cool-down, or a probe that never reported back: this caller is the one probe.
  redis.call('HSET', KEYS[1], 'state', 'half-open', 'probeUntil', now + probeMs, 'probeToken', ARGV[7])
  result = 'probe'
elseif op == 'probe-success' or op == 'probe-failure' then
  if state ~= 'half-open' or s[6] ~= ARGV[7] then return state end
  if op == 'probe-success' then
    redis.call('DEL', KEYS[1])
    return 'closed'
  end
  redis.call('HSET', KEYS[1], 'state', 'open', 'reopenAt', now + openMs)
  result = 'open'
elseif op == 'failure' then
  if state ~= 'closed' then return state end
  local failures = tonumber(s[2]) or 0
  if now >= (tonumber(s[3]) or 0) then
    failures = 0
    redis.call('HSET', KEYS[1], 'windowEnds', now + windowMs)
  end
  failures = failures + 1
  if failures >= threshold then
    redis.call('HSET', KEYS[1], 'state', 'open', 'reopenAt', now + openMs, 'failures', 0)
    result = 'open'
  else
    redis.call('HSET', KEYS[1], 'failures', failures)
  end
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[6]), openMs + probeMs))
return result
`;

// #include lua-script.node-redis

const breakerScript = new LuaScript(BREAKER_LUA);

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends Error {}

export interface CircuitBreakerOptions {
  keyPrefix?: string;
  failureThreshold?: number;
  windowMs?: number;
  openMs?: number;
  /** A probe that has not reported after this long is presumed dead: the next caller probes instead. */
  probeTimeoutMs?: number;
  /** State expires after this long without calls (never before an open breaker could reopen). */
  idleTtlMs?: number;
}

export class CircuitBreaker {
  private readonly key: string;
  private readonly settings: (string | number)[];

  constructor(private readonly client: RedisClient, name: string, options: CircuitBreakerOptions = {}) {
    this.key = `${options.keyPrefix ?? BREAKER_KEY_PREFIX}{${name}}`;
    this.settings = [
      options.failureThreshold ?? BREAKER_FAILURE_THRESHOLD,
      options.windowMs ?? BREAKER_WINDOW_MS,
      options.openMs ?? BREAKER_OPEN_MS,
      options.probeTimeoutMs ?? BREAKER_PROBE_TIMEOUT_MS,
      options.idleTtlMs ?? BREAKER_IDLE_TTL_MS,
    ];
  }

  /** Runs fn unless the breaker is open; throws CircuitOpenError without running it when it is. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    const token = randomBytes(8).toString('hex');
    const role = await this.transition('acquire', token);
    if (role === 'reject') throw new CircuitOpenError(`circuit ${this.key} is open`);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      await this.transition(role === 'probe' ? 'probe-failure' : 'failure', token);
      throw error;
    }
    // A success while closed changes nothing, so it costs no round trip.
    if (role === 'probe') await this.transition('probe-success', token);
    return result;
  }

  async state(): Promise<BreakerState> {
    return ((await this.client.hGet(this.key, 'state')) ?? 'closed') as BreakerState;
  }

  private async transition(operation: string, token: string): Promise<string> {
    return String(await breakerScript.run(this.client, [this.key], [operation, ...this.settings, token]));
  }
}
$0
