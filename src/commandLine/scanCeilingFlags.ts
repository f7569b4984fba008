import { LoadBudget } from '../core/redis/keyspace/loadBudget';
import { budgetOptionsFor, type ScanCeilings } from '../core/redis/keyspace/scanBudgetOptions';

/**
 * `--max-scans-per-second N` and `--max-keys-per-second N` of the subcommands that scan a live
 * server: ceilings over the latency back-off every scan has anyway (0 = none, the default).
 */

export const SCAN_CEILING_FLAGS = { '--max-scans-per-second': 'maxScansPerSecond', '--max-keys-per-second': 'maxKeysPerSecond' } as const;

export type ScanCeilingFlag = keyof typeof SCAN_CEILING_FLAGS;

export function isScanCeilingFlag(flag: string): flag is ScanCeilingFlag {
  return Object.hasOwn(SCAN_CEILING_FLAGS, flag);
}

/** The flag's value, or the one-sentence problem with it. */
export function scanCeilingValue(flag: ScanCeilingFlag, text: string): number | { problem: string } {
  return /^\d+$/.test(text) ? Number(text) : { problem: `${flag} must be a whole number, 0 for no ceiling (got "${text}")` };
}

/** The load budget of one run with these ceilings. */
export function budgetFor(ceilings: ScanCeilings): LoadBudget {
  return new LoadBudget(budgetOptionsFor(undefined, ceilings));
}
