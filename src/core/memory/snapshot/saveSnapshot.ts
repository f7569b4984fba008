import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { WriteGuard } from '../../redis/safety/writeGuard';
import { infoField, infoNumber, parseInfo } from '../../redis/server/info';
import { interpretBgsaveReply, saveStep, savedSince, type BgsaveStart } from './bgsaveProgress';
import { checkDumpFile, dumpLocationOf, type DumpFileCheck, type DumpLocation } from './dumpLocation';
import { parsePersistence, type PersistenceState } from './persistenceInfo';

/**
 * "BGSAVE and analyze": where the server writes its dump file (`CONFIG GET dir`/`dbfilename`),
 * then BGSAVE, polled through INFO persistence until the save ends, then whether the file is on
 * this machine. BGSAVE forks the server and writes the whole dataset, so it goes through the
 * connection's write guard (refused on read-only connections) and the caller confirms it first.
 * Cancelling stops the waiting, not the server's save.
 */

export type SnapshotProblem = 'config-forbidden' | 'refused' | 'failed';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    message: string,
    readonly problem: SnapshotProblem,
  ) {
    super(message);
  }
}

/** What to tell the user before asking to save. */
export interface SnapshotPlan {
  location: DumpLocation;
  /** INFO `used_memory` and `used_memory_human`: about what the file holds and the fork may copy. */
  usedMemoryBytes: number;
  usedMemoryHuman: string;
  version: string;
}

/** Reads the dump file's location and the memory in use; CONFIG refused by the ACL is a {@link SnapshotError}. */
export async function planSnapshot(node: Redis): Promise<SnapshotPlan> {
  const replies = (await node.pipeline().call('CONFIG', 'GET', 'dir').call('CONFIG', 'GET', 'dbfilename').info().exec()) ?? [];
  const [[dirError, dir], [fileError, file], [infoError, infoText]] = replies;
  if (infoError) throw infoError;
  const configError = dirError ?? fileError;
  if (configError) {
    throw new SnapshotError(`The server does not let this connection read CONFIG (${configError.message}), so where it writes its dump file is unknown: pick a copy of the file with Analyze Dump File….`, 'config-forbidden');
  }
  const info = parseInfo(String(infoText));
  return {
    location: dumpLocationOf(configValue(dir), configValue(file)),
    usedMemoryBytes: infoNumber(info, 'used_memory'),
    usedMemoryHuman: infoField(info, 'used_memory_human') ?? `${infoNumber(info, 'used_memory')} B`,
    version: infoField(info, 'redis_version') ?? '?',
  };
}

/** CONFIG GET answers [name, value] (RESP2) or { name: value } (RESP3). */
function configValue(reply: unknown): string {
  if (Array.isArray(reply)) return String(reply[1] ?? '');
  if (reply && typeof reply === 'object') return String(Object.values(reply)[0] ?? '');
  return '';
}

export interface SnapshotStatus {
  /** Our own save, one that was already running when we asked, or ours scheduled after an AOF rewrite. */
  save: 'ours' | 'already-running' | 'scheduled';
  elapsedSeconds: number;
  /** Keys written so far and in all (Redis ≥ 7.0). */
  keysWritten: { done: number; total: number } | null;
}

/** "Saving: 12 s, 1,200 of 5,000 keys written" — for a progress notification or stderr. */
export function describeSnapshotStatus(status: SnapshotStatus): string {
  if (status.save === 'scheduled') return `Save scheduled: waiting for the server's AOF rewrite (or other background job) to end: ${status.elapsedSeconds} s`;
  const which = status.save === 'ours' ? 'Saving' : 'Waiting for the save already in progress';
  const keys = status.keysWritten && status.keysWritten.total > 0 ? `, ${status.keysWritten.done.toLocaleString('en-US')} of ${status.keysWritten.total.toLocaleString('en-US')} keys written` : '';
  return `${which}: ${status.elapsedSeconds} s${keys}`;
}

export interface SaveOptions {
  /** The connection's write guard: called with BGSAVE before anything is sent. */
  guard: WriteGuard;
  signal?: AbortSignal;
  onStatus?: (status: SnapshotStatus) => void;
  /** Between two INFO persistence polls (default 250 ms). */
  pollMs?: number;
}

export type SnapshotOutcome =
  | {
      kind: 'saved';
      /** Unix seconds (server clock) from which the file may have been written. */
      savedSince: number;
      /** The file on this machine: fresh, missing, or an older file. */
      file: DumpFileCheck;
      /** The snapshot is one the server was already writing when we asked. */
      joinedRunningSave: boolean;
    }
  /** `saveRequested`: BGSAVE was sent before the cancel, so the server's save goes on without us. */
  | { kind: 'cancelled'; saveRequested: boolean };

export async function saveSnapshot(node: Redis, plan: SnapshotPlan, options: SaveOptions): Promise<SnapshotOutcome> {
  options.guard('BGSAVE');
  if (options.signal?.aborted) return { kind: 'cancelled', saveRequested: false };
  const [[timeError, time], [lastSaveError, lastSave], [infoError, infoText]] = (await node.pipeline().time().lastsave().info('persistence').exec()) ?? [];
  const firstError = timeError ?? lastSaveError ?? infoError;
  if (firstError) throw firstError;
  const before: PersistenceState = { ...parsePersistence(String(infoText)), lastSaveTime: Number(lastSave) };
  const serverTime = Number((time as string[])[0]);
  let start = await sendBgsave(node, []);
  // An AOF rewrite (or another child) is running: the server saves once it ends if asked to.
  if (start.kind === 'busy') start = await sendBgsave(node, ['SCHEDULE']);
  if (start.kind === 'refused') throw new SnapshotError(start.message, 'refused');
  if (start.kind === 'busy') throw new SnapshotError('The server refused BGSAVE SCHEDULE while another background job runs.', 'refused');
  const save = start.kind === 'already-running' ? 'already-running' : 'ours';
  for (;;) {
    if (options.signal?.aborted) return { kind: 'cancelled', saveRequested: true };
    const now = parsePersistence(String(await node.info('persistence')));
    const step = saveStep(before, now, start);
    if (step.kind === 'failed') throw new SnapshotError(step.message, 'failed');
    if (step.kind === 'done') break;
    options.onStatus?.(step.kind === 'wait-scheduled' ? { save: 'scheduled', elapsedSeconds: step.elapsedSeconds, keysWritten: null } : { save, elapsedSeconds: step.elapsedSeconds, keysWritten: step.keysWritten });
    try {
      await delay(options.pollMs ?? 250, undefined, { signal: options.signal });
    } catch {
      return { kind: 'cancelled', saveRequested: true };
    }
  }
  const since = savedSince(serverTime, start, before);
  return { kind: 'saved', savedSince: since, file: checkDumpFile(plan.location.path, since), joinedRunningSave: save === 'already-running' };
}

/** BGSAVE (with `args`), its reply or the server's refusal interpreted; a lost connection or a deadline is the caller's to translate. */
async function sendBgsave(node: Redis, args: string[]): Promise<BgsaveStart> {
  try {
    return interpretBgsaveReply(String(await node.call('BGSAVE', ...args)), undefined);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ReplyError') throw e;
    return interpretBgsaveReply(undefined, e.message);
  }
}
