/**
 * Counts the faults the suite injects and how many the features survived, and prints one line
 * when the whole mocha run ends (a root `after` hook, registered once when this module loads):
 * `FAULTS injected=N survived=N failed=N features=…`. A test records a fault when it injects it
 * and marks it survived only after every assertion about the recovery passed.
 */

export type Feature = 'tree' | 'editor' | 'bulk' | 'cli' | 'dashboard';
const FEATURES: readonly Feature[] = ['tree', 'editor', 'bulk', 'cli', 'dashboard'];

interface Entry {
  feature: Feature;
  fault: string;
  survived: boolean;
}

const entries: Entry[] = [];

export interface InjectedFault {
  /** Call once the feature behaved as required under the fault and after it. */
  survived(): void;
}

export function injectFault(feature: Feature, fault: string): InjectedFault {
  const entry: Entry = { feature, fault, survived: false };
  entries.push(entry);
  return { survived: () => void (entry.survived = true) };
}

export function summaryLine(): string {
  const survived = entries.filter((e) => e.survived).length;
  const features = FEATURES.filter((f) => entries.some((e) => e.feature === f));
  return `FAULTS injected=${entries.length} survived=${survived} failed=${entries.length - survived} features=${features.join(',')}`;
}

after(function printFaultSummary() {
  if (entries.length > 0) console.log(summaryLine());
});
