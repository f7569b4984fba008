/**
 * Counts the analyzer's unit steps (tree steps during extraction, comparisons in rules). Tests use
 * the counts to prove that analysis grows linearly with the file, which timings on a shared
 * machine cannot show reliably.
 */
export type WorkKind = 'tree' | 'rule';

const counts: Record<WorkKind, number> = { tree: 0, rule: 0 };

export function countWork(kind: WorkKind, steps = 1): void {
  counts[kind] += steps;
}

/** The counts since the last reset. */
export function workCounts(): Readonly<Record<WorkKind, number>> {
  return { ...counts };
}

export function resetWorkCounts(): void {
  counts.tree = 0;
  counts.rule = 0;
}
