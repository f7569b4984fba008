/** The default, readable format (modelled on ESLint's "stylish"). */
import type { Severity } from '../../../core/analysis';
import type { FileFindings } from './types';

export function formatStylish(files: readonly FileFindings[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const { file, findings } of files) {
    if (findings.length === 0) continue;
    lines.push(file);
    const rows = findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.column + 1}`, f.severity, f.message, f.ruleId]);
    const width = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) lines.push(`  ${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2]}  ${r[3]}`);
    lines.push('');
    for (const f of findings) {
      counts[f.severity]++;
      if (f.fixes.length) fixable++;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return 'No Redis problems found.';
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')})`,
  );
  if (fixable) lines.push(`  ${fixable} of them can be fixed in the editor (quick fix).`);
  return lines.join('\n');
}
