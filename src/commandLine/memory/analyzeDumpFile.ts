import { defaultThresholds, MemoryReportBuilder, type MemoryReport, rdbRecordInput, snapshotTime } from '../../core/memory';
import type { CodePattern } from '../../core/memory/memoryReportBuilder';
import { openFileSource, RdbParser, type RdbFileInfo } from '../../core/rdb';

export interface DumpAnalysis {
  report: MemoryReport;
  info: RdbFileInfo;
  fileBytes: number;
}

const PROGRESS_STEP = 64 * 1024 * 1024;

/** Parses a dump file into a memory report; `progress` is called with the bytes read about every 64 MiB. */
export function analyzeDumpFile(path: string, top: number, progress: (read: number, total: number) => void = () => undefined, codePatterns: readonly CodePattern[] = []): DumpAnalysis {
  const source = openFileSource(path);
  try {
    const parser = new RdbParser(source);
    // Aux fields (redis-ver, ctime) precede the first key, so the builder is made when it arrives.
    const makeBuilder = (): MemoryReportBuilder => new MemoryReportBuilder({ thresholds: defaultThresholds(parser.info.version, parser.info.aux['redis-ver']), top, codePatterns });
    let builder: MemoryReportBuilder | null = null;
    let snapshotMs = 0;
    let nextProgress = PROGRESS_STEP;
    for (let record = parser.next(); record; record = parser.next()) {
      if (!builder) {
        builder = makeBuilder();
        snapshotMs = snapshotTime(parser.info);
      }
      builder.add(rdbRecordInput(record, snapshotMs));
      if (parser.position >= nextProgress) {
        progress(parser.position, parser.size);
        nextProgress = parser.position + PROGRESS_STEP;
      }
    }
    return { report: (builder ?? makeBuilder()).build(), info: parser.info, fileBytes: source.size };
  } finally {
    source.close();
  }
}
