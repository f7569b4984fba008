import type { PatternStatsOps } from '../patterns/inferPatterns';
import type { MemoryKeyInput } from './reportTypes';

/**
 * What the report keeps per pattern; merged when two inferred patterns collapse into one. Measured
 * figures are weighted sums (a key measured with chance p counts 1/p, Horvitz–Thompson), so a
 * sampled analysis estimates totals without bias; with every key measured every weight is 1.
 */
export interface PatternStats {
  /** Keys counted (exact: the scan sees every key). */
  keys: number;
  memoryBytes: number;
  /** Variance of the `memoryBytes` estimate: Σ (w² − w)·m² (0 when every key was measured). */
  memoryVariance: number;
  maxBytes: number;
  withTtl: number;
  types: Record<string, number>;
  /** Estimated sum of STRLEN over string keys and the key names' lengths (for the "smaller as a hash" estimate). */
  stringValueBytes: number;
  keyNameBytes: number;
}

/** How one measured key counts: 1/p of its chance of being measured, and whether it is counted here. */
export interface KeyWeights {
  measured: number;
  /** False when the scan already counted the key ({@link countInPattern}). */
  counted: boolean;
}

export const FULL_WEIGHTS: KeyWeights = { measured: 1, counted: true };

export const patternStatsOps: PatternStatsOps<PatternStats> = {
  create: () => ({ keys: 0, memoryBytes: 0, memoryVariance: 0, maxBytes: 0, withTtl: 0, types: {}, stringValueBytes: 0, keyNameBytes: 0 }),
  merge: (into, from) => {
    into.keys += from.keys;
    into.memoryBytes += from.memoryBytes;
    into.memoryVariance += from.memoryVariance;
    into.maxBytes = Math.max(into.maxBytes, from.maxBytes);
    into.withTtl += from.withTtl;
    for (const [type, n] of Object.entries(from.types)) into.types[type] = (into.types[type] ?? 0) + n;
    into.stringValueBytes += from.stringValueBytes;
    into.keyNameBytes += from.keyNameBytes;
  },
};

/** A key the scan saw (counted whether or not it is measured). */
export function countInPattern(stats: PatternStats, key: Buffer): void {
  stats.keys++;
  stats.keyNameBytes += key.length;
}

export function addToPattern(stats: PatternStats, input: Pick<MemoryKeyInput, 'key' | 'type' | 'memoryBytes' | 'ttlMs'>, weights: KeyWeights = FULL_WEIGHTS): void {
  if (weights.counted) countInPattern(stats, input.key);
  const w = weights.measured;
  stats.memoryBytes += w * input.memoryBytes;
  stats.memoryVariance += (w * w - w) * input.memoryBytes * input.memoryBytes;
  if (input.memoryBytes > stats.maxBytes) stats.maxBytes = input.memoryBytes;
  if (input.ttlMs !== null) stats.withTtl += w;
  stats.types[input.type] = (stats.types[input.type] ?? 0) + w;
}

/** A string key whose length was read; `weight` is 1/p of its chance of being read. */
export function addStringLength(stats: PatternStats, bytes: number, weight: number): void {
  stats.stringValueBytes += weight * bytes;
}
