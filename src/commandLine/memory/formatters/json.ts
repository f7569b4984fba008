import type { DumpAnalysis } from '../analyzeDumpFile';

/** The report as JSON, with where it came from under `source`. */
export function formatJson(analysis: DumpAnalysis, file: string): string {
  const { report, info, fileBytes } = analysis;
  const ctime = Number(info.aux.ctime);
  const source = {
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
  return `${JSON.stringify({ source, ...report }, null, 2)}\n`;
}
