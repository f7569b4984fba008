/** The memory report: what goes in (one record per key) and what comes out. */

export type KeyType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'module';

/** One key, from a dump file or (later) a live scan. */
export interface MemoryKeyInput {
  db: number;
  key: Buffer;
  type: KeyType;
  encoding: string;
  memoryBytes: number;
  elements: number;
  /** Time to live in ms at the time of the snapshot, or null without expiry. */
  ttlMs: number | null;
  idleSeconds: number | null;
  lfuFreq: number | null;
  /** Largest element in bytes for hashtable/skiplist encodings, else 0. */
  maxElementBytes: number;
}

export interface KeyEntry {
  /** The key as the key browser shows it: UTF-8 as is, other bytes \xNN, \\ \n \r \t escaped, no quotes. */
  key: string;
  db: number;
  type: KeyType;
  encoding: string;
  memoryBytes: number;
  elements: number;
  ttlMs: number | null;
}

export interface PatternEntry {
  pattern: string;
  keys: number;
  memoryBytes: number;
  averageBytes: number;
  maxBytes: number;
  /** Keys with a TTL (a count, not a ratio). */
  withTtl: number;
  /** Keys per type. */
  types: Record<string, number>;
}

export interface Distribution {
  name: string;
  keys: number;
  memoryBytes: number;
}

export interface TtlDistribution {
  none: number;
  under1h: number;
  under1d: number;
  under1w: number;
  more: number;
}

export interface Recommendation {
  id: 'big-key' | 'unbounded-collection' | 'small-strings-as-hash' | 'cache-without-ttl' | 'just-over-listpack-threshold';
  severity: 'warning' | 'info';
  message: string;
  evidence: Record<string, unknown>;
  /** Code call sites of the pattern (filled once code patterns are joined in). */
  sites: { file: string; line: number }[];
}

/** Encoding thresholds (`*-max-listpack-*`, `set-max-intset-entries`) and where they come from. */
export interface EncodingThresholds {
  source: string;
  hashEntries: number;
  hashValue: number;
  zsetEntries: number;
  zsetValue: number;
  setIntsetEntries: number;
  /** Only Redis ≥ 7.2 keeps small sets of strings as listpacks. */
  setListpackEntries: number | null;
  setListpackValue: number | null;
}

export interface MemoryReport {
  totalKeys: number;
  totalMemoryBytes: number;
  patterns: PatternEntry[];
  topKeys: KeyEntry[];
  topKeysByElements: KeyEntry[];
  types: Distribution[];
  encodings: Distribution[];
  ttl: TtlDistribution;
  /** Keys idle the longest (LRU policies), when the source has idle times. */
  idleKeys: (KeyEntry & { idleSeconds: number })[];
  /** Most frequently used keys (LFU policies), when the source has frequencies. */
  hotKeys: (KeyEntry & { lfuFreq: number })[];
  thresholds: EncodingThresholds;
  recommendations: Recommendation[];
}
