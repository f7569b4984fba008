import type { MemoryReport } from '../../../core/memory';

/** The report as JSON, with where it came from under `source`. */
export function formatJson(report: MemoryReport, source: Record<string, unknown>): string {
  return `${JSON.stringify({ source, ...report }, null, 2)}\n`;
}
