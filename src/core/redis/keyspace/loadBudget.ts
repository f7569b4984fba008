/**
 * A server-load budget for scans: every round trip of a long read (SCAN, a pipelined sample)
 * asks the budget before it goes and reports its latency after. The budget backs off when round
 * trips grow slow compared with the fastest ones seen (the server is busy — ours or someone
 * else's load), and recovers when they are fast again, so an idle server is never held to a fixed
 * rate. Optional ceilings of SCAN calls and keys per second hold whatever the latency says.
 * Time comes from an injectable clock so the controller is tested without real waiting.
 */

export interface BudgetClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: BudgetClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      // Node truncates a timer's delay to whole ms and its loop clock is cached, so a timer may fire up to
      // a millisecond before `now()` reaches the deadline; a ceiling must never let a call go early.
      const deadline = performance.now() + ms;
      let timer: NodeJS.Timeout;
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const wake = (): void => {
        const left = deadline - performance.now();
        if (left > 0) timer = setTimeout(wake, Math.max(1, Math.ceil(left)));
        else done();
      };
      timer = setTimeout(wake, Math.ceil(ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface LoadBudgetOptions {
  /** Ceiling of SCAN calls per second (none by default). */
  maxScansPerSecond?: number;
  /** Ceiling of scanned keys per second (none by default). */
  maxKeysPerSecond?: number;
  /** Round trips this many times slower than the baseline count as "server busy" (default 3). */
  slowdownFactor?: number;
  /** A slowdown smaller than this many ms is noise (client GC, jitter), never a reason to wait (default 5). */
  minSlowdownMs?: number;
  /** Longest pause inserted between round trips (default 2000 ms). */
  maxDelayMs?: number;
  /** SCAN calls that may go at once before the ceiling applies (default 1). */
  scanBurst?: number;
  clock?: BudgetClock;
}

export type RequestKind = 'scan' | 'read';

export interface BudgetState {
  /** Why the last wait happened, or null when nothing holds the scan back. */
  throttledBy: 'latency' | 'scan-ceiling' | 'key-ceiling' | null;
  /** Smoothed latency (ms) of the last kind of round trip measured, null before the first. */
  latencyMs: number | null;
  /** The fastest recent round trips (ms), null before the first measurement. */
  baselineMs: number | null;
  /** Pause currently inserted before each round trip because of latency (ms). */
  delayMs: number;
}

const SMOOTHING = 0.3;
/**
 * Round trips in a row that must all be slow before the server counts as busy. A busy server
 * slows every reply; a lone slow one is the client's own hiccup (GC, a long task between the
 * reply's arrival and its callback, the OS scheduling another process), which must never make an
 * idle server wait.
 */
const SUSTAINED = 4;
/** The baseline drifts up this fraction per round trip, so one lucky fast reply does not rule forever. */
const BASELINE_DRIFT = 0.002;

export class LoadBudget {
  private readonly clock: BudgetClock;
  private readonly factor: number;
  private readonly minSlowdownMs: number;
  private readonly maxDelayMs: number;
  private readonly scanIntervalMs: number;
  private readonly keyIntervalMs: number;
  private readonly scanTolerance: number;
  /** Per kind of request, since a pipeline of a thousand reads is naturally slower than one SCAN. */
  private readonly measured = new Map<RequestKind, { latency: number; baseline: number; recent: number[] }>();
  private lastKind: RequestKind = 'scan';
  private delay = 0;
  /** Earliest time the next SCAN may go under the scan ceiling (a reservation, so parallel walks share it). */
  private nextScanAt = -Infinity;
  /** Earliest time the next SCAN may go under the key ceiling (keys are charged after their page arrives). */
  private nextKeysAt = -Infinity;
  private lastWait: BudgetState['throttledBy'] = null;
  /** When the caller's own work between round trips last ended (see {@link clientWorked}). */
  private clientWorkEnd = -Infinity;

  constructor(readonly options: LoadBudgetOptions = {}) {
    for (const name of ['maxScansPerSecond', 'maxKeysPerSecond', 'slowdownFactor', 'scanBurst'] as const) {
      const value = options[name];
      if (value !== undefined && !(value > 0)) throw new RangeError(`Load budget ${name} must be a positive number, got ${value}.`);
    }
    this.clock = options.clock ?? realClock;
    this.factor = options.slowdownFactor ?? 3;
    this.minSlowdownMs = options.minSlowdownMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.scanIntervalMs = options.maxScansPerSecond ? 1000 / options.maxScansPerSecond : 0;
    this.keyIntervalMs = options.maxKeysPerSecond ? 1000 / options.maxKeysPerSecond : 0;
    this.scanTolerance = (Math.max(1, Math.floor(options.scanBurst ?? 1)) - 1) * this.scanIntervalMs;
  }

  /**
   * Runs one round trip under the budget: waits its turn, sends, measures. Returns undefined
   * without sending when `signal` aborted during the wait. `keysOf` says how many keys a SCAN page held.
   */
  async request<T>(kind: RequestKind, send: () => Promise<T>, signal?: AbortSignal, keysOf?: (result: T) => number): Promise<T | undefined> {
    await this.waitTurn(kind, signal);
    if (signal?.aborted) return undefined;
    const sent = this.clock.now();
    const result = await send();
    // A reply that came while the caller was busy waited for it: only the time after that work counts.
    this.record(this.clock.now() - Math.max(sent, this.clientWorkEnd), keysOf ? keysOf(result) : 0, kind);
    return result;
  }

  /**
   * The caller finished a stretch of its own work (classifying the last page while the next SCAN
   * was out). A reply that arrived meanwhile was only handled afterwards; without this, the
   * caller's work would read as server latency and throttle an idle server.
   */
  clientWorked(): void {
    this.clientWorkEnd = this.clock.now();
  }

  /** Waits until a round trip of `kind` may go (resolves early on abort). */
  async waitTurn(kind: RequestKind, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    let until = now + this.delay;
    let reason: BudgetState['throttledBy'] = this.delay > 0 ? 'latency' : null;
    if (kind === 'scan') {
      if (this.keyIntervalMs > 0 && this.nextKeysAt > until) [until, reason] = [this.nextKeysAt, 'key-ceiling'];
      if (this.scanIntervalMs > 0) {
        const reserved = Math.max(this.nextScanAt, now - this.scanTolerance);
        this.nextScanAt = reserved + this.scanIntervalMs;
        const allowedAt = reserved;
        if (allowedAt > until) [until, reason] = [allowedAt, 'scan-ceiling'];
      }
    }
    this.lastWait = until > now ? reason : null;
    if (until > now) await this.clock.sleep(until - now, signal);
  }

  /** Feeds one measured round trip into the controller (and charges its keys to the key ceiling). */
  record(latencyMs: number, keys = 0, kind: RequestKind = 'scan'): void {
    const ms = Math.max(0, latencyMs);
    const previous = this.measured.get(kind);
    const recent = previous ? [...previous.recent.slice(1 - SUSTAINED), ms] : [ms];
    const now = previous
      ? { baseline: Math.min(ms, previous.baseline * (1 + BASELINE_DRIFT) + 0.001), latency: previous.latency + SMOOTHING * (ms - previous.latency), recent }
      : { baseline: ms, latency: ms, recent };
    this.measured.set(kind, now);
    this.lastKind = kind;
    // The fastest of the last few round trips: high only when the slowdown is sustained.
    const sustained = recent.length < SUSTAINED ? 0 : Math.min(...recent);
    const slowdown = sustained - now.baseline;
    const busy = sustained > now.baseline * this.factor && slowdown > this.minSlowdownMs;
    // While the server is slow, pause as long as the slowdown (our share of its time at most halves); halve the pause when calm.
    if (busy) this.delay = Math.min(this.maxDelayMs, Math.max(this.delay, slowdown));
    else this.delay = this.delay < 1 ? 0 : this.delay / 2;
    if (keys > 0 && this.keyIntervalMs > 0) this.nextKeysAt = Math.max(this.nextKeysAt, this.clock.now()) + keys * this.keyIntervalMs;
  }

  get state(): BudgetState {
    const last = this.measured.get(this.lastKind);
    return { throttledBy: this.lastWait, latencyMs: last?.latency ?? null, baselineMs: last?.baseline ?? null, delayMs: this.delay };
  }

  /** For a progress message: "throttled: server latency 12 ms vs 1 ms baseline", or "" when unthrottled. */
  describe(): string {
    switch (this.lastWait) {
      case 'latency':
        return `throttled: server latency ${formatMs(this.state.latencyMs ?? 0)} vs ${formatMs(this.state.baselineMs ?? 0)} baseline`;
      case 'scan-ceiling':
        return `throttled: at most ${this.options.maxScansPerSecond} SCAN calls per second`;
      case 'key-ceiling':
        return `throttled: at most ${this.options.maxKeysPerSecond} keys per second`;
      default:
        return '';
    }
  }
}

function formatMs(ms: number): string {
  return ms < 10 ? `${Math.round(ms * 10) / 10} ms` : `${Math.round(ms)} ms`;
}
