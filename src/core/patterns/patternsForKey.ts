import type { CodePattern } from './patternIndex';
import { compileTemplate, TemplateMatcher } from './patternMatcher';

/**
 * The code patterns a key belongs to (the most specific template that matches it, as the live
 * classification decides), or that may hold keys below a folder prefix of the key browser: those
 * whose fixed start lies inside the folder (`session:` holds `session:{id}`) or leads into it with a
 * variable part after (`{tenant}:orders` may hold keys under any folder).
 */
export function patternsForKey(patterns: readonly CodePattern[], what: { key: Buffer } | { prefix: Buffer }): CodePattern[] {
  if ('key' in what) {
    const matched = new TemplateMatcher(patterns.map((p) => p.pattern)).match(what.key);
    return matched ? patterns.filter((p) => p.pattern === matched.template) : [];
  }
  return patterns.filter((p) => {
    const { pieces } = compileTemplate(p.pattern);
    const first = pieces[0];
    const n = Math.min(first.length, what.prefix.length);
    if (!first.subarray(0, n).equals(what.prefix.subarray(0, n))) return false;
    return first.length >= what.prefix.length || pieces.length > 1;
  });
}
