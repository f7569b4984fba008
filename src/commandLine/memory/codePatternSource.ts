import type { CodePattern } from '../../core/memory/memoryReportBuilder';

export interface CodePatternResult {
  patterns: CodePattern[];
  /** What the report should say about where its patterns come from. */
  note: string;
}

/**
 * The key patterns the code under `paths` builds, with their call sites. Extraction of key
 * templates from code is being built in core/analysis/extract/ (issue "Key patterns"); until it
 * is wired here, keys are grouped by patterns inferred from their names and the report says so.
 */
export function codePatternsFor(paths: readonly string[]): Promise<CodePatternResult> {
  if (paths.length === 0) return Promise.resolve({ patterns: [], note: 'Key patterns are inferred from the key names (give source paths to group keys by the patterns the code builds).' });
  return Promise.resolve({ patterns: [], note: `Key patterns are inferred from the key names only: reading key patterns from source code (${paths.join(', ')}) is not available in this build yet.` });
}
