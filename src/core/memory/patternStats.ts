import type { PatternStatsOps } from '../patterns/inferPatterns';
import type { MemoryKeyInput } from './reportTypes';

/** What the report keeps per inferred pattern; merged when two patterns collapse into one. */
export interface PatternStats {
  keys: number;
  memoryBytes: number;
  maxBytes: number;
  withTtl: number;
  types: Record<string, number>;
  /** Sum of STRLEN over string keys and of key name lengths (for the "smaller as a hash" estimate). */
  stringValueBytes: number;
  keyNameBytes: number;
}

export const patternStatsOps: PatternStatsOps<PatternStats> = {
  create: () => ({ keys: 0, memoryBytes: 0, maxBytes: 0, withTtl: 0, types: {}, stringValueBytes: 0, keyNameBytes: 0 }),
  merge: (into, from) => {
    into.keys += from.keys;
    into.memoryBytes += from.memoryBytes;
    into.maxBytes = Math.max(into.maxBytes, from.maxBytes);
    into.withTtl += from.withTtl;
    for (const [type, n] of Object.entries(from.types)) into.types[type] = (into.types[type] ?? 0) + n;
    into.stringValueBytes += from.stringValueBytes;
    into.keyNameBytes += from.keyNameBytes;
  },
};

export function addToPattern(stats: PatternStats, input: MemoryKeyInput): void {
  stats.keys++;
  stats.memoryBytes += input.memoryBytes;
  if (input.memoryBytes > stats.maxBytes) stats.maxBytes = input.memoryBytes;
  if (input.ttlMs !== null) stats.withTtl++;
  stats.types[input.type] = (stats.types[input.type] ?? 0) + 1;
  if (input.type === 'string') stats.stringValueBytes += input.elements;
  stats.keyNameBytes += input.key.length;
}
