import type { Redis } from 'ioredis';
import type { RedisClient } from '../redis/connection/clientFactory';
import { ByteStringSet } from '../redis/bytes/byteStringSet';
import { LoadBudget } from '../redis/keyspace/loadBudget';
import { walkKeyHoldingNodes, type NodeReport } from '../redis/cluster/nodeWalks';
import { keyHoldingTargets } from '../redis/cluster/clusterRouting';
import { cursorsAfter, readServerIds, type ScanCheckpoint } from '../liveAnalysis/scanCheckpoint';
import { PatternClassifier } from './patternMatcher';
import { measureKeys, reservoirOps, type KeyMeasurement, type PatternAccumulator } from './patternSample';

/**
 * Live statistics per key pattern from ONE SCAN pass (every master of a Cluster, merged): each key
 * is classified once (template, else inferred pattern) and counted exactly; types, TTLs and memory
 * come from a per-pattern sample measured afterwards in pipelined round trips and extrapolated to
 * the pattern's count. Only reads (SCAN, TYPE, PTTL, counts, MEMORY USAGE), so it runs on read-only
 * connections; never KEYS. Runs under the load budget, stops on abort with partial results.
 */

export interface LivePatternStatsOptions {
  /** Key-pattern templates (`session:{id}`); keys no template matches get inferred patterns. */
  templates?: readonly string[];
  /** SCAN COUNT hint (default 1000). */
  count?: number;
  /** Keys sampled per pattern (default 200); a pattern with no more keys is measured exactly. */
  sampleSize?: number;
  /** Elements (bytes for strings) below which MEMORY USAGE runs with SAMPLES 0 (default 10,000). */
  exactMemoryBelow?: number;
  /** The server-load budget; null runs unthrottled (benchmarks). Default: a latency-adaptive budget without ceilings. */
  budget?: LoadBudget | null;
  signal?: AbortSignal;
  onProgress?: (progress: LiveStatsProgress) => void;
  /** Source of randomness for the reservoirs, in [0, 1) (default Math.random). */
  random?: () => number;
  /**
   * The state of a cancelled pass with the same templates and sample size (`report.resume`),
   * checked beforehand with `checkpointMismatch`: the scan continues from its cursors.
   */
  resume?: PatternPassState;
}

/** What a cancelled pass keeps to continue: its cursors, classified keys and samples, and the names seen. */
export interface PatternPassState {
  checkpoint: ScanCheckpoint;
  readonly classifier: PatternClassifier<PatternAccumulator>;
  readonly seen: ByteStringSet;
  /** Sampled keys name the node object that returned them: a resumed pass maps them by address. */
  readonly addressOf: Map<Redis, string>;
  readonly templates: readonly string[];
  readonly sampleSize: number;
}

export interface LiveStatsProgress {
  phase: 'scan' | 'sample';
  keysScanned: number;
  samplesMeasured: number;
  samplesTotal: number;
  /** The budget's state for the progress message ("throttled: …"), "" when unthrottled. */
  budget: string;
}

export interface LivePatternStats {
  pattern: string;
  /** SCAN MATCH glob (templates only). */
  glob?: string;
  inferred: boolean;
  /** Keys counted by the scan; exact when the report is complete. */
  keys: number;
  keysExact: boolean;
  /** Keys whose TYPE/PTTL/MEMORY were measured (those that still existed). */
  sampled: number;
  /** Keys with a TTL: counted when every key was measured, else extrapolated from the sample. */
  withTtl: number;
  memoryBytes: number;
  /** Standard error of `memoryBytes` from sampling (0 when every key was measured). */
  memoryErrorBytes: number;
  /** Measured keys whose MEMORY USAGE used the server's default sampling (above the size threshold). */
  memoryEstimatedKeys: number;
  /** Types seen in the sample, with their counts. */
  typesSeen: Record<string, number>;
  /** A few sampled key names. */
  examples: Buffer[];
}

export interface LivePatternReport {
  patterns: LivePatternStats[];
  totalKeys: number;
  /** Every node scanned to its end and every sample measured. */
  complete: boolean;
  sampleSize: number;
  nodes: NodeReport[];
  /** Set when incomplete (cancelled or a node failed): pass it as `resume` to continue. */
  resume?: PatternPassState;
}

