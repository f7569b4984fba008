import { PatternInferrer } from '../patterns/inferPatterns';
import { formatKeyName } from '../redis/keyspace/keyName';
import { BoundedTop } from './boundedTop';
import { KeyFindings } from './keyFindings';
import { LazyKeyEntry } from './lazyKeyEntry';
import { addToPattern, type PatternStats, patternStatsOps } from './patternStats';
import { recommend } from './recommendations';
import type { Distribution, EncodingThresholds, KeyEntry, MemoryKeyInput, MemoryReport, PatternEntry, TtlDistribution } from './reportTypes';

export interface MemoryReportOptions {
  thresholds: EncodingThresholds;
  /** Keys in each top list (default 100). */
  top?: number;
  /** Patterns reported: the top N by memory plus the top N by count (default 100). */
  patterns?: number;
  bigKeyBytes?: number;
  bigKeyElements?: number;
  unboundedElements?: number;
  smallStringPatternKeys?: number;
  smallStringMaxBytes?: number;
}

const HOUR = 3_600_000;

/**
 * Builds the memory report from a stream of keys in bounded memory: totals and distributions
 * are counters, top lists are bounded heaps, patterns come from {@link PatternInferrer} (capped).
 */
export class MemoryReportBuilder {
  private totalKeys = 0;
  private totalMemoryBytes = 0;
  private readonly patterns = new PatternInferrer<PatternStats>(patternStatsOps);
  private readonly topByMemory: BoundedTop<KeyEntry>;
  private readonly topByElements: BoundedTop<KeyEntry>;
  private readonly idle: BoundedTop<KeyEntry & { idleSeconds: number }>;
  private readonly hot: BoundedTop<KeyEntry & { lfuFreq: number }>;
  private readonly types = new Map<string, Distribution>();
  private readonly encodings = new Map<string, Distribution>();
  private readonly ttl: TtlDistribution = { none: 0, under1h: 0, under1d: 0, under1w: 0, more: 0 };
  private readonly findings: KeyFindings;
  private readonly options: Required<MemoryReportOptions>;

  constructor(options: MemoryReportOptions) {
    this.options = {
      top: 100,
      patterns: 100,
      bigKeyBytes: 1024 * 1024,
      bigKeyElements: 100_000,
      unboundedElements: 10_000,
      smallStringPatternKeys: 1000,
      smallStringMaxBytes: 256,
      ...options,
    };
    const top = this.options.top;
    this.topByMemory = new BoundedTop(top);
    this.topByElements = new BoundedTop(top);
    this.idle = new BoundedTop(top);
    this.hot = new BoundedTop(top);
    this.findings = new KeyFindings(this.options, this.options.thresholds);
  }

  add(input: MemoryKeyInput): void {
    this.totalKeys++;
    this.totalMemoryBytes += input.memoryBytes;
    const entry = new LazyKeyEntry(input);
    addToPattern(this.patterns.add(formatKeyName(input.key)), input);
    if (this.topByMemory.accepts(input.memoryBytes)) this.topByMemory.offer(input.memoryBytes, entry.get());
    if (this.topByElements.accepts(input.elements)) this.topByElements.offer(input.elements, entry.get());
    if (input.idleSeconds !== null && this.idle.accepts(input.idleSeconds)) this.idle.offer(input.idleSeconds, { ...entry.get(), idleSeconds: input.idleSeconds });
    if (input.lfuFreq !== null && this.hot.accepts(input.lfuFreq)) this.hot.offer(input.lfuFreq, { ...entry.get(), lfuFreq: input.lfuFreq });
    count(this.types, input.type, input.memoryBytes);
    count(this.encodings, `${input.type}/${input.encoding}`, input.memoryBytes);
    this.countTtl(input.ttlMs);
    this.findings.add(input, entry);
  }

  build(): MemoryReport {
    const all = this.patterns.patterns();
    return {
      totalKeys: this.totalKeys,
      totalMemoryBytes: this.totalMemoryBytes,
      patterns: this.topPatterns(all),
      topKeys: this.topByMemory.sorted(),
      topKeysByElements: this.topByElements.sorted(),
      types: sortedDistribution(this.types),
      encodings: sortedDistribution(this.encodings),
      ttl: { ...this.ttl },
      idleKeys: this.idle.sorted(),
      hotKeys: this.hot.sorted(),
      thresholds: this.options.thresholds,
      recommendations: recommend(this.findings, all, this.options.thresholds, this.options),
    };
  }

  private countTtl(ttlMs: number | null): void {
    if (ttlMs === null) this.ttl.none++;
    else if (ttlMs < HOUR) this.ttl.under1h++;
    else if (ttlMs < 24 * HOUR) this.ttl.under1d++;
    else if (ttlMs < 7 * 24 * HOUR) this.ttl.under1w++;
    else this.ttl.more++;
  }

  private topPatterns(all: { pattern: string; stats: PatternStats }[]): PatternEntry[] {
    const n = this.options.patterns;
    const byMemory = [...all].sort((a, b) => b.stats.memoryBytes - a.stats.memoryBytes).slice(0, n);
    const byCount = [...all].sort((a, b) => b.stats.keys - a.stats.keys).slice(0, n);
    const chosen = new Set([...byMemory, ...byCount]);
    return [...chosen]
      .sort((a, b) => b.stats.memoryBytes - a.stats.memoryBytes || b.stats.keys - a.stats.keys || a.pattern.localeCompare(b.pattern))
      .map(({ pattern, stats }) => ({
        pattern,
        keys: stats.keys,
        memoryBytes: stats.memoryBytes,
        averageBytes: Math.round(stats.memoryBytes / stats.keys),
        maxBytes: stats.maxBytes,
        withTtl: stats.withTtl,
        types: { ...stats.types },
      }));
  }
}

function count(map: Map<string, Distribution>, name: string, memoryBytes: number): void {
  const existing = map.get(name);
  if (existing) {
    existing.keys++;
    existing.memoryBytes += memoryBytes;
  } else {
    map.set(name, { name, keys: 1, memoryBytes });
  }
}

function sortedDistribution(map: Map<string, Distribution>): Distribution[] {
  return [...map.values()].sort((a, b) => b.memoryBytes - a.memoryBytes);
}
