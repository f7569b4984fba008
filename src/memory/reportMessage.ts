import { treemapLevels } from '../core/memory/prefixTree';
import { formatBytes, type MemoryReport } from '../core/memory';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import { TREEMAP_BOX, type ReportMessage, type ReportSource } from '../core/protocol/memory';

/** Key prefixes are split at this delimiter for the treemap's drill-down (a connection's own delimiter for live reports). */
export const TREEMAP_DELIMITER = ':';

/** The page's report message: the report, where it came from, and the laid-out treemap. */
export function reportMessage(report: MemoryReport, source: ReportSource, delimiter = TREEMAP_DELIMITER): ReportMessage {
  return { type: 'report', source, report, delimiter, treemap: treemapLevels(report.patterns, delimiter, TREEMAP_BOX) };
}

/** A dump file's header: its name, format and size. */
export function dumpReportSource(analysis: DumpAnalysis, fileName: string): ReportSource {
  const { info, fileBytes } = analysis;
  const redis = info.aux['redis-ver'];
  return {
    title: fileName,
    facts: [
      { label: 'Format', value: `RDB ${info.version}${redis ? ` (Redis ${redis})` : ''}` },
      { label: 'File size', value: formatBytes(fileBytes) },
    ],
    canOpenKeys: false,
  };
}