const EXAMPLES = 5;

export async function collectLivePatternStats(client: RedisClient, options: LivePatternStatsOptions = {}): Promise<LivePatternReport> {
  const sampleSize = options.sampleSize ?? 200;
  const count = options.count ?? 1000;
  for (const [name, value] of [['sampleSize', sampleSize], ['count', count]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`Live pattern statistics: ${name} must be a positive integer, got ${value}.`);
  }
  const budget = options.budget === undefined ? new LoadBudget() : options.budget;
  const reservoir = reservoirOps(sampleSize, options.random ?? Math.random);
  const templates = options.templates ?? [];
  const resumed = options.resume;
  if (resumed && (resumed.sampleSize !== sampleSize || resumed.templates.join('\n') !== templates.join('\n'))) {
    throw new RangeError('Live pattern statistics: a pass resumes only with the templates and sample size it started with.');
  }
  const classifier = resumed?.classifier ?? new PatternClassifier<PatternAccumulator>(templates, reservoir);
  // SCAN may return a key twice while the server resizes its table, and again across a resume:
  // counts stay exact by remembering names for the whole pass.
  const seen = resumed?.seen ?? new ByteStringSet();
  const targets = keyHoldingTargets(client);
  const addressOf = resumed?.addressOf ?? new Map<Redis, string>();
  for (const t of targets) if (t.node) addressOf.set(t.node, t.address);
  const servers = resumed?.checkpoint.servers ?? (await readServerIds(client));
  const keysExpected = resumed?.checkpoint.keysExpected ?? (await dbsizeOf(targets));
  const applied = new Map<string, string>();
  let scanned = resumed?.checkpoint.keysDone ?? 0;
  const progress = (phase: LiveStatsProgress['phase'], samplesMeasured = 0, samplesTotal = 0): void =>
    options.onProgress?.({ phase, keysScanned: scanned, samplesMeasured, samplesTotal, budget: budget?.describe() ?? '' });

  const classify = (node: Redis, keys: Buffer[], next: string): void => {
    for (const key of keys) {
      if (!seen.add(key)) continue;
      reservoir.add(classifier.classify(key), key, node);
      scanned++;
    }
    applied.set(addressOf.get(node) ?? '', next);
    progress('scan');
  };
  const classified = (): void => budget?.clientWorked();
  // Pages are classified on the next turn of the event loop, after the walk has sent its next
  // SCAN: the server works on that page while we classify this one.
  const pages = new PageQueue(classify, classified);
  const from = resumed?.checkpoint.cursors;
  const walk = await walkKeyHoldingNodes(client, { signal: options.signal, scanArgs: ['COUNT', String(count)], stopOnFailure: false, budget: budget ?? undefined, from }, (node, keys, next) => {
    pages.push(node, keys, next);
    return Promise.resolve(keys.length);
  });
  pages.drain();
  const scanComplete = !walk.cancelled && walk.reports.every((r) => r.state === 'done');

  const patterns = classifier.patterns();
  // Samples of a resumed pass may name the previous connection's node objects: measure on today's.
  const nodeAt = new Map(targets.flatMap((t) => (t.node ? [[t.address, t.node] as const] : [])));
  const current = (node: Redis): Redis => nodeAt.get(addressOf.get(node) ?? '') ?? node;
  const measured = await measureSamples(patterns.map((p) => p.stats), { ...options, budget, progress, current });
  const sampleComplete = !options.signal?.aborted;
  const complete = scanComplete && sampleComplete;
  const stats = patterns
    .filter((p) => p.stats.keys > 0 || !p.inferred)
    .map((p) => summarise(p.pattern, p.glob, p.inferred, p.stats, measured, scanComplete))
    .sort((a, b) => b.memoryBytes - a.memoryBytes || b.keys - a.keys || (a.pattern < b.pattern ? -1 : 1));
  const checkpoint: ScanCheckpoint = { cursors: cursorsAfter(walk.reports, applied, from), servers, keysDone: scanned, keysExpected };
  const resume = complete ? undefined : { checkpoint, classifier, seen, addressOf, templates, sampleSize };
  return { patterns: stats, totalKeys: stats.reduce((n, p) => n + p.keys, 0), complete, sampleSize, nodes: walk.reports, ...(resume ? { resume } : {}) };
}

