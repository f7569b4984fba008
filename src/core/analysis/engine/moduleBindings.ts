/** The module-level names of a file, merged from its statements' declarations (the first one wins). */
import type { Binding } from '../clients/descriptors';
import type { Entry } from './entries';
import { lateCreations, mentionsBunClient } from './lateCreations';
import { nestedClientLoads } from './nestedLoads';

export function moduleBindings(entries: readonly Entry[], text: string): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const entry of entries) for (const [name, binding] of entry.bindings) if (!bindings.has(name)) bindings.set(name, binding);
  // `var connect;` … `connect = function (o) { return redis.createClient(o) }` (how CoffeeScript declares functions).
  for (const entry of entries) {
    const [name, value] = entry.assignedFunction ?? [];
    if (name && value && bindings.get(name)?.b === 'unknown') bindings.set(name, { b: 'value', value, mutable: true });
  }
  // A client package loaded late or inside a function — `let Redis;` … `Redis = require('ioredis')` in an init method,
  // a wrapper's or a lazy `require`, `await import()` — under a name the module leaves free or declares without a value.
  for (const [name, binding] of nestedClientLoads(text)) if (!bindings.has(name) || bindings.get(name)?.b === 'unknown') bindings.set(name, binding);
  lateCreations(text, bindings);
  // Bun's global: `new Bun.RedisClient(…)`, `Bun.redis` without an import.
  if (!bindings.has('Bun') && mentionsBunClient(text)) bindings.set('Bun', { b: 'import', family: 'bun', exportName: 'module' });
  return bindings;
}
