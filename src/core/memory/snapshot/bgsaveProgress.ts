import type { PersistenceState } from './persistenceInfo';

/**
 * The decisions of "BGSAVE and analyze", without I/O: what the reply to BGSAVE means, and, at each
 * poll of INFO persistence, whether to keep waiting, or whether the save is done or failed.
 *
 * The server replies to BGSAVE after it forked, and clears `rdb_bgsave_in_progress` only when it
 * has reaped the child; so once BGSAVE was accepted (or a running save was found), the first poll
 * that shows no save in progress means that save ended, and `rdb_last_bgsave_status` says how.
 */

export type BgsaveStart =
  /** Our save is running (or already over, on a tiny dataset). */
  | { kind: 'started' }
  /** Another save was running: wait for it, its snapshot is as fresh as ours would be. */
  | { kind: 'already-running' }
  /** The server will not save: one sentence saying why. */
  | { kind: 'refused'; message: string };

/** The meaning of BGSAVE's reply (`reply`) or error (`error`, the server's words). */
export function interpretBgsaveReply(reply: string | undefined, error: string | undefined): BgsaveStart {
  if (error === undefined) {
    if (reply !== undefined && /background saving started/i.test(reply)) return { kind: 'started' };
    return { kind: 'refused', message: `The server answered BGSAVE with "${reply ?? ''}" instead of starting a save.` };
  }
  if (/already in progress/i.test(error)) return { kind: 'already-running' };
  if (/unknown command|unknown subcommand/i.test(error)) {
    return { kind: 'refused', message: `This server does not offer BGSAVE (it is renamed or disabled, as managed services often do), so no dump file can be written: ${error}` };
  }
  if (/NOPERM/i.test(error)) return { kind: 'refused', message: `The connection's ACL user may not run BGSAVE: ${error}` };
  if (/another child process is active|aof/i.test(error)) {
    return { kind: 'refused', message: `The server is busy with another background job (an AOF rewrite or a replica sync); try again when it ends: ${error}` };
  }
  return { kind: 'refused', message: `The server refused BGSAVE: ${error}` };
}

export type SaveStep =
  | { kind: 'wait'; elapsedSeconds: number; keysWritten: PersistenceState['keysWritten'] }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

/**
 * One poll: `before` was read before BGSAVE was sent, `now` just now, `start` is how BGSAVE was
 * answered. A save that ended with `rdb_last_bgsave_status:err` failed. Our own save must also
 * have left a trace: `rdb_saves` (Redis ≥ 7.0) counts saves as they start, so it grew when ours
 * started; older servers have only the last-save time, which a save ending within the same second
 * as the previous one does not move, so there an ok status is enough. A save already running
 * when we asked had been counted before `before` was read: its ok status is enough.
 */
export function saveStep(before: PersistenceState, now: PersistenceState, start: BgsaveStart = { kind: 'started' }): SaveStep {
  if (now.bgsaveInProgress) return { kind: 'wait', elapsedSeconds: Math.max(0, now.currentBgsaveSeconds), keysWritten: now.keysWritten };
  if (now.lastBgsaveStatus !== 'ok') {
    return { kind: 'failed', message: `The server's background save failed (rdb_last_bgsave_status:${now.lastBgsaveStatus}); its log says why, often a full disk or a directory it cannot write.` };
  }
  if (start.kind === 'already-running' || now.saves === null || before.saves === null) return { kind: 'done' };
  if (now.saves > before.saves) return { kind: 'done' };
  return { kind: 'failed', message: 'The background save ended but the server recorded no new snapshot (rdb_saves did not change).' };
}

/**
 * The earliest time (Unix seconds) the dump file may have been written: when BGSAVE was sent, or
 * when the save already running then had started (`before` was read at `serverTimeSeconds`).
 */
export function savedSince(serverTimeSeconds: number, start: BgsaveStart, before: PersistenceState): number {
  if (start.kind === 'already-running' && before.currentBgsaveSeconds > 0) return serverTimeSeconds - before.currentBgsaveSeconds;
  return serverTimeSeconds;
}
