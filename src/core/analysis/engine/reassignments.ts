/**
 * A module-level `let`/`var` assigned again anywhere in the file holds what was assigned last, not its
 * initial string (argFacts.ts reads the whole file for that): whether a statement assigns one is part of
 * what other statements depend on. An edited document keeps, per statement, which of the module's
 * mutable names it assigns; when an edit changes that, every statement is read again.
 */
import type { SourceText } from '../syntax';
import type { ModuleScope } from '../clients/moduleScope';

const namesByScope = new WeakMap<ModuleScope, string[]>();

/** The module-level names declared with `let` or `var` and a value (read once per module scope). */
export function mutableNames(scope: ModuleScope): string[] {
  let out = namesByScope.get(scope);
  if (!out) {
    out = [];
    for (const [name, binding] of scope.entries()) if (binding.b === 'value' && binding.mutable && /^[A-Za-z_$][\w$]*$/.test(name)) out.push(name);
    namesByScope.set(scope, out);
  }
  return out;
}

const patterns = new Map<string, RegExp>();

/** How often the text assigns each of `names` (none: an empty map). */
export function assignmentsOf(text: string, names: readonly string[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  if (names.length === 0) return counts;
  const key = names.join(',');
  let re = patterns.get(key);
  if (!re) {
    if (patterns.size > 32) patterns.clear();
    re = new RegExp(`(?<![\\w$.])(${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})\\s*(?:[-+*/%&|^]|\\?\\?|&&|\\|\\|)?=(?![=>])`, 'g');
    patterns.set(key, re);
  }
  for (const m of text.matchAll(re)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return counts;
}

type Assigning = { start: number; end: number; assigns?: ReadonlyMap<string, number> };

/**
 * Whether an edit that replaced `removed` by `fresh` changed how often the file assigns one of the module's mutable
 * names (then what other statements read changed too). Fills `fresh` entries' `assigns`.
 */
export function reassignmentsChanged(removed: readonly Assigning[], fresh: readonly Assigning[], text: SourceText, scope: ModuleScope): boolean {
  fillAssignments(fresh, text, scope);
  const before = totals(removed);
  const after = totals(fresh);
  return before.size !== after.size || [...after].some(([name, count]) => before.get(name) !== count);
}

/** Sets each entry's `assigns` from its text (nothing to read when the module declares no mutable name). */
export function fillAssignments(entries: readonly Assigning[], text: SourceText, scope: ModuleScope): void {
  const names = mutableNames(scope);
  for (const entry of entries) entry.assigns = names.length === 0 ? NONE : assignmentsOf(text.slice(entry.start, entry.end), names);
}

const NONE: ReadonlyMap<string, number> = new Map();

function totals(entries: readonly Assigning[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const entry of entries) for (const [name, count] of entry.assigns ?? NONE) sum.set(name, (sum.get(name) ?? 0) + count);
  return sum;
}
