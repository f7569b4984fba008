/**
 * Which keys each module of the workspace shrinks (trims, pops, deletes, expires), as key templates
 * (`queue:{name}`), so that unbounded-growth can ask whether a collection one file only adds to is
 * consumed in another. Templates are compared as globs: `{…}` parts match anything.
 */
import type { CallFact } from '../extract/facts';
import { EXPIRE_COMMANDS } from '../extract/commands';
import { SHRINKING_COMMANDS } from '../extract/ruleCommands';

export interface ModuleKeyUse {
  /** Globs of the keys the module shrinks or expires. */
  shrunk: string[];
  /** unbounded-growth findings of the module, by the start offset of the report: their key's glob. */
  growing: Map<number, string>;
}

/** `queue:{name}:jobs` → `queue:*:jobs` (an escaped `\{` is a literal brace). */
export function templateGlob(template: string): string {
  return template.replace(/(?<!\\)\{[^}]*\}/g, '*').replace(/\*+/g, '*');
}

/** Could some key match both globs (only `*` wildcards)? Compares literal heads and tails. */
export function globsOverlap(a: string, b: string): boolean {
  const wild = (g: string): boolean => g.includes('*');
  if (!wild(a) && !wild(b)) return a === b;
  if (!wild(a)) return globMatches(b, a);
  if (!wild(b)) return globMatches(a, b);
  const headA = a.slice(0, a.indexOf('*'));
  const headB = b.slice(0, b.indexOf('*'));
  const tailA = a.slice(a.lastIndexOf('*') + 1);
  const tailB = b.slice(b.lastIndexOf('*') + 1);
  return (headA.startsWith(headB) || headB.startsWith(headA)) && (tailA.endsWith(tailB) || tailB.endsWith(tailA));
}

function globMatches(glob: string, key: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(key);
}

/** Globs of the keys `calls` shrink or expire (keys the code says nothing about are left out). */
export function shrunkGlobs(calls: readonly CallFact[]): string[] {
  const out = new Set<string>();
  for (const call of calls) {
    if (!SHRINKING_COMMANDS.has(call.command) && !EXPIRE_COMMANDS.has(call.command)) continue;
    for (const key of call.keys ?? []) if (key.template !== null) out.add(templateGlob(key.template));
  }
  return [...out];
}

export class KeyUseIndex {
  private readonly modules = new Map<string, ModuleKeyUse>();

  /** Forgets every module (a new, unrelated set of files follows). */
  clear(): void {
    this.modules.clear();
  }

  update(moduleKey: string, use: ModuleKeyUse): void {
    this.modules.set(moduleKey, use);
  }

  /** Does a module other than `moduleKey` shrink or expire a key that `glob` may name? */
  shrunkElsewhere(moduleKey: string, glob: string): boolean {
    for (const [key, use] of this.modules) {
      if (key !== moduleKey && use.shrunk.some((other) => globsOverlap(glob, other))) return true;
    }
    return false;
  }

  /** The key glob of an unbounded-growth finding of `moduleKey` reported at `offset`. */
  growingAt(moduleKey: string, offset: number): string | undefined {
    return this.modules.get(moduleKey)?.growing.get(offset);
  }
}
