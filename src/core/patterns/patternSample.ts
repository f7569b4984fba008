import type { Redis } from 'ioredis';
import type { LoadBudget } from '../redis/loadBudget';

/**
 * Per-pattern samples: a reservoir of at most `size` keys per pattern (every key when the pattern
 * has no more), each remembered with the node that returned it, then measured in pipelined round
 * trips per node: TYPE and PTTL; the element count for collections; MEMORY USAGE with SAMPLES 0
 * (exact, O(elements)) only below a size threshold, the server's default sampling above it.
 */

export interface SampledKey {
  key: Buffer;
  node: Redis;
}

export interface PatternAccumulator {
  /** Keys of the pattern seen by the scan. */
  keys: number;
  /** Uniform sample of those keys (reservoir). */
  sample: SampledKey[];
}

export interface KeyMeasurement {
  type: string;
  /** PTTL: -1 when the key has no TTL. */
  ttlMs: number;
  memoryBytes: number;
  /** MEMORY USAGE used the server's default sampling (the key is above the size threshold). */
  memoryEstimated: boolean;
}

/** Reservoir operations for the classifier; `random` in [0, 1) is injectable for reproducible tests. */
export function reservoirOps(size: number, random: () => number) {
  return {
    create: (): PatternAccumulator => ({ keys: 0, sample: [] }),
    add(into: PatternAccumulator, entry: SampledKey): void {
      into.keys++;
      if (into.sample.length < size) into.sample.push(entry);
      else {
        const slot = Math.floor(random() * into.keys);
        if (slot < size) into.sample[slot] = entry;
      }
    },
    /** Two patterns became one: draw the merged sample from both, each side weighted by its key count. */
    merge(into: PatternAccumulator, from: PatternAccumulator): void {
      const a = [...into.sample];
      const b = [...from.sample];
      let [restA, restB] = [into.keys, from.keys];
      const merged: SampledKey[] = [];
      while (merged.length < size && (a.length > 0 || b.length > 0)) {
        const takeA = b.length === 0 || (a.length > 0 && random() * (restA + restB) < restA);
        const side = takeA ? a : b;
        merged.push(side.splice(Math.floor(random() * side.length), 1)[0]);
        if (takeA) restA--;
        else restB--;
      }
      into.keys += from.keys;
      into.sample = merged;
    },
  };
}

const COUNT_COMMAND: Record<string, string> = { string: 'STRLEN', hash: 'HLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' };

export interface MeasureOptions {
  /** Keys with fewer elements (bytes for strings) than this get exact MEMORY USAGE … SAMPLES 0. */
  exactMemoryBelow: number;
  /** Keys per pipeline. */
  batch: number;
  budget: LoadBudget | null;
  signal?: AbortSignal;
  onMeasured?: (count: number) => void;
}

/**
 * Measures `keys` (all on `node`); a key that vanished since the scan maps to undefined. Stops
 * between round trips when `signal` aborts, leaving the remaining keys unmeasured (absent from the map).
 */
export async function measureKeys(node: Redis, keys: readonly Buffer[], options: MeasureOptions): Promise<Map<Buffer, KeyMeasurement | undefined>> {
  const out = new Map<Buffer, KeyMeasurement | undefined>();
  for (let start = 0; start < keys.length; start += options.batch) {
    const batch = keys.slice(start, start + options.batch);
    const basics = await roundTrip(node, options, batch.flatMap((key) => [['TYPE', key], ['PTTL', key]]));
    if (!basics) return out;
    const types = batch.map((_, i) => (typeof basics[2 * i] === 'string' ? (basics[2 * i] as string) : 'none'));
    const live = batch.map((key, i) => ({ key, type: types[i], ttlMs: Number(basics[2 * i + 1]) })).filter((k) => k.type !== 'none');
    const counted = live.filter((k) => COUNT_COMMAND[k.type]);
    const counts = await roundTrip(node, options, counted.map((k) => [COUNT_COMMAND[k.type], k.key]));
    if (!counts) return out;
    const size = new Map(counted.map((k, i) => [k.key, Number(counts[i])]));
    // A module type has no count command: its size is unknown, so it gets the server's default sampling.
    const exact = live.map((k) => (size.get(k.key) ?? Infinity) < options.exactMemoryBelow);
    const memory = await roundTrip(node, options, live.map((k, i) => (exact[i] ? ['MEMORY', 'USAGE', k.key, 'SAMPLES', '0'] : ['MEMORY', 'USAGE', k.key])));
    if (!memory) return out;
    for (const key of batch) out.set(key, undefined);
    live.forEach((k, i) => {
      // A key deleted between TYPE and MEMORY USAGE answers null: it counts as vanished.
      if (memory[i] !== null) out.set(k.key, { type: k.type, ttlMs: k.ttlMs, memoryBytes: Number(memory[i]), memoryEstimated: !exact[i] });
    });
    options.onMeasured?.(batch.length);
  }
  return out;
}

/** One pipeline under the budget; undefined when cancelled before it went. Errors of single commands become null. */
async function roundTrip(node: Redis, options: MeasureOptions, commands: (string | Buffer)[][]): Promise<unknown[] | undefined> {
  if (options.signal?.aborted) return undefined;
  if (commands.length === 0) return [];
  const send = async (): Promise<unknown[]> => {
    const pipeline = node.pipeline();
    for (const [name, ...args] of commands) pipeline.call(name as string, ...args);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, value]) => (error ? null : value));
  };
  return options.budget ? options.budget.request('read', send, options.signal) : send();
}
