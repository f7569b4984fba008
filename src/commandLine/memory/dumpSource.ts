import { formatBytes } from '../../core/memory';
import type { DumpAnalysis } from './analyzeDumpFile';

/** Where a dump file's report came from: the JSON `source`, the table's header, the Markdown title. */

export function dumpJsonSource(analysis: DumpAnalysis, file: string): Record<string, unknown> {
  const { info, fileBytes } = analysis;
  const ctime = Number(info.aux.ctime);
  return {
    kind: 'rdb',
    file,
    fileBytes,
    rdbVersion: info.version,
    redisVersion: info.aux['redis-ver'] ?? null,
    savedAt: Number.isFinite(ctime) && ctime > 0 ? new Date(ctime * 1000).toISOString() : null,
    checksum: info.checksum,
    functionLibraries: info.functionLibraries,
    memoryBytes: 'estimate of MEMORY USAGE on the server that wrote the file; ttlMs is the time left when it was written',
  };
}

export function dumpSummary(analysis: DumpAnalysis, file: string): string[] {
  const { info } = analysis;
  return [`Dump file: ${file} (RDB ${info.version}${info.aux['redis-ver'] ? `, Redis ${info.aux['redis-ver']}` : ''}, ${formatBytes(analysis.fileBytes)}, checksum ${info.checksum}); memory figures estimate MEMORY USAGE`];
}

export function dumpTitle(analysis: DumpAnalysis, file: string): string {
  const redis = analysis.info.aux['redis-ver'];
  return `${file} (RDB ${analysis.info.version}${redis ? `, Redis ${redis}` : ''})`;
}
