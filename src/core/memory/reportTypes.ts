/** The memory report: what goes in (one record per key) and what comes out. */

export type KeyType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'module';

/** One key, from a dump file or a live scan. */
export interface MemoryKeyInput {
  db: number;
  key: Buffer;
  type: KeyType;
  /** Null when not read (a live analysis reads encodings and counts for top keys and a per-pattern sample). */
  encoding: string | null;
  memoryBytes: number;
  /** Elements (bytes for strings); null when not read, as `encoding`. */
  elements: number | null;
  /** MEMORY USAGE used the server's default sampling (a big collection): the figure is an estimate. */
  memoryEstimated?: boolean;
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
  /** Present (true) when MEMORY USAGE estimated the key's memory from a sample of its elements. */
  memoryEstimated?: true;
}

/** A line of code that builds keys of a pattern. */
export interface CodeSite {
  file: string;
  line: number;
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
  /** False for a key pattern found in code, true for one inferred from key names. */
  inferred: boolean;
  /** Where the code builds keys of this pattern (code patterns only). */
  sites?: CodeSite[];
  /** Standard error of `memoryBytes` when only a sample of keys was measured. */
  memoryErrorBytes?: number;
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

export type RecommendationId =
  | 'big-key'
  | 'unbounded-collection'
  | 'small-strings-as-hash'
  | 'cache-without-ttl'
  | 'just-over-listpack-threshold'
  // From the server configuration advisor (live analysis only).
  | 'memory-fragmentation'
  | 'maxmemory-unset'
  | 'eviction-policy-mismatch'
  | 'persistence-on-cache'
  | 'lazyfree-off';

export interface Recommendation {
  id: RecommendationId;
  severity: 'warning' | 'info';
  message: string;
  evidence: Record<string, unknown>;
  /** Code call sites of the pattern the recommendation is about (code patterns only). */
  sites: CodeSite[];
}

/** How far the figures are estimates: set when only a sample of the keys was measured. */
export interface SamplingInfo {
  /** Keys whose TYPE, PTTL and MEMORY USAGE were read. */
  measuredKeys: number;
  /** Keys the scan counted. */
  scannedKeys: number;
  /** Standard error of `totalMemoryBytes`. */
  memoryErrorBytes: number;
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
  /** Keys whose MEMORY USAGE is an estimate (above the exact-measure threshold). */
  memoryEstimatedKeys: number;
  /** Null when every key was measured. */
  sampling: SamplingInfo | null;
  /** What the reader should know about how the figures were obtained (one sentence each). */
  notes: string[];
}
