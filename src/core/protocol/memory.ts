/**
 * The messages between the memory report panel (extension host) and its page (webview), as
 * discriminated unions on `type`. Both sides import this file and nothing of each other; it holds
 * no DOM and no `vscode` code. The data shapes are in memoryData.ts.
 */
import type { MemoryReportData, TreemapLevelData } from './memoryData';

export { TREEMAP_BOX } from './memoryData';
export type { DistributionData, KeyEntryData, MemoryReportData, PatternData, RecommendationData, TreemapBoxData, TreemapLevelData } from './memoryData';

/** Where the report came from, for the page's header. */
export interface ReportSource {
  /** The dump file's name (not its full path). */
  fileName: string;
  fileBytes: number;
  rdbVersion: number;
  /** `redis-ver` from the dump's aux fields, when present. */
  redisVersion: string | null;
}

export type ExportFormat = 'json' | 'csv' | 'markdown';

// ── host → page ──────────────────────────────────────────────────────────────────────────────

export interface ReportMessage {
  type: 'report';
  source: ReportSource;
  report: MemoryReportData;
  /** The delimiter the treemap drills down by. */
  delimiter: string;
  /** Every level of the treemap of memory by key prefix, laid out by the host. */
  treemap: TreemapLevelData[];
}

/** The outcome of a page request the host carried out (an export). */
export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}

export type HostMessage = ReportMessage | NoticeMessage;

// ── page → host ──────────────────────────────────────────────────────────────────────────────

export interface ReadyMessage {
  type: 'ready';
}

/** Save the report to a file the user picks (the page cannot write files). */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
}

export type PageMessage = ReadyMessage | ExportMessage;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Validates a message from the page: it is untrusted input to the host. */
export function isPageMessage(value: unknown): value is PageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'export':
      return value.format === 'json' || value.format === 'csv' || value.format === 'markdown';
    default:
      return false;
  }
}

/** Validates a message from the host: other extensions' and the webview's own events share the channel. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'report':
      return isRecord(value.source) && isRecord(value.report) && Array.isArray(value.treemap) && typeof value.delimiter === 'string';
    case 'notice':
      return typeof value.text === 'string';
    default:
      return false;
  }
}
