import assert from 'node:assert/strict';
import { interpretBgsaveReply, saveStep, savedSince } from '../../../../../src/core/memory/snapshot/bgsaveProgress';
import { parsePersistence, type PersistenceState } from '../../../../../src/core/memory/snapshot/persistenceInfo';

/** INFO persistence as Redis 7.0.15 writes it (captured), with the fields a test changes. */
function info(fields: Record<string, string | number> = {}): string {
  const base: Record<string, string | number> = {
    loading: 0, async_loading: 0, current_cow_peak: 0, current_cow_size: 0, current_cow_size_age: 0, current_fork_perc: '0.00',
    current_save_keys_processed: 0, current_save_keys_total: 0, rdb_changes_since_last_save: 0, rdb_bgsave_in_progress: 0,
    rdb_last_save_time: 1796587052, rdb_last_bgsave_status: 'ok', rdb_last_bgsave_time_sec: -1, rdb_current_bgsave_time_sec: -1,
    rdb_saves: 0, rdb_last_cow_size: 0, aof_enabled: 0, aof_rewrite_in_progress: 0,
  };
  return `# Persistence\r\n${Object.entries({ ...base, ...fields }).map(([k, v]) => `${k}:${v}`).join('\r\n')}\r\n`;
}

/** Redis 6.2 has neither rdb_saves nor the keys-written counters. */
function info62(fields: Record<string, string | number> = {}): string {
  return info(fields).replace(/^(rdb_saves|current_save_keys_\w+):.*\r\n/gm, '');
}

describe('INFO persistence', () => {
  it('reads the save state, counters and progress of Redis 7.0', () => {
    const state = parsePersistence(info({ rdb_bgsave_in_progress: 1, rdb_current_bgsave_time_sec: 3, rdb_saves: 4, current_save_keys_processed: 120, current_save_keys_total: 500 }));
    assert.deepEqual(state, { bgsaveInProgress: true, lastBgsaveStatus: 'ok', lastSaveTime: 1796587052, saves: 4, currentBgsaveSeconds: 3, aofRewriteSeconds: -1, keysWritten: { done: 120, total: 500 } });
  });

  it('leaves out what Redis 6.2 does not report', () => {
    const state = parsePersistence(info62({ rdb_last_bgsave_status: 'err' }));
    assert.equal(state.saves, null);
    assert.equal(state.keysWritten, null);
    assert.equal(state.lastBgsaveStatus, 'err');
    assert.equal(state.bgsaveInProgress, false);
  });
});

describe('BGSAVE reply', () => {
  it('started, already running, or refused with a reason', () => {
    assert.deepEqual(interpretBgsaveReply('Background saving started', undefined), { kind: 'started' });
    assert.deepEqual(interpretBgsaveReply(undefined, 'ERR Background save already in progress'), { kind: 'already-running' });
    const cases: [string, RegExp][] = [
      ["ERR unknown command 'BGSAVE', with args beginning with: ", /does not offer BGSAVE .*renamed or disabled/],
      ["NOPERM this user has no permissions to run the 'bgsave' command", /ACL user may not run BGSAVE/],
      ['MISCONF something else', /^The server refused BGSAVE: MISCONF something else$/],
    ];
    for (const [error, message] of cases) {
      const start = interpretBgsaveReply(undefined, error);
      assert.equal(start.kind, 'refused', error);
      assert.match(start.kind === 'refused' ? start.message : '', message);
      // The server's own words are kept.
      assert.ok(start.kind === 'refused' && start.message.includes(error), error);
    }
    assert.equal(interpretBgsaveReply('Background saving queued', undefined).kind, 'refused');
  });

  it('another child running (an AOF rewrite) is busy, to be asked again with SCHEDULE; SCHEDULE accepted is scheduled', () => {
    // Redis 7.0.15's own words while BGREWRITEAOF runs (captured on this machine).
    const busy = "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.";
    assert.deepEqual(interpretBgsaveReply(undefined, busy), { kind: 'busy' });
    assert.deepEqual(interpretBgsaveReply(undefined, 'ERR Background append only file rewriting in progress'), { kind: 'busy' });
    assert.deepEqual(interpretBgsaveReply('Background saving scheduled', undefined), { kind: 'scheduled' });
  });
});

