import type { RdbFileInfo, RdbKeyRecord } from '../rdb';
import type { MemoryKeyInput } from './reportTypes';

/** The moment TTLs are measured from: when the dump was written (its `ctime` aux field), else now. */
export function snapshotTime(info: RdbFileInfo, now: number = Date.now()): number {
  const ctime = Number(info.aux.ctime);
  return Number.isFinite(ctime) && ctime > 0 ? ctime * 1000 : now;
}

/** A dump record as report input; its TTL is the time left when the dump was written (never negative). */
export function rdbRecordInput(record: RdbKeyRecord, snapshotMs: number): MemoryKeyInput {
  return {
    db: record.db,
    key: record.key,
    type: record.type,
    encoding: record.encoding,
    memoryBytes: record.memoryBytes,
    elements: record.elements,
    ttlMs: record.expiresAtMs === null ? null : Math.max(0, record.expiresAtMs - snapshotMs),
    idleSeconds: record.idleSeconds,
    lfuFreq: record.lfuFreq,
    maxElementBytes: record.maxElementBytes,
  };
}
