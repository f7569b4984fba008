/** Applying fixes to text: one fix, or every safe fix of a file at once ("Fix all in file"). */
import { ruleMeta } from '../rules';
import type { Finding, Fix, RuleId, TextEdit } from '../types';

/** Applies non-overlapping edits (offsets refer to `text`). Throws on overlap: that is a bug in the caller. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset);
  for (let i = 1; i < sorted.length; i++) {
    if (conflicts(sorted[i - 1], sorted[i])) throw new Error('applyEdits: overlapping edits');
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const { range, newText } = sorted[i];
    if (range.startOffset < 0 || range.endOffset > out.length || range.startOffset > range.endOffset) {
      throw new RangeError(`applyEdits: edit ${range.startOffset}-${range.endOffset} is outside the text`);
    }
    out = out.slice(0, range.startOffset) + newText + out.slice(range.endOffset);
  }
  return out;
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** Two edits conflict when they overlap or insert at the same place (their order would be ambiguous). */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  const [x, y] = [a.range, b.range];
  if (x.startOffset === y.startOffset) return true;
  return x.startOffset < y.endOffset && y.startOffset < x.endOffset;
}

export interface FixAllOptions {
  /** Only this rule's findings. */
  ruleId?: RuleId;
  /** Also apply fixes of rules not marked safe for bulk use and fixes that need review. */
  includeUnsafe?: boolean;
}

export interface FixAllResult {
  text: string;
  /** All edits applied, in the original text's coordinates (for one WorkspaceEdit). */
  edits: TextEdit[];
  fixed: Finding[];
  /** Findings with a fix that was left out because it overlapped one already chosen. */
  skipped: Finding[];
}

/** Picks each finding's preferred fix where safe, drops overlapping ones, and applies the rest. */
export function fixAll(text: string, findings: readonly Finding[], options: FixAllOptions = {}): FixAllResult {
  const chosen: TextEdit[] = [];
  const fixed: Finding[] = [];
  const skipped: Finding[] = [];
  const candidates = findings
    .filter((f) => !options.ruleId || f.ruleId === options.ruleId)
    .map((finding) => ({ finding, fix: finding.fixes.find((x) => x.isPreferred) ?? finding.fixes[0] }))
    .filter(({ finding, fix }) => fix && (options.includeUnsafe || (ruleMeta(finding.ruleId)?.fixAllSafe && !fix.needsReview)))
    .sort((a, b) => firstOffset(a.fix) - firstOffset(b.fix));
  for (const { finding, fix } of candidates) {
    if (fix.edits.some((e) => chosen.some((c) => conflicts(c, e)))) {
      skipped.push(finding);
      continue;
    }
    chosen.push(...fix.edits);
    fixed.push(finding);
  }
  return { text: applyEdits(text, chosen), edits: chosen, fixed, skipped };
}

function firstOffset(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.range.startOffset));
}
