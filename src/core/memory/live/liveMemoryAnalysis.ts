import type { Redis } from 'ioredis';
import type { RedisClient } from '../../redis/connection/clientFactory';
import { ByteStringSet } from '../../redis/bytes/byteStringSet';
import { keyHoldingTargets } from '../../redis/cluster/clusterRouting';
import { walkKeyHoldingNodes, type NodeReport } from '../../redis/cluster/nodeWalks';
import { cursorsAfter, readServerIds, type ScanCheckpoint } from '../../liveAnalysis/scanCheckpoint';
import { describeConnectionError } from '../../redis/connection/connectionErrors';
import { prefixGlob } from '../../redis/keyspace/keyFilter';
import { LoadBudget } from '../../redis/keyspace/loadBudget';
import { MemoryReportBuilder, type CodePattern } from '../memoryReportBuilder';
import type { MemoryKeyInput, MemoryReport } from '../reportTypes';
import { adviseServer } from '../advisor/serverAdvisor';
import { readBasics, readDetails, type BatchReader, type KeyBasics } from './keyReads';
import { RawReads, type ReadFallback } from './rawReads';
import { liveNotes } from './liveNotes';
import { readServerProfile, type ServerProfile } from './serverProfile';
import { activityReadsFor } from './activityReads';
import { thresholdsFromConfig } from './serverThresholds';

/**
 * Live memory analysis: one SCAN pass over every master (under the load budget, cancellable),
 * then per SCAN page pipelined TYPE, PTTL and MEMORY USAGE for every key — or for a random sample
 * of about `sample` keys, extrapolated — and, for the keys that may rank among the top keys and a
 * per-pattern sample, the details (idle time or LFU counter first, element count, encoding, exact
 * memory below a size threshold). Produces the same report as a dump file. Only reads.
 */

export interface LiveMemoryOptions {
  /** The database the client has selected (shown with each key). */
  db?: number;
  /** A folder's prefix: SCAN MATCH narrows the analysis to its keys. */
  prefix?: Buffer;
  /** Measure a random sample of about this many keys instead of every key. */
  sample?: number;
  /** Keys per top list (default 100). */
  top?: number;
  codePatterns?: readonly CodePattern[];
  /** SCAN COUNT hint (default 1000). */
  count?: number;
  /** Keys per pattern whose details are read, besides the top-key candidates (default 100). */
  detailSample?: number;
  /** Collections with fewer elements get an exact MEMORY USAGE … SAMPLES 0 (default 10,000). */
  exactMemoryBelow?: number;
  /** Null runs unthrottled (benchmarks). Default: a latency-adaptive budget without ceilings. */
  budget?: LoadBudget | null;
  signal?: AbortSignal;
  onProgress?: (progress: LiveMemoryProgress) => void;
  random?: () => number;
  /**
   * The state of a cancelled analysis with the same options (`analysis.resume`), checked
   * beforehand with `checkpointMismatch`: the scan continues from its cursors.
   */
  resume?: LiveMemoryState;
}

/** What a cancelled analysis keeps to continue: cursors, the report so far, the names seen, unread details. */
export interface LiveMemoryState {
  checkpoint: ScanCheckpoint;
  readonly builder: MemoryReportBuilder;
  readonly seen: ByteStringSet;
  readonly chance: number;
  readonly measured: number;
  /** Keys measured whose details (exact memory, encoding) were not read before the stop, by node address. */
  readonly details: Map<string, Pending[]>;
}

export interface LiveMemoryProgress {
  keysScanned: number;
  keysMeasured: number;
  /** DBSIZE over the masters (the scan of a folder sees fewer). */
  keysExpected: number;
  /** The budget's state ("throttled: …"), "" when unthrottled. */
  budget: string;
}

export interface LiveMemoryAnalysis {
  report: MemoryReport;
  profiles: ServerProfile[];
  nodes: NodeReport[];
  /** Every master scanned to its end. */
  complete: boolean;
  /** Nodes read through their ioredis client because the analysis' own connection could not be opened. */
  readFallbacks: ReadFallback[];
  cancelled: boolean;
  /** Set when incomplete (cancelled or a node failed): pass it as `resume` to continue. */
  resume?: LiveMemoryState;
}

