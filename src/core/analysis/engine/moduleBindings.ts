/** The module-level names of a file, merged from its statements' declarations (the first one wins). */
import type { Binding } from '../clients/descriptors';
import { clientFamilyOf } from '../clients/packages';
import type { Entry } from './entries';
import { assignedName, lateCreations } from './lateCreations';

/**
 * `= require('…')`: the name assigned is read backwards from the `=` (a pattern that starts with the
 * name would be tried at every identifier of the file: ~10 ms on 1 MB).
 */
const REQUIRE_ASSIGNED = /=\s*require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

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
