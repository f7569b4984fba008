/** The module-level names of a file, merged from its statements' declarations (the first one wins). */
import type { Binding } from '../clients/descriptors';
import { clientFamilyOf } from '../clients/packages';
import type { Entry } from './entries';
import { assignedName, lastNonSpaceBefore, lateCreations, mentionsBunClient } from './lateCreations';
import { nestedClientLoads } from './nestedLoads';

/**
 * `= require('…')`: found from each `require` (indexOf), then the `=` before it and the name assigned
 * are read backwards (a pattern that starts with the name, or with `=`, would be tried at every
 * identifier or `=` of the file: milliseconds on 1 MB).
 */
const REQUIRE_CALL = /require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/y;

export function moduleBindings(entries: readonly Entry[], text: string): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const entry of entries) for (const [name, binding] of entry.bindings) if (!bindings.has(name)) bindings.set(name, binding);
  // `let Redis;` … `Redis = require('ioredis')` inside an init method (an optional dependency loaded late).
  for (let at = text.indexOf('require'); at >= 0; at = text.indexOf('require', at + 7)) {
    const eq = lastNonSpaceBefore(text, at);
    if (text[eq] !== '=') continue;
    REQUIRE_CALL.lastIndex = at;
    const m = REQUIRE_CALL.exec(text);
    if (!m) continue;
    const name = assignedName(text, eq);
    if (name && bindings.get(name)?.b === 'unknown' && clientFamilyOf(m[2])) bindings.set(name, { b: 'value', value: { v: 'require', specifier: m[2] } });
  }
  // A client package loaded inside a function (a wrapper, a lazy `require`, `await import()`), under a name the module leaves free.
  if (text.includes('require') || text.includes('import')) {
    for (const [name, binding] of nestedClientLoads(text)) if (!bindings.has(name) || bindings.get(name)?.b === 'unknown') bindings.set(name, binding);
  }
  lateCreations(text, bindings);
  // Bun's global: `new Bun.RedisClient(…)`, `Bun.redis` without an import.
  if (!bindings.has('Bun') && mentionsBunClient(text)) bindings.set('Bun', { b: 'import', family: 'bun', exportName: 'module' });
  return bindings;
}
