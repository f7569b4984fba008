/** The module-level names of a file, merged from its statements' declarations (the first one wins). */
import type { Binding, ValueDesc } from '../clients/descriptors';
import { clientFamilyOf } from '../clients/packages';
import type { Entry } from './entries';

/**
 * `= require('…')`: the name assigned is read backwards from the `=` (a pattern that starts with the
 * name would be tried at every identifier of the file: ~10 ms on 1 MB).
 */
const REQUIRE_ASSIGNED = /=\s*require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
/** `= new Redis(…)`, `= new Redis.Cluster(…)`, `= createClient(…)`: a client assigned late (a lazy getter's). */
const CREATION_ASSIGNED = /=\s*(?:await\s+)?(new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g;
const CREATION_CALLEE = /(?:^|\.)(?:createClient|createCluster)$/;
const NAME_CHAR = /[\w$]/;
const SPACE = /\s/;
const NAME_START = /[A-Za-z_$]/;

/** The identifier `name =` ends at the `=` at `eq` (the `\s*` between allowed), unless it is a property (`a.name =`). */
function assignedName(text: string, eq: number): string | undefined {
  let end = eq;
  while (end > 0 && SPACE.test(text[end - 1])) end--;
  let start = end;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  if (start === end || !NAME_START.test(text[start]) || text[start - 1] === '.') return undefined;
  return text.slice(start, end);
}

export function moduleBindings(entries: readonly Entry[], text: string): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const entry of entries) for (const [name, binding] of entry.bindings) if (!bindings.has(name)) bindings.set(name, binding);
  // `let Redis;` … `Redis = require('ioredis')` inside an init method (an optional dependency loaded late).
  if (text.includes('require')) {
    for (const m of text.matchAll(REQUIRE_ASSIGNED)) {
      const name = assignedName(text, m.index);
      if (name && bindings.get(name)?.b === 'unknown' && clientFamilyOf(m[2])) bindings.set(name, { b: 'value', value: { v: 'require', specifier: m[2] } });
    }
  }
  lateCreations(text, bindings);
  return bindings;
}

/** `let client;` … `client = new Redis()` in a function: the name holds what the assignment creates (standalone first). */
function lateCreations(text: string, bindings: Map<string, Binding>): void {
  let anyUnknown = false;
  for (const binding of bindings.values()) if (binding.b === 'unknown') anyUnknown = true;
  if (!anyUnknown) return;
  const found = new Map<string, ValueDesc>();
  for (const m of text.matchAll(CREATION_ASSIGNED)) {
    if (!m[1] && !CREATION_CALLEE.test(m[2])) continue;
    if ('=!<>'.includes(text[m.index - 1] ?? '')) continue; // a comparison, not an assignment
    const name = assignedName(text, m.index);
    if (!name || bindings.get(name)?.b !== 'unknown') continue;
    const prior = found.get(name);
    if (prior && !(prior.v === 'new' && prior.callee.v === 'member' && prior.callee.name === 'Cluster')) continue;
    const callee = m[2].split('.').reduce<ValueDesc | null>((object, part) => (object ? { v: 'member', object, name: part } : { v: 'ident', name: part }), null);
    if (callee) found.set(name, m[1] ? { v: 'new', callee } : { v: 'call', callee, key: null });
  }
  for (const [name, value] of found) bindings.set(name, { b: 'value', value });
}
