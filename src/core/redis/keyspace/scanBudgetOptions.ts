import type { LoadBudgetOptions } from './loadBudget';

/**
 * The ceilings of a scan's load budget: a saved connection's own `maxScansPerSecond` /
 * `maxKeysPerSecond` win over the `redisSpecialist.scan.*` settings (0 there means "no ceiling for
 * this connection", even when the setting has one); a value that is not a whole number ≥ 0 is
 * ignored. Without a ceiling the budget still backs off by measured latency, so an idle server is
 * never held to a fixed rate.
 */

export interface ScanCeilings {
  maxScansPerSecond?: number;
  maxKeysPerSecond?: number;
}

export type ScanCeilingOptions = Pick<LoadBudgetOptions, 'maxScansPerSecond' | 'maxKeysPerSecond'>;

export function budgetOptionsFor(connection: ScanCeilings | undefined, settings: ScanCeilings): ScanCeilingOptions {
  const options: ScanCeilingOptions = {};
  for (const name of ['maxScansPerSecond', 'maxKeysPerSecond'] as const) {
    const own = connection?.[name];
    const value = isCeiling(own) ? own : isCeiling(settings[name]) ? settings[name] : 0;
    if (value > 0) options[name] = value;
  }
  return options;
}

/** A usable ceiling value: a whole number, 0 for none. */
export function isCeiling(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
