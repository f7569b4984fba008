/** `--format json`: one array of findings with 1-based lines and columns. */
import type { FileFindings } from './types';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  fixable: boolean;
}

export function toJsonFindings(files: readonly FileFindings[]): JsonFinding[] {
  return files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.range.start.line + 1,
      column: f.range.start.column + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.column + 1,
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      fixable: f.fixes.length > 0,
    })),
  );
}

export function formatJson(files: readonly FileFindings[]): string {
  return JSON.stringify(toJsonFindings(files), null, 2);
}
