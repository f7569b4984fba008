import type { Redis } from 'ioredis';
import type { LoadBudget } from '../../redis/keyspace/loadBudget';
import type { KeyType } from '../reportTypes';

/**
 * The pipelined reads of a live memory analysis, one round trip each, on the node that owns the
 * keys. None of TYPE, PTTL, MEMORY USAGE and OBJECT touches a key's LRU/LFU data; the counts
 * (STRLEN, HLEN…) do, so the details read OBJECT IDLETIME/FREQ before them — and, on Redis ≥ 7.2,
 * wrap the pipeline in CLIENT NO-TOUCH ON/OFF so that the counts touch nothing either (OFF again
 * at the end: the connection may be shared with the key browser).
 */

export interface RoundTrip {
  budget: LoadBudget | null;
  signal?: AbortSignal;
}

type Reply = [Error | null, unknown];

/** One pipeline under the budget; undefined when cancelled before it went. */
async function roundTrip(node: Redis, commands: (string | Buffer)[][], run: RoundTrip): Promise<Reply[] | undefined> {
  if (run.signal?.aborted) return undefined;
  if (commands.length === 0) return [];
  const send = async (): Promise<Reply[]> => {
    const pipeline = node.pipeline();
    for (const [name, ...args] of commands) pipeline.call(String(name), ...args);
    return ((await pipeline.exec()) ?? []);
  };
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
export async function readBasics(node: Redis, keys: readonly Buffer[], run: RoundTrip): Promise<(KeyBasics | undefined)[] | undefined> {
  const replies = await roundTrip(node, keys.flatMap((key) => [['TYPE', key], ['PTTL', key], ['MEMORY', 'USAGE', key]]), run);
  if (!replies) return undefined;
  return keys.map((_, i) => {
    const [[typeError, type], [, ttl], [memoryError, memory]] = replies.slice(3 * i, 3 * i + 3);
    if (typeError || memoryError || typeof type !== 'string' || type === 'none' || memory === null) return undefined;
    const ttlMs = Number(ttl);
    return { type: KNOWN_TYPES.has(type) ? (type as KeyType) : 'module', typeName: type, ttlMs: ttlMs >= 0 ? ttlMs : null, memoryBytes: Number(memory) };
  });
}

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
export async function readDetails(node: Redis, keys: readonly { key: Buffer; type: KeyType }[], options: DetailOptions): Promise<DetailResult | undefined> {
  const commands: (string | Buffer)[][] = options.noTouch ? [['CLIENT', 'NO-TOUCH', 'ON']] : [];
  const first = commands.length;
  const activityWord = options.activity === 'freq' ? 'FREQ' : 'IDLETIME';
  for (const { key, type } of keys) commands.push(['OBJECT', activityWord, key], [COUNT_COMMAND[type] ?? 'EXISTS', key], ['OBJECT', 'ENCODING', key]);
  if (options.noTouch) commands.push(['CLIENT', 'NO-TOUCH', 'OFF']);
  const replies = await roundTrip(node, commands, options);
  if (!replies) return undefined;
  let activity = options.activity;
  const details = keys.map(({ type }, i): KeyDetails | undefined => {
    const [[activityError, activityValue], [countError, count], [encodingError, encoding]] = replies.slice(first + 3 * i, first + 3 * i + 3);
    if (countError || encodingError || encoding === null) return undefined;
    // The policy changed since it was read (or CONFIG was refused): the other figure next time.
    if (activityError && /LFU|not tracked|LRU/i.test(activityError.message)) activity = options.activity === 'freq' ? 'idle' : 'freq';
    const value = activityError ? null : Number(activityValue);
    const elements = type === 'module' ? 0 : Number(count);
    const enc = typeof encoding === 'string' ? encoding : Buffer.isBuffer(encoding) ? encoding.toString() : 'unknown';
    return {
      encoding: enc,
      elements,
      idleSeconds: options.activity === 'idle' ? value : null,
      lfuFreq: options.activity === 'freq' ? value : null,
      memoryEstimated: SAMPLED_ENCODINGS.has(enc) && elements > DEFAULT_SAMPLES,
    };
  });
  const exact = details.flatMap((d, i) => (d?.memoryEstimated && d.elements < options.exactMemoryBelow ? [i] : []));
  const exactReplies = await roundTrip(node, exact.map((i) => ['MEMORY', 'USAGE', keys[i].key, 'SAMPLES', '0']), options);
  if (!exactReplies) return undefined;
  exact.forEach((index, j) => {
    const [error, value] = exactReplies[j];
    const d = details[index] as KeyDetails;
    if (error || value === null) details[index] = undefined;
    else Object.assign(d, { exactMemoryBytes: Number(value), memoryEstimated: false });
  });
  return { details, activity };
}
