/**
 * Scores the corpus findings against `bench/corpus/labels.tsv`: precision of warning-and-above
 * findings, recall over every severity, and both per rule.
 */
import type { Severity } from '../src/core/analysis';

export interface CorpusFinding {
  pkg: string;
  file: string;
  /** 1-based. */
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

export interface Label {
  pkg: string;
  file: string;
  line: number;
  rule: string;
  verdict: 'TP' | 'FP' | 'FN';
  reason: string;
}

export function parseLabels(text: string): Label[] {
  const labels: Label[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (!line || line.startsWith('#')) continue;
    const [pkg, file, lineNo, rule, verdict, ...reason] = line.split('\t');
    if (!pkg || !file || !rule || !/^\d+$/.test(lineNo ?? '') || (verdict !== 'TP' && verdict !== 'FP' && verdict !== 'FN')) {
      throw new Error(`labels.tsv line ${i + 1}: expected package@version, file, line, rule, TP|FP|FN, reason`);
    }
    labels.push({ pkg, file, line: Number(lineNo), rule, verdict, reason: reason.join(' ') });
  }
  return labels;
}

const keyOf = (x: { pkg: string; file: string; line: number; rule: string }): string => `${x.pkg}\t${x.file}\t${x.line}\t${x.rule}`;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score {
  precisionWarning: number;
  recall: number;
  perRule: Map<string, { precision: number; recall: number; tally: Tally }>;
  /** Findings with no label (warning-level ones must be labelled). */
  unlabelled: CorpusFinding[];
  /** Real problems the analyzer does not report. */
  missed: Label[];
  /** Findings labelled FP. */
  falsePositives: Array<{ finding: CorpusFinding; label: Label }>;
}

const ratio = (good: number, bad: number): number => (good + bad === 0 ? 1 : good / (good + bad));
const AT_LEAST_WARNING = new Set<Severity>(['error', 'warning']);

export function score(findings: readonly CorpusFinding[], labels: readonly Label[]): Score {
  const byKey = new Map(labels.map((l) => [keyOf(l), l]));
  const found = new Set<string>();
  const warning: Tally = { tp: 0, fp: 0, fn: 0 };
  const all: Tally = { tp: 0, fp: 0, fn: 0 };
  const perRule = new Map<string, Tally>();
  const tally = (rule: string): Tally => {
    let t = perRule.get(rule);
    if (!t) perRule.set(rule, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  const unlabelled: CorpusFinding[] = [];
  const falsePositives: Score['falsePositives'] = [];
  for (const finding of findings) {
    const key = keyOf(finding);
    found.add(key);
    const label = byKey.get(key);
    if (!label) {
      unlabelled.push(finding);
      continue;
    }
    // An FN label that is now found is a fixed miss: it counts as a true positive.
    const correct = label.verdict !== 'FP';
    if (!correct) falsePositives.push({ finding, label });
    for (const t of [all, tally(finding.rule), ...(AT_LEAST_WARNING.has(finding.severity) ? [warning] : [])]) {
      if (correct) t.tp++;
      else t.fp++;
    }
  }
  const missed: Label[] = [];
  for (const label of labels) {
    if (found.has(keyOf(label)) || label.verdict === 'FP') continue;
    missed.push(label);
    all.fn++;
    tally(label.rule).fn++;
  }
  return {
    precisionWarning: ratio(warning.tp, warning.fp),
    recall: ratio(all.tp, all.fn),
    perRule: new Map([...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, t]) => [rule, { precision: ratio(t.tp, t.fp), recall: ratio(t.tp, t.fn), tally: t }])),
    unlabelled,
    missed,
    falsePositives,
  };
}
