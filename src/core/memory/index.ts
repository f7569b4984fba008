export { MemoryReportBuilder, type MemoryReportOptions } from './memoryReportBuilder';
export { formatBytes } from './recommendations';
export { defaultThresholds } from './thresholds';
export type { EncodingThresholds, KeyEntry, MemoryKeyInput, MemoryReport, PatternEntry, Recommendation } from './reportTypes';
export { rdbRecordInput, snapshotTime } from './rdbInput';
