import type { Redis } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { isCluster } from '../cluster/clusterRouting';
import { confirmReplicated, writeMark } from '../safety/replicationCheck';
import { describeReports, walkKeyHoldingNodes, type NodeReport, type WalkOptions } from '../cluster/nodeWalks';
import { keySlot } from './keySlot';
import type { WriteGuard } from '../safety/writeGuard';
import type { LoadBudget } from './loadBudget';

/**
 * "Delete keys matching…": count first, then delete, both with SCAN (never KEYS, which blocks
 * the server) on every node that holds keys — each master of a Cluster. Deletion uses UNLINK
 * (memory freed in the background) in batches; in a Cluster a multi-key UNLINK only takes keys
 * of one slot, so each batch is split by slot. Both steps stop between batches when cancelled.
 */

export interface CountOptions {
  signal?: AbortSignal;
  onProgress?: (counted: number) => void;
  /** How many matching keys to return for the confirmation dialog. */
  sampleSize?: number;
  /** SCAN COUNT hint per call. */
  scanCount?: number;
  /** Narrows the selection beyond the pattern (see {@link SelectionOptions}). */
  selection?: SelectionOptions;
  /** Paces the SCAN calls (shared by every master's walk). */
  budget?: LoadBudget;
}

/** What SCAN MATCH alone cannot say: a key type (`SCAN … TYPE`) and a check on each key (the tree's filter). */
export interface SelectionOptions {
  type?: string;
  keep?: (key: Buffer) => boolean;
}

export interface CountResult {
  count: number;
  /** False when the count passed the de-duplication limit (SCAN's rare repeats may be included) or a master did not answer. */
  exact: boolean;
  sample: Buffer[];
  cancelled: boolean;
  /** Masters that could not be counted (down, unreachable, not answering): the count misses their keys. */
  unreachable: string[];
  nodes: NodeReport[];
}

export interface DeleteOptions {
  signal?: AbortSignal;
  onProgress?: (deleted: number) => void;
  scanCount?: number;
  selection?: SelectionOptions;
  budget?: LoadBudget;
}

export interface DeleteResult {
  deleted: number;
  cancelled: boolean;
  /** What each master's walk did (absent when no walk ran). */
  nodes?: NodeReport[];
}

/** A delete that stopped because a node failed: every walk has stopped; `nodes` says what each did. */
export class BulkDeleteError extends Error {
  override readonly name = 'BulkDeleteError';
  constructor(
    message: string,
    readonly deleted: number,
    readonly nodes: NodeReport[],
  ) {
    super(message);
  }
}

const DEFAULT_SCAN_COUNT = 1000;
/** SCAN may return a key twice; remembering up to this many keys makes the count exact. */
const DEDUPE_LIMIT = 1_000_000;

export async function countMatchingKeys(client: RedisClient, pattern: Buffer | string, options: CountOptions = {}): Promise<CountResult> {
  assertPattern(pattern);
  const sampleSize = options.sampleSize ?? 20;
  const seen = new Set<string>();
  const sample: Buffer[] = [];
  let count = 0;
  let exact = true;
  // A count goes on when one master fails: the others still tell the user something, marked partial.
  const { reports, cancelled } = await walkKeyHoldingNodes(client, walkOptions(pattern, options, false), (_node, keys) => {
    let counted = 0;
    for (const key of keys) {
      if (exact) {
        const id = key.toString('latin1');
        if (seen.has(id)) continue;
        if (seen.size < DEDUPE_LIMIT) seen.add(id);
        else exact = false;
      }
      counted++;
      if (sample.length < sampleSize) sample.push(key);
    }
    count += counted;
    options.onProgress?.(count);
    return Promise.resolve(counted);
  });
  const failed = reports.filter((r) => r.state === 'failed' || r.state === 'unreachable');
  // Nothing answered: there is no count to show, partial or not.
  if (failed.length > 0 && failed.length === reports.length) throw new BulkDeleteError(`Counting failed: ${failed[0].error ?? failed[0].node}`, 0, reports);
  const unreachable = failed.map((r) => r.node);
  return { count, exact: exact && unreachable.length === 0, sample, cancelled, unreachable, nodes: reports };
}

/**
 * Deletes every key matching `pattern`. When one node fails, every other node's walk stops too
 * and is awaited, then this rejects with a {@link BulkDeleteError} that says what each did.
 */
export async function deleteMatchingKeys(client: RedisClient, pattern: Buffer | string, guard: WriteGuard, options: DeleteOptions = {}): Promise<DeleteResult> {
  guard('UNLINK');
  assertPattern(pattern);
  let deleted = 0;
  const cluster = isCluster(client);
  const { reports, cancelled } = await walkKeyHoldingNodes(client, walkOptions(pattern, options, true), async (node, keys) => {
    // Await first: `deleted += await …` would read `deleted` before the other nodes' walks update it.
    const mark = writeMark(client);
    const removed = cluster ? await unlinkBySlot(client, node, keys) : await unlink(node, keys);
    // On Sentinel a batch counts once a replica has it: deletes on a master being replaced would come undone.
    await confirmReplicated(client, mark);
    deleted += removed;
    options.onProgress?.(deleted);
    return removed;
  });
  const failure = reports.find((r) => r.state === 'failed') ?? reports.find((r) => r.state === 'unreachable');
  if (failure) {
    throw new BulkDeleteError(`Deleting stopped on every node because ${failure.error ?? failure.node} Deleted ${deleted} before stopping: ${describeReports(reports, 'deleted')}.`, deleted, reports);
  }
  return { deleted, cancelled, nodes: reports };
}

function walkOptions(pattern: Buffer | string, options: { signal?: AbortSignal; scanCount?: number; selection?: SelectionOptions; budget?: LoadBudget }, stopOnFailure: boolean): WalkOptions {
  const typeArgs = options.selection?.type ? ['TYPE', options.selection.type] : [];
  return {
    scanArgs: ['MATCH', pattern, 'COUNT', String(options.scanCount ?? DEFAULT_SCAN_COUNT), ...typeArgs],
    stopOnFailure,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.selection?.keep ? { keep: options.selection.keep } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  };
}

async function unlink(node: Redis, keys: Buffer[]): Promise<number> {
  return Number(await node.callBuffer('UNLINK', ...keys));
}

/** One UNLINK per slot, pipelined to the node that returned the keys; a moved slot falls back to the Cluster client. */
async function unlinkBySlot(client: RedisClient, node: Redis, keys: Buffer[]): Promise<number> {
  const bySlot = new Map<number, Buffer[]>();
  for (const key of keys) {
    const slot = keySlot(key);
    const group = bySlot.get(slot);
    if (group) group.push(key);
    else bySlot.set(slot, [key]);
  }
  const pipeline = node.pipeline();
  for (const group of bySlot.values()) pipeline.callBuffer('UNLINK', ...group);
  const replies = (await pipeline.exec()) ?? [];
  let deleted = 0;
  const groups = [...bySlot.values()];
  for (let i = 0; i < groups.length; i++) {
    const [error, reply] = replies[i] ?? [new Error('no reply')];
    if (!error) {
      deleted += Number(reply);
      continue;
    }
    // Only a slot that moved is retried key by key; a node that fails or does not answer fails the batch.
    if (!/^(MOVED|ASK) /.test(error.message)) throw error;
    for (const key of groups[i]) {
      const removed = Number(await client.callBuffer('UNLINK', key));
      deleted += removed;
    }
  }
  return deleted;
}

function assertPattern(pattern: Buffer | string): void {
  if (pattern.length === 0) throw new RangeError('Enter a key pattern, such as session:* — an empty pattern matches nothing.');
}
