import { infoField, infoNumber, parseInfo, type InfoSections } from '../../redis/server/info';

/** What `INFO persistence` says about RDB snapshots, as a "BGSAVE and analyze" needs it. */
export interface PersistenceState {
  /** `rdb_bgsave_in_progress:1`: a child is writing a snapshot now. */
  bgsaveInProgress: boolean;
  /** `rdb_last_bgsave_status`: "ok" or "err" (of the last finished background save). */
  lastBgsaveStatus: string;
  /** `rdb_last_save_time`: Unix seconds of the last successful save (what LASTSAVE answers). */
  lastSaveTime: number;
  /** `rdb_saves` (Redis ≥ 7.0): snapshots written since the server started; null on older servers. */
  saves: number | null;
  /** `rdb_current_bgsave_time_sec`: how long the running save has been going, -1 when none. */
  currentBgsaveSeconds: number;
  /** `aof_current_rewrite_time_sec`: how long the running AOF rewrite has been going, -1 when none. */
  aofRewriteSeconds: number;
  /** `current_save_keys_processed`/`_total` (Redis ≥ 7.0): the running save's progress; null when unknown. */
  keysWritten: { done: number; total: number } | null;
}

/** Reads the fields from an INFO reply (any section set that includes persistence). */
export function parsePersistence(info: string | InfoSections): PersistenceState {
  const sections = typeof info === 'string' ? parseInfo(info) : info;
  const saves = infoField(sections, 'rdb_saves');
  return {
    bgsaveInProgress: infoField(sections, 'rdb_bgsave_in_progress') === '1',
    lastBgsaveStatus: infoField(sections, 'rdb_last_bgsave_status') ?? 'unknown',
    lastSaveTime: infoNumber(sections, 'rdb_last_save_time', 0),
    saves: saves !== undefined && /^\d+$/.test(saves) ? Number(saves) : null,
    currentBgsaveSeconds: infoNumber(sections, 'rdb_current_bgsave_time_sec', -1),
    aofRewriteSeconds: infoNumber(sections, 'aof_current_rewrite_time_sec', -1),
    keysWritten: infoField(sections, 'current_save_keys_total') === undefined ? null : { done: infoNumber(sections, 'current_save_keys_processed'), total: infoNumber(sections, 'current_save_keys_total') },
  };
}
