import { PatternClassifier } from '../patterns/patternMatcher';
import { BoundedTop } from './boundedTop';
import { KeyFindings } from './keyFindings';
import { LazyKeyEntry } from './lazyKeyEntry';
import { addStringLength, addToPattern, countInPattern, FULL_WEIGHTS, type KeyWeights, type PatternStats, patternStatsOps } from './patternStats';
import { recommend } from './recommendations';
import { TtlCounter, WeightedDistribution } from './weightedCounts';
import type { CodeSite, EncodingThresholds, KeyEntry, MemoryKeyInput, MemoryReport, PatternEntry } from './reportTypes';

/** A key pattern found in code (`session:{id}`) and the lines that build its keys. */
export interface CodePattern {
  template: string;
  sites: CodeSite[];
}

export interface MemoryReportOptions {
  thresholds: EncodingThresholds;
  /** Keys in each top list (default 100). */
  top?: number;
  /** Patterns reported: the top N by memory plus the top N by count (default 100). */
  patterns?: number;
  /** Key patterns from code: keys they match are counted under them, the rest under inferred patterns. */
  codePatterns?: readonly CodePattern[];
  bigKeyBytes?: number;
  bigKeyElements?: number;
  unboundedElements?: number;
  smallStringPatternKeys?: number;
  smallStringMaxBytes?: number;
  /** Keys per pattern whose details are read (live analysis; default every key). */
  detailSample?: number;
  /** Randomness for the detail sample, in [0, 1) (default Math.random). */
  random?: () => number;
}

/**
 * Builds the memory report from a stream of keys in bounded memory: totals and distributions
 * are counters, top lists are bounded heaps, patterns come from a {@link PatternClassifier}
 * (code templates first, then patterns inferred from the names, capped). A dump file gives every
 * key whole; a live analysis may measure a sample (weights) and read details for a few keys.
 */
export class MemoryReportBuilder {
  private totalKeys = 0;
  private measuredKeys = 0;
  private sampled = false;
  private totalMemoryBytes = 0;
  private memoryVariance = 0;
  private memoryEstimatedKeys = 0;
  private readonly patterns: PatternClassifier<PatternStats>;
  private readonly sites: Map<string, CodeSite[]>;
  private readonly topByMemory: BoundedTop<KeyEntry>;
  private readonly topByElements: BoundedTop<KeyEntry>;
  private readonly idle: BoundedTop<KeyEntry & { idleSeconds: number }>;
  private readonly hot: BoundedTop<KeyEntry & { lfuFreq: number }>;
  private readonly types = new WeightedDistribution();
  private readonly encodings = new WeightedDistribution();
  private readonly ttl = new TtlCounter();
  private readonly findings: KeyFindings;
  private readonly options: Required<MemoryReportOptions>;
  private readonly notes: string[] = [];
  private readonly random: () => number;

  constructor(options: MemoryReportOptions) {
    this.options = {
      top: 100,
      patterns: 100,
      codePatterns: [],
      bigKeyBytes: 1024 * 1024,
      bigKeyElements: 100_000,
      unboundedElements: 10_000,
      smallStringPatternKeys: 1000,
      smallStringMaxBytes: 256,
      detailSample: Infinity,
      random: Math.random,
      // An option passed as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as MemoryReportOptions),
    };
    const top = this.options.top;
    this.random = this.options.random;
    this.topByMemory = new BoundedTop(top);
    this.topByElements = new BoundedTop(top);
    this.idle = new BoundedTop(top);
    this.hot = new BoundedTop(top);
    this.findings = new KeyFindings(this.options, this.options.thresholds);
    this.patterns = new PatternClassifier(this.options.codePatterns.map((p) => p.template), patternStatsOps);
    this.sites = new Map(this.options.codePatterns.map((p) => [p.template, p.sites]));
  }

  /** A key the scan saw but did not measure (sampled analysis): it counts in the totals and its pattern. */
  countKey(key: Buffer): void {
    this.totalKeys++;
    this.sampled = true;
    countInPattern(this.patterns.classify(key), key);
  }

  /** A key from a dump file: everything about it is known. */
  add(input: MemoryKeyInput): void {
    this.addMeasured(input);
    this.addDetails(input, 1);
  }

  /**
   * A key whose type, TTL and memory were measured (`encoding`, `elements` may still be null).
   * Returns whether to read its details, and their weight: 1/p for a key drawn into its
   * pattern's detail sample with chance p (p = sample size / keys of the pattern so far, so
   * every pattern gets a sample whatever its size), 0 for a key read only because it may rank
   * among the top keys. Null: its details are not needed.
   */
  addMeasured(input: MemoryKeyInput, weights: KeyWeights = FULL_WEIGHTS): { weight: number } | null {
    if (weights.counted) this.totalKeys++;
    if (weights.measured !== 1 || !weights.counted) this.sampled = true;
    this.measuredKeys++;
    const w = weights.measured;
    this.totalMemoryBytes += w * input.memoryBytes;
    this.memoryVariance += (w * w - w) * input.memoryBytes * input.memoryBytes;
    if (input.memoryEstimated) this.memoryEstimatedKeys++;
    const stats = this.patterns.classify(input.key);
    addToPattern(stats, input, weights);
    this.types.add(input.type, w, w * input.memoryBytes);
    this.ttl.add(input.ttlMs, w);
    this.findings.addMeasured(input, new LazyKeyEntry(input));
    const chance = Math.min(1, this.options.detailSample / Math.max(1, stats.keys));
    if (chance >= 1 || this.random() < chance) return { weight: w / chance };
    return this.topByMemory.accepts(input.memoryBytes) ? { weight: 0 } : null;
  }

