/** Counts as the whole extension writes them: 1,531 (grouped, never locale-dependent). */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** "1,531" when complete, "≥ 1,531" while a scan may still find more. */
export function formatKeyCount(count: number, complete: boolean): string {
  return complete ? formatCount(count) : `≥ ${formatCount(count)}`;
}
