/**
 * A module-level `let`/`var` assigned again anywhere in the file holds what was assigned last, not its
 * initial string (argFacts.ts reads the whole file for that): whether a statement assigns one is part of
 * what other statements depend on. An edited document keeps, per statement, which of the module's
 * mutable names it assigns; when an edit changes that, every statement is read again.
 */
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

/** Which of `names` the text assigns, each as often as it does (`current=2`), or '' for none. */
export function assignmentsOf(text: string, names: readonly string[]): string {
  if (names.length === 0) return '';
  const key = names.join(',');
  let re = patterns.get(key);
  if (!re) {
    if (patterns.size > 32) patterns.clear();
    re = new RegExp(`(?<![\\w$.])(${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})\\s*(?:[-+*/%&|^]|\\?\\?|&&|\\|\\|)?=(?![=>])`, 'g');
    patterns.set(key, re);
  }
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return [...counts].sort().map(([n, c]) => `${n}=${c}`).join(',');
}

/**
 * Whether an edit that replaced `removed` by `fresh` changed how often the file assigns one of the module's mutable
 * names (then what other statements read changed too). Fills `fresh` entries' `assigns`.
 */
export function reassignmentsChanged(removed: ReadonlyArray<{ assigns?: string }>, fresh: ReadonlyArray<{ start: number; end: number; assigns?: string }>, text: string, scope: ModuleScope): boolean {
  fillAssignments(fresh, text, scope);
  return totals(removed) !== totals(fresh);
}

/** Sets each entry's `assigns` from its text (nothing to read when the module declares no mutable name). */
export function fillAssignments(entries: ReadonlyArray<{ start: number; end: number; assigns?: string }>, text: string, scope: ModuleScope): void {
  const names = mutableNames(scope);
  for (const entry of entries) entry.assigns = names.length === 0 ? '' : assignmentsOf(text.slice(entry.start, entry.end), names);
}

function totals(entries: ReadonlyArray<{ assigns?: string }>): string {
  const sum = new Map<string, number>();
  for (const e of entries) for (const part of e.assigns ? e.assigns.split(',') : []) {
    const [name, count] = part.split('=');
    sum.set(name, (sum.get(name) ?? 0) + Number(count));
  }
  return [...sum].sort().map(([n, c]) => `${n}=${c}`).join(',');
}