interface Pending {
  key: Buffer;
  input: MemoryKeyInput;
  weight: number;
}

export async function analyzeLiveMemory(client: RedisClient, options: LiveMemoryOptions = {}): Promise<LiveMemoryAnalysis> {
  const sample = options.sample;
  if (sample !== undefined && !(Number.isInteger(sample) && sample >= 1)) throw new RangeError(`The sample size must be a positive integer, got ${sample}.`);
  const budget = options.budget === undefined ? new LoadBudget() : options.budget;
  const random = options.random ?? Math.random;
  const targets = keyHoldingTargets(client).filter((t): t is { address: string; node: Redis } => t.node !== undefined);
  const profiles = await Promise.all(targets.map((t) => readServerProfile(t.node, t.address)));
  const first = profiles[0];
  const reads = activityReadsFor(profiles);
  let activity = reads.activity;
  const noTouch = reads.noTouch;
  const detailSample = options.detailSample ?? 100;
  const exactMemoryBelow = options.exactMemoryBelow ?? 10_000;
  const resumed = options.resume;
  const builder = resumed?.builder ?? new MemoryReportBuilder({
    thresholds: thresholdsFromConfig(first?.config ?? null, first?.version ?? '0.0.0'),
    top: options.top,
    codePatterns: options.codePatterns,
    detailSample,
    random,
  });
  const expected = profiles.reduce((n, p) => n + p.dbsize, 0);
  const chance = resumed?.chance ?? (sample === undefined ? 1 : Math.min(1, sample / Math.max(1, expected)));
  const db = options.db ?? 0;
  // SCAN may return a key twice while the table resizes, and again across a resume: names are
  // remembered for the whole pass, and a page counts only once its reads are applied.
  const seen = resumed?.seen ?? new ByteStringSet();
  const servers = resumed?.checkpoint.servers ?? (await readServerIds(client));
  const applied = new Map<string, string>();
  const unread = new Map<string, Pending[]>();
  let scanned = resumed?.checkpoint.keysDone ?? 0;
  let measured = resumed?.measured ?? 0;

  const raw = new RawReads();
  const addressOf = new Map(targets.map((t) => [t.node, t.address]));
  const detailsInFlight = new Map<Redis, Promise<void>>();
  const nameOf = (node: Redis): string => addressOf.get(node) ?? `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;
  const processPage = async (node: Redis, page: Buffer[], next: string): Promise<void> => {
    const fresh: Buffer[] = [];
    const counted: Buffer[] = [];
    for (const key of page) (chance >= 1 || random() < chance ? fresh : counted).push(key);
    const reader = await raw.of(node, nameOf(node));
    const basics = await readBasics(reader, fresh, { budget, signal: options.signal });
    if (!basics) return; // Stopped: the page is not applied, and a resume reads it again.
    for (const key of counted) {
      if (!seen.add(key)) continue;
      builder.countKey(key);
      scanned++;
    }
    applied.set(nameOf(node), next);
    const pending: Pending[] = [];
    basics.forEach((b, i) => {
      if (!seen.add(fresh[i])) return;
      scanned++;
      if (!b) return; // gone since the scan
      measured++;
      const input = measuredInput(db, fresh[i], b);
      const decision = builder.addMeasured(input, { measured: 1 / chance, counted: true });
      if (decision) pending.push({ key: input.key, input, weight: decision.weight });
    });
    options.onProgress?.({ keysScanned: scanned, keysMeasured: measured, keysExpected: expected, budget: budget?.describe() ?? '' });
    // The details go on while the next page is read: its basics need not wait for them.
    const previous = detailsInFlight.get(node);
    const details = (previous ?? Promise.resolve()).catch(() => undefined).then(() => addDetails(reader, pending, nameOf(node)));
    details.catch(() => undefined); // Awaited at the end; not an unhandled rejection meanwhile.
    detailsInFlight.set(node, details);
  };
  const addDetails = async (reader: BatchReader, pending: Pending[], address: string): Promise<void> => {
    if (pending.length === 0) return;
    // Details not read now are read by a resume: the exact memory they bring is part of the totals.
    const keep = (): void => void unread.set(address, [...(unread.get(address) ?? []), ...pending]);
    const result = await readDetails(reader, pending.map((p) => ({ key: p.key, type: p.input.type })), { budget, signal: options.signal, activity, noTouch, exactMemoryBelow }).catch((error: unknown) => {
      keep();
      throw error;
    });
    if (!result) return keep();
    activity = result.activity;
    result.details.forEach((d, i) => {
      if (!d) return;
      const { input, weight } = pending[i];
      const full: MemoryKeyInput = { ...input, encoding: d.encoding, elements: d.elements, idleSeconds: d.idleSeconds, lfuFreq: d.lfuFreq, memoryBytes: d.exactMemoryBytes ?? input.memoryBytes, memoryEstimated: d.memoryEstimated };
      builder.correctMemory(full, input.memoryBytes, 1 / chance);
      builder.addDetails(full, weight);
    });
  };
  // Two pages in flight per node: the next SCAN goes while the reads of this page are answered.
  const inFlight = new Map<Redis, Promise<void>>();
  const onPage = async (node: Redis, page: Buffer[], next: string): Promise<number> => {
    const previous = inFlight.get(node);
    inFlight.set(node, (previous ?? Promise.resolve()).then(() => processPage(node, page, next)));
    await previous;
    return page.length;
  };

  try {
    return await scanAndReport();
  } finally {
    raw.close();
  }

  async function scanAndReport(): Promise<LiveMemoryAnalysis> {
    const scanArgs = [...(options.prefix?.length ? ['MATCH', prefixGlob(options.prefix)] : []), 'COUNT', String(options.count ?? 1000)];
    // A resume first reads the details its previous run left unread, on the node that holds them.
    for (const [address, pending] of resumed?.details ?? []) {
      const node = targets.find((t) => t.address === address)?.node;
      if (node) detailsInFlight.set(node, addDetails(await raw.of(node, address), pending, address));
      else unread.set(address, pending);
    }
    const from = resumed?.checkpoint.cursors;
    const walk = await walkKeyHoldingNodes(client, { signal: options.signal, scanArgs, stopOnFailure: false, budget: budget ?? undefined, from }, onPage);
    // The last page of each node is still in flight: a failure there marks its node failed too.
    await Promise.all(
      [...inFlight].map(async ([node, last]) => {
        try {
          await last;
          await detailsInFlight.get(node);
        } catch (error) {
          const report = walk.reports.find((r) => r.state === 'done' && targets.some((t) => t.node === node && t.address === r.node));
          if (report) Object.assign(report, { state: 'failed', error: describeConnectionError(error, { where: report.node }).message });
        }
      }),
    );
    const complete = !walk.cancelled && walk.reports.every((r) => r.state === 'done');
    const report = builder.build();
    // Notes belong to this run's report, not to the builder a resume goes on with.
    for (const note of liveNotes({ profiles, noTouch, detailSample, exactMemoryBelow, sample, complete, nodes: walk.reports, readFallbacks: raw.fallbacks })) if (!report.notes.includes(note)) report.notes.push(note);
    report.recommendations.push(...adviseServer(report, profiles));
    const finished = complete && unread.size === 0;
    const checkpoint: ScanCheckpoint = { cursors: cursorsAfter(walk.reports, applied, from), servers, keysDone: scanned, keysExpected: expected };
    const resume = finished ? undefined : { checkpoint, builder, seen, chance, measured, details: unread };
    return { report, profiles, nodes: walk.reports, complete: finished, cancelled: walk.cancelled, readFallbacks: [...raw.fallbacks], ...(resume ? { resume } : {}) };
  }
}

function measuredInput(db: number, key: Buffer, b: KeyBasics): MemoryKeyInput {
  // Copied: a Buffer from ioredis pins the whole socket chunk it was sliced from.
  return { db, key: Buffer.from(key), type: b.type, encoding: null, memoryBytes: b.memoryBytes, elements: null, ttlMs: b.ttlMs, idleSeconds: null, lfuFreq: null, maxElementBytes: 0 };
}
