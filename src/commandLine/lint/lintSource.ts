/** Lints one file's text and, with --fix / --fix-dry-run, fixes it: what to report, what to print. */
import { promises as fs } from 'node:fs';
import type { AnalysisResult, Analyzer } from '../../core/analysis';
import type { LintArgs } from './cliArgs';
import { ioReason } from './fileProblems';
import { describeFixed, fixText } from './fixFile';
import { unifiedDiff } from './unifiedDiff';

export interface LintedSource {
  /** What remains to report (after fixes, when they were written or would be). */
  result: AnalysisResult;
  /** --fix-dry-run: the file's diff ('' when nothing would change). */
  diff: string;
  /** Lines for stderr (what was fixed, what could not be written). */
  messages: string[];
}

export async function lintSource(analyzer: Analyzer, file: string, relative: string, text: string, args: LintArgs): Promise<LintedSource> {
  const first = await analyzer.analyzeText(relative, text);
  if (args.fix === 'none') return { result: first, diff: '', messages: [] };
  const outcome = await fixText(analyzer, relative, text, first, args.fixType === 'review');
  if (outcome.fixed.length === 0) return { result: first, diff: '', messages: [] };
  if (args.fix === 'diff') {
    return { result: outcome.result, diff: unifiedDiff(relative, text, outcome.text), messages: [`${relative}: would fix ${describeFixed(outcome.fixed)}`] };
  }
  try {
    await fs.writeFile(file, outcome.text);
  } catch (err) {
    return { result: first, diff: '', messages: [`${relative}: could not write the fixes (${ioReason(err as NodeJS.ErrnoException)}).`] };
  }
  return { result: outcome.result, diff: '', messages: [`${relative}: fixed ${describeFixed(outcome.fixed)}`] };
}
