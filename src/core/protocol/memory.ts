/**
 * The messages between the memory report panel (extension host) and its page (webview), as
 * discriminated unions on `type`. Both sides import this file and nothing of each other; it holds
 * no DOM and no `vscode` code. The data shapes are in memoryData.ts.
 */
import type { MemoryReportData, TreemapLevelData } from './memoryData';

export { TREEMAP_BOX } from './memoryData';
export type { CodeSiteData, DistributionData, KeyEntryData, MemoryReportData, PatternData, RecommendationData, TreemapBoxData, TreemapLevelData } from './memoryData';

/** Where the report came from, for the page's header: a dump file, or a connection's database (and folder). */
export interface ReportSource {
  /** The heading: the dump file's name (not its full path), or the connection, database and folder. */
  title: string;
  /** Label and value pairs under the heading ("Format": "RDB 10 (Redis 7.0.15)"). */
  facts: { label: string; value: string }[];
  /** Key names link to the key editor (a live report: the keys are on a connection). */
  canOpenKeys: boolean;
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

/** Open a key of the report in the key editor (`key` escaped as the report shows it). */
export interface OpenKeyMessage {
  type: 'openKey';
  key: string;
  db: number;
}

/** Open the line of code that builds a pattern's keys (`file` as the report names it). */
export interface OpenSiteMessage {
  type: 'openSite';
  file: string;
  line: number;
}

export type PageMessage = ReadyMessage | ExportMessage | OpenKeyMessage | OpenSiteMessage;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Validates a message from the page: it is untrusted input to the host. */
export function isPageMessage(value: unknown): value is PageMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'export':
      return value.format === 'json' || value.format === 'csv' || value.format === 'markdown';
    case 'openKey':
      return typeof value.key === 'string' && Number.isInteger(value.db) && (value.db as number) >= 0;
    case 'openSite':
      return typeof value.file === 'string' && value.file !== '' && Number.isInteger(value.line) && (value.line as number) >= 1;
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
