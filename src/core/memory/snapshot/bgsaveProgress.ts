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
  /** Another child (an AOF rewrite) is running: ask again with `BGSAVE SCHEDULE`. */
  | { kind: 'busy' }
  /** `BGSAVE SCHEDULE` accepted: the server starts our save when its other child ends. */
  | { kind: 'scheduled' }
  /** The server will not save: one sentence saying why. */
  | { kind: 'refused'; message: string };

/** The meaning of BGSAVE's reply (`reply`) or error (`error`, the server's words). */
export function interpretBgsaveReply(reply: string | undefined, error: string | undefined): BgsaveStart {
  if (error === undefined) {
    if (reply !== undefined && /background saving started/i.test(reply)) return { kind: 'started' };
    if (reply !== undefined && /background saving scheduled/i.test(reply)) return { kind: 'scheduled' };
    return { kind: 'refused', message: `The server answered BGSAVE with "${reply ?? ''}" instead of starting a save.` };
  }
  if (/already in progress/i.test(error)) return { kind: 'already-running' };
  if (/unknown command|unknown subcommand/i.test(error)) {
    return { kind: 'refused', message: `This server does not offer BGSAVE (it is renamed or disabled, as managed services often do), so no dump file can be written: ${error}` };
  }
  if (/NOPERM/i.test(error)) return { kind: 'refused', message: `The connection's ACL user may not run BGSAVE: ${error}` };
  // Redis 7.0: "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE …".
  if (/another child process is active|append only file rewriting/i.test(error)) return { kind: 'busy' };
  return { kind: 'refused', message: `The server refused BGSAVE: ${error}` };
}

export type SaveStep =
  | { kind: 'wait'; elapsedSeconds: number; keysWritten: PersistenceState['keysWritten'] }
  /** A scheduled save that has not started: the other child (`aof_current_rewrite_time_sec`) still runs. */
  | { kind: 'wait-scheduled'; elapsedSeconds: number }
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
  if (start.kind === 'scheduled' && !scheduledSaveEnded(before, now)) return { kind: 'wait-scheduled', elapsedSeconds: Math.max(0, now.aofRewriteSeconds) };
  if (now.lastBgsaveStatus !== 'ok') {
    return { kind: 'failed', message: `The server's background save failed (rdb_last_bgsave_status:${now.lastBgsaveStatus}); its log says why, often a full disk or a directory it cannot write.` };
  }
  if (start.kind === 'already-running' || now.saves === null || before.saves === null) return { kind: 'done' };
  if (now.saves > before.saves) return { kind: 'done' };
  return { kind: 'failed', message: 'The background save ended but the server recorded no new snapshot (rdb_saves did not change).' };
}

/**
 * A scheduled save starts only once the other child ends, so "no save in progress" does not mean
 * it is over: it is when `rdb_saves` grew (Redis ≥ 7.0) or, on older servers, when the last-save
 * time moved or the last background save failed.
 */
function scheduledSaveEnded(before: PersistenceState, now: PersistenceState): boolean {
  if (now.saves !== null && before.saves !== null) return now.saves > before.saves;
  return now.lastSaveTime > before.lastSaveTime || (now.lastBgsaveStatus !== 'ok' && before.lastBgsaveStatus === 'ok');
}

/**
 * The earliest time (Unix seconds) the dump file may have been written: when BGSAVE was sent, or
 * when the save already running then had started (`before` was read at `serverTimeSeconds`).
 */
export function savedSince(serverTimeSeconds: number, start: BgsaveStart, before: PersistenceState): number {
  if (start.kind === 'already-running' && before.currentBgsaveSeconds > 0) return serverTimeSeconds - before.currentBgsaveSeconds;
  return serverTimeSeconds;
}