describe('waiting for the save', () => {
  const before = parsePersistence(info({ rdb_saves: 2 }));

  it('waits while a save is in progress, with its elapsed time and progress', () => {
    const step = saveStep(before, parsePersistence(info({ rdb_saves: 2, rdb_bgsave_in_progress: 1, rdb_current_bgsave_time_sec: 7, current_save_keys_processed: 10, current_save_keys_total: 20 })));
    assert.deepEqual(step, { kind: 'wait', elapsedSeconds: 7, keysWritten: { done: 10, total: 20 } });
    // A save that has just started reports -1 seconds.
    assert.equal((saveStep(before, parsePersistence(info({ rdb_bgsave_in_progress: 1 }))) as { elapsedSeconds: number }).elapsedSeconds, 0);
  });

  it('done when the save ended ok and the snapshot count grew', () => {
    assert.deepEqual(saveStep(before, parsePersistence(info({ rdb_saves: 3 }))), { kind: 'done' });
  });

  it('failed when the save ended with rdb_last_bgsave_status:err, whatever the counters', () => {
    const step = saveStep(before, parsePersistence(info({ rdb_saves: 2, rdb_last_bgsave_status: 'err' })));
    assert.equal(step.kind, 'failed');
    assert.match(step.kind === 'failed' ? step.message : '', /background save failed \(rdb_last_bgsave_status:err\)/);
  });

  it('failed when the save ended ok but left no new snapshot', () => {
    assert.equal(saveStep(before, parsePersistence(info({ rdb_saves: 2 }))).kind, 'failed');
  });

  it('a save already running when we asked was counted before: its ok status is enough', () => {
    const running = parsePersistence(info({ rdb_saves: 3, rdb_bgsave_in_progress: 1 }));
    assert.deepEqual(saveStep(running, parsePersistence(info({ rdb_saves: 3 })), { kind: 'already-running' }), { kind: 'done' });
    assert.equal(saveStep(running, parsePersistence(info({ rdb_saves: 3, rdb_last_bgsave_status: 'err' })), { kind: 'already-running' }).kind, 'failed');
  });

  it('without rdb_saves (Redis 6.2): an ok status is enough (the last-save time may not move within a second)', () => {
    const old: PersistenceState = parsePersistence(info62());
    assert.equal(saveStep(old, parsePersistence(info62({ rdb_last_save_time: 1796587060 }))).kind, 'done');
    assert.equal(saveStep(old, parsePersistence(info62())).kind, 'done');
    assert.equal(saveStep(old, parsePersistence(info62({ rdb_last_bgsave_status: 'err' }))).kind, 'failed');
  });

  it('a scheduled save waits while the AOF rewrite runs, then for its own save, and is done when rdb_saves grew', () => {
    const scheduled = { kind: 'scheduled' } as const;
    const rewriting = parsePersistence(info({ rdb_saves: 2, aof_rewrite_in_progress: 1, aof_current_rewrite_time_sec: 4 }));
    assert.deepEqual(saveStep(before, rewriting, scheduled), { kind: 'wait-scheduled', elapsedSeconds: 4 });
    // Between the rewrite's end and the save's start (serverCron), nothing runs: still waiting.
    assert.deepEqual(saveStep(before, parsePersistence(info({ rdb_saves: 2 })), scheduled), { kind: 'wait-scheduled', elapsedSeconds: 0 });
    assert.equal(saveStep(before, parsePersistence(info({ rdb_saves: 3, rdb_bgsave_in_progress: 1 })), scheduled).kind, 'wait');
    assert.deepEqual(saveStep(before, parsePersistence(info({ rdb_saves: 3 })), scheduled), { kind: 'done' });
    assert.equal(saveStep(before, parsePersistence(info({ rdb_saves: 3, rdb_last_bgsave_status: 'err' })), scheduled).kind, 'failed');
  });

  it('a scheduled save on Redis 6.2 ends when the last-save time moves or the status turns to err', () => {
    const scheduled = { kind: 'scheduled' } as const;
    const old = parsePersistence(info62());
    assert.equal(saveStep(old, parsePersistence(info62()), scheduled).kind, 'wait-scheduled');
    assert.equal(saveStep(old, parsePersistence(info62({ rdb_last_save_time: 1796587060 })), scheduled).kind, 'done');
    assert.equal(saveStep(old, parsePersistence(info62({ rdb_last_bgsave_status: 'err' })), scheduled).kind, 'failed');
  });

  it('a save already running counts from when it started', () => {
    const running = parsePersistence(info({ rdb_bgsave_in_progress: 1, rdb_current_bgsave_time_sec: 12 }));
    assert.equal(savedSince(1000, { kind: 'already-running' }, running), 988);
    assert.equal(savedSince(1000, { kind: 'started' }, running), 1000);
    assert.equal(savedSince(1000, { kind: 'already-running' }, parsePersistence(info())), 1000);
  });
});
