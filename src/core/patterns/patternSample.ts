import type { Redis } from 'ioredis';
import type { LoadBudget } from '../redis/keyspace/loadBudget';

/**
 * Per-pattern samples: a reservoir of at most `size` keys per pattern (every key when the pattern
 * has no more), each remembered with the node that returned it, then measured in pipelined round
 * trips per node: TYPE, PTTL, MEMORY USAGE; for collections the element count, then MEMORY USAGE
 * with SAMPLES 0 (exact, O(elements)) only below a size threshold, the server's default sampling above it.
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
    add(into: PatternAccumulator, key: Buffer, node: Redis): void {
      into.keys++;
      // Kept keys are copied: a Buffer from ioredis pins the whole socket chunk it was sliced from.
      if (into.sample.length < size) into.sample.push({ key: Buffer.from(key), node });
      else {
        const slot = Math.floor(random() * into.keys);
        if (slot < size) into.sample[slot] = { key: Buffer.from(key), node };
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

const COUNT_COMMAND: Record<string, string> = { hash: 'HLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' };
/** MEMORY USAGE's default SAMPLES: a collection with no more elements is measured whole anyway. */
const DEFAULT_SAMPLES = 5;

export interface MeasureOptions {
  /** Collections with fewer elements than this get exact MEMORY USAGE … SAMPLES 0 (O(elements)). */
  exactMemoryBelow: number;
  /** Keys per pipeline. */
  batch: number;
  /** Batches sent before the first answers (default 2). */
  inFlight?: number;
  budget: LoadBudget | null;
  signal?: AbortSignal;
  onMeasured?: (count: number) => void;
}

/**
 * Measures `keys` (all on `node`); a key that vanished since the scan maps to undefined. One round
 * trip of TYPE, PTTL and MEMORY USAGE (default sampling: exact for strings and small collections);
 * collections of more than 5 elements then get their count, and those below the threshold an
 * exact MEMORY USAGE … SAMPLES 0. Batches go `inFlight` at a time (default 2), so the server
 * answers one while the client builds the next and reads the last. Stops between round trips
 * when `signal` aborts, leaving the remaining keys unmeasured (absent from the map).
 */
export async function measureKeys(node: Redis, keys: readonly Buffer[], options: MeasureOptions): Promise<Map<Buffer, KeyMeasurement | undefined>> {
  const out = new Map<Buffer, KeyMeasurement | undefined>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length && !options.signal?.aborted) {
      const batch = keys.slice(next, (next += options.batch));
      const measured = await measureBatch(node, batch, options);
      if (!measured) return;
      // A module type has no count command: its size is unknown, so it keeps the server's default sampling.
      for (const key of batch) out.set(key, measured.get(key));
      options.onMeasured?.(batch.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? 2) }, worker));
  return out;
}

/** One batch's measurements; undefined when cancelled before it completed. */
async function measureBatch(node: Redis, batch: readonly Buffer[], options: MeasureOptions): Promise<Map<Buffer, KeyMeasurement> | undefined> {
  const names = batch.map(commandArg);
  const basics = await roundTrip(node, options, names.flatMap((key) => [['TYPE', key], ['PTTL', key], ['MEMORY', 'USAGE', key]]));
  if (!basics) return undefined;
  const measured = new Map<Buffer, KeyMeasurement>();
  batch.forEach((key, i) => {
    const [type, ttl, memory] = basics.slice(3 * i, 3 * i + 3);
    // A key deleted between the scan and now answers TYPE none or MEMORY USAGE null: it counts as vanished.
    if (typeof type === 'string' && type !== 'none' && memory !== null) {
      measured.set(key, { type, ttlMs: Number(ttl), memoryBytes: Number(memory), memoryEstimated: type !== 'string' });
    }
  });
  const collections = [...measured].filter(([, m]) => COUNT_COMMAND[m.type]);
  const counts = await roundTrip(node, options, collections.map(([key, m]) => [COUNT_COMMAND[m.type], commandArg(key)]));
  if (!counts) return undefined;
  const small: Buffer[] = [];
  collections.forEach(([key, m], i) => {
    const elements = Number(counts[i]);
    if (elements <= DEFAULT_SAMPLES) m.memoryEstimated = false;
    else if (elements < options.exactMemoryBelow) small.push(key);
  });
  const exact = await roundTrip(node, options, small.map((key) => ['MEMORY', 'USAGE', commandArg(key), 'SAMPLES', '0']));
  if (!exact) return undefined;
  small.forEach((key, i) => {
    const m = measured.get(key) as KeyMeasurement;
    if (exact[i] === null) measured.delete(key);
    else Object.assign(m, { memoryBytes: Number(exact[i]), memoryEstimated: false });
  });
  return measured;
}

/**
 * The key as a command argument: ASCII names as strings (the same bytes on the wire), since one
 * Buffer argument switches ioredis to assembling the command from buffers, several times slower;
 * any other name stays bytes.
 */
function commandArg(key: Buffer): string | Buffer {
  for (let i = 0; i < key.length; i++) if (key[i] >= 0x80) return key;
  return key.toString('latin1');
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
