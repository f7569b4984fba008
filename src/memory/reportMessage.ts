import { treemapLevels } from '../core/memory/prefixTree';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import { TREEMAP_BOX, type ReportMessage } from '../core/protocol/memory';

/** Key prefixes are split at this delimiter for the treemap's drill-down. */
export const TREEMAP_DELIMITER = ':';

/** The page's report message for a dump analysis: the report, where it came from, and the laid-out treemap. */
export function reportMessage(analysis: DumpAnalysis, fileName: string): ReportMessage {
  const { report, info, fileBytes } = analysis;
  return {
    type: 'report',
    source: { fileName, fileBytes, rdbVersion: info.version, redisVersion: info.aux['redis-ver'] ?? null },
    report,
    delimiter: TREEMAP_DELIMITER,
    treemap: treemapLevels(report.patterns, TREEMAP_DELIMITER, TREEMAP_BOX),
  };
}
