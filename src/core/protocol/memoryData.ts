/**
 * Plain, JSON-safe data shapes of the memory report page. The host's report (src/core/memory)
 * is assigned to these types where it is posted, so the compiler checks that they still agree;
 * they live with the webview protocol (and import nothing) because the page sees only the protocol.
 */

export interface KeyEntryData {
  /** Escaped as the key browser shows names. */
  key: string;
  db: number;
  type: string;
  encoding: string;
  memoryBytes: number;
  elements: number;
  ttlMs: number | null;
  /** MEMORY USAGE estimated it from a sample of elements. */
  memoryEstimated?: true;
}

/** A line of code that builds a pattern's keys. */
export interface CodeSiteData {
  file: string;
  line: number;
}

export interface PatternData {
  pattern: string;
  keys: number;
  memoryBytes: number;
  averageBytes: number;
  maxBytes: number;
  withTtl: number;
  types: Record<string, number>;
  inferred: boolean;
  sites?: CodeSiteData[];
  /** Standard error of `memoryBytes` in a sampled report. */
  memoryErrorBytes?: number;
}

export interface DistributionData {
  name: string;
  keys: number;
  memoryBytes: number;
}

export interface RecommendationData {
  id: string;
  severity: 'warning' | 'info';
  message: string;
  evidence: Record<string, unknown>;
  sites: CodeSiteData[];
}

export interface MemoryReportData {
  totalKeys: number;
  totalMemoryBytes: number;
  patterns: PatternData[];
  topKeys: KeyEntryData[];
  topKeysByElements: KeyEntryData[];
  types: DistributionData[];
  encodings: DistributionData[];
  ttl: { none: number; under1h: number; under1d: number; under1w: number; more: number };
  recommendations: RecommendationData[];
  /** Keys idle the longest (dumps written under an LRU policy); empty otherwise. */
  idleKeys: (KeyEntryData & { idleSeconds: number })[];
  /** Most frequently used keys (dumps written under an LFU policy); empty otherwise. */
  hotKeys: (KeyEntryData & { lfuFreq: number })[];
  /** Keys whose MEMORY USAGE is an estimate. */
  memoryEstimatedKeys: number;
  /** Set when only a sample of the keys was measured. */
  sampling: { measuredKeys: number; scannedKeys: number; memoryErrorBytes: number } | null;
  /** How the figures were obtained, one sentence each. */
  notes: string[];
}

/** The treemap's drawing area (SVG user units; the page scales it to its width). */
export const TREEMAP_BOX = { x: 0, y: 0, width: 960, height: 400 } as const;

/** One box of the treemap: a prefix segment, its place, and what the patterns under it hold. */
export interface TreemapBoxData {
  /** The segment shown on the box (`*` for a variable part). */
  label: string;
  /** Segments from the root to this box: the drill-down path. */
  path: string[];
  memoryBytes: number;
  keys: number;
  /** True when patterns continue below this box (it can be drilled into). */
  hasChildren: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes shown when the user has drilled down to `path` ([] for all keys). */
export interface TreemapLevelData {
  path: string[];
  boxes: TreemapBoxData[];
}