async function dbsizeOf(targets: { node?: Redis }[]): Promise<number> {
  const sizes = await Promise.all(targets.map(async (t) => (t.node ? t.node.dbsize().catch(() => 0) : 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Pages waiting to be classified, drained in a setImmediate (or at the end, by `drain`). */
class PageQueue {
  private pages: [Redis, Buffer[], string][] = [];
  private scheduled = false;

  constructor(
    private readonly handle: (node: Redis, keys: Buffer[], next: string) => void,
    private readonly drained: () => void,
  ) {}

  push(node: Redis, keys: Buffer[], next: string): void {
    this.pages.push([node, keys, next]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  drain(): void {
    this.scheduled = false;
    const pages = this.pages;
    this.pages = [];
    for (const [node, keys, next] of pages) this.handle(node, keys, next);
    this.drained();
  }
}

/** Measures every sampled key on the node that returned it, nodes in parallel. */
async function measureSamples(
  accumulators: PatternAccumulator[],
  options: LivePatternStatsOptions & { budget: LoadBudget | null; progress: (phase: 'sample', done: number, total: number) => void; current: (node: Redis) => Redis },
): Promise<Map<Buffer, KeyMeasurement | undefined>> {
  const byNode = new Map<Redis, Buffer[]>();
  for (const { sample } of accumulators) {
    for (const sampled of sample) {
      const { key } = sampled;
      const node = options.current(sampled.node);
      const keys = byNode.get(node);
      if (keys) keys.push(key);
      else byNode.set(node, [key]);
    }
  }
  const total = accumulators.reduce((n, a) => n + a.sample.length, 0);
  let done = 0;
  const results = await Promise.all(
    [...byNode].map(([node, keys]) =>
      measureKeys(node, keys, {
        exactMemoryBelow: options.exactMemoryBelow ?? 10_000,
        batch: 500,
        budget: options.budget,
        signal: options.signal,
        onMeasured: (n) => options.progress('sample', (done += n), total),
      }),
    ),
  );
  return new Map(results.flatMap((r) => [...r]));
}

function summarise(pattern: string, glob: string | undefined, inferred: boolean, acc: PatternAccumulator, measured: Map<Buffer, KeyMeasurement | undefined>, keysExact: boolean): LivePatternStats {
  const values = acc.sample.map((s) => measured.get(s.key)).filter((m): m is KeyMeasurement => m !== undefined);
  const n = values.length;
  const typesSeen: Record<string, number> = {};
  let ttl = 0;
  let memory = 0;
  let squares = 0;
  for (const m of values) {
    typesSeen[m.type] = (typesSeen[m.type] ?? 0) + 1;
    if (m.ttlMs >= 0) ttl++;
    memory += m.memoryBytes;
    squares += m.memoryBytes * m.memoryBytes;
  }
  // Every key of the pattern measured (vanished ones excepted): the figures are counts, not estimates.
  const everyKey = acc.sample.length === acc.keys;
  const scale = n === 0 || everyKey ? 1 : acc.keys / n;
  const mean = n > 0 ? memory / n : 0;
  const variance = n > 1 ? Math.max(0, (squares - n * mean * mean) / (n - 1)) : 0;
  const errorBytes = everyKey || n === 0 ? 0 : acc.keys * Math.sqrt(variance / n) * Math.sqrt(Math.max(0, 1 - n / acc.keys));
  return {
    pattern,
    ...(glob !== undefined ? { glob } : {}),
    inferred,
    keys: acc.keys,
    keysExact,
    sampled: n,
    withTtl: Math.round(ttl * scale),
    memoryBytes: Math.round(memory * scale),
    memoryErrorBytes: Math.round(errorBytes),
    memoryEstimatedKeys: values.filter((m) => m.memoryEstimated).length,
    typesSeen,
    examples: acc.sample.slice(0, EXAMPLES).map((s) => s.key),
  };
}