  /** The details of a measured key (encoding, element count, idle time or frequency); `weight` from {@link addMeasured}. */
  addDetails(input: MemoryKeyInput, weight: number): void {
    if (input.elements === null || input.encoding === null) return;
    const entry = new LazyKeyEntry(input);
    this.findings.addDetailed(input, entry);
    if (weight > 0) {
      this.encodings.add(`${input.type}/${input.encoding}`, weight, weight * input.memoryBytes);
      if (input.type === 'string') addStringLength(this.patterns.classify(input.key), input.elements, weight);
    }
    if (this.topByMemory.accepts(input.memoryBytes)) this.topByMemory.offer(input.memoryBytes, entry.get());
    if (this.topByElements.accepts(input.elements)) this.topByElements.offer(input.elements, entry.get());
    if (input.idleSeconds !== null && this.idle.accepts(input.idleSeconds)) this.idle.offer(input.idleSeconds, { ...entry.get(), idleSeconds: input.idleSeconds });
    if (input.lfuFreq !== null && this.hot.accepts(input.lfuFreq)) this.hot.offer(input.lfuFreq, { ...entry.get(), lfuFreq: input.lfuFreq });
  }

  /**
   * A detailed key's exact MEMORY USAGE (… SAMPLES 0) replaces the server's estimate it was
   * measured with: totals and its pattern take the difference, with its measurement weight.
   */
  correctMemory(input: MemoryKeyInput, estimatedBytes: number, measuredWeight: number): void {
    const delta = measuredWeight * (input.memoryBytes - estimatedBytes);
    if (delta === 0) return;
    this.totalMemoryBytes += delta;
    const stats = this.patterns.classify(input.key);
    stats.memoryBytes += delta;
    if (input.memoryBytes > stats.maxBytes) stats.maxBytes = input.memoryBytes;
    this.types.add(input.type, 0, delta);
  }

  /** A sentence the report shows about how its figures were obtained. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  build(): MemoryReport {
    const all = this.patterns.patterns().filter((p) => p.stats.keys > 0);
    const patterns = this.topPatterns(all);
    const sitesOf = (pattern: string): CodeSite[] => this.sites.get(pattern) ?? [];
    return {
      totalKeys: this.totalKeys,
      totalMemoryBytes: Math.round(this.totalMemoryBytes),
      patterns,
      topKeys: this.topByMemory.sorted(),
      topKeysByElements: this.topByElements.sorted(),
      types: this.types.sorted(),
      encodings: this.encodings.sorted(),
      ttl: this.ttl.rounded(),
      idleKeys: this.idle.sorted(),
      hotKeys: this.hot.sorted(),
      thresholds: this.options.thresholds,
      recommendations: recommend(this.findings, all, this.options.thresholds, this.options, sitesOf),
      memoryEstimatedKeys: this.memoryEstimatedKeys,
      sampling: this.sampled ? { measuredKeys: this.measuredKeys, scannedKeys: this.totalKeys, memoryErrorBytes: Math.round(Math.sqrt(this.memoryVariance)) } : null,
      notes: [...this.notes],
    };
  }

  private topPatterns(all: { pattern: string; inferred: boolean; stats: PatternStats }[]): PatternEntry[] {
    const n = this.options.patterns;
    const byMemory = [...all].sort((a, b) => b.stats.memoryBytes - a.stats.memoryBytes).slice(0, n);
    const byCount = [...all].sort((a, b) => b.stats.keys - a.stats.keys).slice(0, n);
    const chosen = new Set([...byMemory, ...byCount]);
    return [...chosen]
      .sort((a, b) => b.stats.memoryBytes - a.stats.memoryBytes || b.stats.keys - a.stats.keys || a.pattern.localeCompare(b.pattern))
      .map(({ pattern, inferred, stats }) => ({
        pattern,
        keys: stats.keys,
        memoryBytes: Math.round(stats.memoryBytes),
        averageBytes: Math.round(stats.memoryBytes / stats.keys),
        maxBytes: stats.maxBytes,
        withTtl: Math.round(stats.withTtl),
        types: Object.fromEntries(Object.entries(stats.types).map(([type, n]) => [type, Math.round(n)])),
        inferred,
        ...(this.sites.has(pattern) ? { sites: this.sites.get(pattern) } : {}),
        ...(this.sampled ? { memoryErrorBytes: Math.round(Math.sqrt(stats.memoryVariance)) } : {}),
      }));
  }
}
