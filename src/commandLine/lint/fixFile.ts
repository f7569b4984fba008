/** `lint --fix` / `--fix-dry-run` on one file's text: apply fixes, re-analyse, repeat while fixes overlapped. */
import { type AnalysisResult, type Analyzer, type Finding, fixAll } from '../../core/analysis';

/** Fixes skipped because they overlapped another get another chance on the fixed text. */
const MAX_PASSES = 3;

export interface FixOutcome {
  text: string;
  fixed: Finding[];
  /** The analysis of the fixed text (what remains to report). */
  result: AnalysisResult;
}

export async function fixText(analyzer: Analyzer, name: string, text: string, first: AnalysisResult, includeReview: boolean): Promise<FixOutcome> {
  let current = text;
  let result = first;
  const fixed: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const applied = fixAll(current, result.findings, { includeUnsafe: includeReview });
    if (applied.fixed.length === 0) break;
    current = applied.text;
    fixed.push(...applied.fixed);
    result = await analyzer.analyzeText(name, current);
  }
  return { text: current, fixed, result };
}

/** `3 problems (set-without-ttl ×2, missing-error-listener)`. */
export function describeFixed(fixed: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const rules = [...counts].map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule)).join(', ');
  return `${fixed.length} problem${fixed.length === 1 ? '' : 's'} (${rules})`;
}
