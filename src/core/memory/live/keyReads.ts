import type { LoadBudget } from '../../redis/keyspace/loadBudget';
import type { KeyType } from '../reportTypes';
import { CommandBatch, type FlatReplies, KIND_ERROR, KIND_INTEGER, KIND_NULL } from './flatReplies';

/**
 * The pipelined reads of a live memory analysis, one round trip each, on the node that owns the
 * keys. None of TYPE, PTTL, MEMORY USAGE and OBJECT touches a key's LRU/LFU data; the counts
 * (STRLEN, HLEN…) do, so the details read OBJECT IDLETIME/FREQ before them — and, on Redis ≥ 7.2,
 * wrap the pipeline in CLIENT NO-TOUCH ON/OFF so that the counts touch nothing either (OFF again
 * at the end: the ioredis fallback shares its connection with the key browser).
 */

/** Sends a batch of commands in one round trip: the analysis' raw connection, or an ioredis pipeline. */
export interface BatchReader {
  send(batch: CommandBatch): Promise<FlatReplies>;
}

export interface RoundTrip {
  budget: LoadBudget | null;
  signal?: AbortSignal;
}

/** One batch under the budget; undefined when cancelled before it went. */
async function roundTrip(reader: BatchReader, batch: CommandBatch, run: RoundTrip): Promise<FlatReplies | undefined> {
  if (run.signal?.aborted) return undefined;
  const send = (): Promise<FlatReplies> => reader.send(batch);
  return run.budget ? run.budget.request('read', send, run.signal) : send();
}

export interface KeyBasics {
  type: KeyType;
  /** The server's own type name (a module type such as ReJSON-RL is `module` in the report). */
  typeName: string;
  ttlMs: number | null;
  memoryBytes: number;
}

const KNOWN_TYPES = new Set(['string', 'list', 'set', 'zset', 'hash', 'stream']);

/** TYPE, PTTL and MEMORY USAGE (the server's default sampling) per key; undefined for a key gone since the scan. */
export async function readBasics(reader: BatchReader, keys: readonly Buffer[], run: RoundTrip): Promise<(KeyBasics | undefined)[] | undefined> {
  const batch = new CommandBatch();
  for (const key of keys) {
    batch.addKeyCommand(TYPE, key);
    batch.addKeyCommand(PTTL, key);
    batch.addKeyCommand(MEMORY_USAGE, key);
  }
  const replies = await roundTrip(reader, batch, run);
  if (!replies) return undefined;
  const result = new Array<KeyBasics | undefined>(keys.length);
  for (let i = 0, r = 0; i < keys.length; i++, r += 3) {
    const type = replies.texts[r];
    if (replies.kinds[r] === KIND_ERROR || type === undefined || type === 'none' || replies.kinds[r + 2] !== KIND_INTEGER) continue;
    const ttlMs = replies.kinds[r + 1] === KIND_INTEGER ? replies.integers[r + 1] : -1;
    result[i] = { type: KNOWN_TYPES.has(type) ? (type as KeyType) : 'module', typeName: type, ttlMs: ttlMs >= 0 ? ttlMs : null, memoryBytes: replies.integers[r + 2] };
  }
  return result;
}

const TYPE = CommandBatch.prefix(['TYPE']);
const PTTL = CommandBatch.prefix(['PTTL']);
const MEMORY_USAGE = CommandBatch.prefix(['MEMORY', 'USAGE']);

export interface KeyDetails {
  encoding: string;
  elements: number;
  idleSeconds: number | null;
  lfuFreq: number | null;
  /** MEMORY USAGE … SAMPLES 0 when it was read (a sampled encoding below the size threshold). */
  exactMemoryBytes?: number;
  /** The memory figure remains the server's estimate (a sampled encoding above the threshold). */
  memoryEstimated: boolean;
}

