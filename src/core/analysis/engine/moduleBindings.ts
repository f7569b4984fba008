/** The module-level names of a file, merged from its statements' declarations (the first one wins). */
import type { Binding } from '../clients/descriptors';
import { clientFamilyOf } from '../clients/packages';
import type { Entry } from './entries';

const LATE_REQUIRE = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*require\s*\(\s*(['"])([^'"\n]+)\2\s*\)/g;

export function moduleBindings(entries: readonly Entry[], text: string): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const entry of entries) for (const [name, binding] of entry.bindings) if (!bindings.has(name)) bindings.set(name, binding);
  // `let Redis;` … `Redis = require('ioredis')` inside an init method (an optional dependency loaded late).
  if (text.includes('require')) {
    for (const m of text.matchAll(LATE_REQUIRE)) {
      if (bindings.get(m[1])?.b === 'unknown' && clientFamilyOf(m[3])) bindings.set(m[1], { b: 'value', value: { v: 'require', specifier: m[3] } });
    }
  }
  return bindings;
}