export interface DetailOptions extends RoundTrip {
  /** Which activity figure the eviction policy keeps: LFU counters or idle times. */
  activity: 'freq' | 'idle';
  /** CLIENT NO-TOUCH is available (Redis ≥ 7.2). */
  noTouch: boolean;
  /** Collections with fewer elements than this get an exact MEMORY USAGE … SAMPLES 0 (O(elements)). */
  exactMemoryBelow: number;
}

const COUNT_COMMAND: Record<string, string> = { string: 'STRLEN', hash: 'HLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' };
/** Encodings whose MEMORY USAGE samples elements (listpacks, intsets and strings are measured whole). */
const SAMPLED_ENCODINGS = new Set(['hashtable', 'skiplist', 'quicklist', 'linkedlist', 'stream']);
/** MEMORY USAGE's default SAMPLES: a collection with no more elements is measured whole anyway. */
const DEFAULT_SAMPLES = 5;

export interface DetailResult {
  details: (KeyDetails | undefined)[];
  /** The activity figure the server answered for (it refuses IDLETIME under LFU and FREQ otherwise). */
  activity: 'freq' | 'idle';
}

/**
 * OBJECT FREQ or IDLETIME first, then the element count and OBJECT ENCODING; then, in a second
 * round trip, MEMORY USAGE … SAMPLES 0 for sampled encodings below the size threshold.
 */
export async function readDetails(reader: BatchReader, keys: readonly { key: Buffer; type: KeyType }[], options: DetailOptions): Promise<DetailResult | undefined> {
  const batch = new CommandBatch();
  if (options.noTouch) batch.add('CLIENT', 'NO-TOUCH', 'ON');
  const first = batch.count;
  const activityWord = options.activity === 'freq' ? 'FREQ' : 'IDLETIME';
  for (const { key, type } of keys) {
    batch.add('OBJECT', activityWord, key);
    batch.add(COUNT_COMMAND[type] ?? 'EXISTS', key);
    batch.add('OBJECT', 'ENCODING', key);
  }
  if (options.noTouch) batch.add('CLIENT', 'NO-TOUCH', 'OFF');
  const replies = await roundTrip(reader, batch, options);
  if (!replies) return undefined;
  let activity = options.activity;
  const details = keys.map(({ type }, i): KeyDetails | undefined => {
    const r = first + 3 * i;
    const encoding = replies.texts[r + 2];
    if (replies.kinds[r + 1] === KIND_ERROR || replies.kinds[r + 2] === KIND_ERROR || replies.kinds[r + 2] === KIND_NULL || encoding === undefined) return undefined;
    const activityError = replies.kinds[r] === KIND_ERROR ? (replies.texts[r] ?? '') : null;
    // The policy changed since it was read (or CONFIG was refused): the other figure next time.
    if (activityError !== null && /LFU|not tracked|LRU/i.test(activityError)) activity = options.activity === 'freq' ? 'idle' : 'freq';
    const value = activityError === null ? replies.integers[r] : null;
    const elements = type === 'module' ? 0 : replies.integers[r + 1];
    return {
      encoding,
      elements,
      idleSeconds: options.activity === 'idle' ? value : null,
      lfuFreq: options.activity === 'freq' ? value : null,
      memoryEstimated: SAMPLED_ENCODINGS.has(encoding) && elements > DEFAULT_SAMPLES,
    };
  });
  const exact = details.flatMap((d, i) => (d?.memoryEstimated && d.elements < options.exactMemoryBelow ? [i] : []));
  const exactBatch = new CommandBatch();
  for (const i of exact) exactBatch.add('MEMORY', 'USAGE', keys[i].key, 'SAMPLES', '0');
  const exactReplies = exact.length === 0 ? undefined : await roundTrip(reader, exactBatch, options);
  if (exact.length > 0 && !exactReplies) return undefined;
  exact.forEach((index, j) => {
    const d = details[index] as KeyDetails;
    if (exactReplies?.kinds[j] !== KIND_INTEGER) details[index] = undefined;
    else Object.assign(d, { exactMemoryBytes: exactReplies.integers[j], memoryEstimated: false });
  });
  return { details, activity };
}
