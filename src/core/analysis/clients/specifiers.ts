/**
 * Which import specifiers name a module of the project, and which module: relative ones
 * (`./redis`, `../db`) by their path, and path aliases (`@/lib/redis`, `~/redis`, `#src/caches`,
 * `src/modules/redis`) by the analysed module whose path ends with what follows the alias. Aliases
 * are read from their shape, not from tsconfig `paths` or package.json `imports`: the files linted
 * are often a part of a project, and a module found by a unique path suffix is the same either way.
 */
import * as path from 'node:path';

/** `@/x`, `~/x`, `~~/x`, `@@/x`, `#x` (Node subpath imports), `src/x`: group 1 is the path after the alias. */
const ALIAS = /^(?:@\/|~~?\/|@@\/|#\/?|(?=src\/))([\w$.@-][^\s'"`]*)$/;

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The path an alias specifier names inside the project (`@/lib/redis` → `lib/redis`), or undefined for packages. */
export function aliasPath(specifier: string): string | undefined {
  return ALIAS.exec(specifier)?.[1];
}

/** Relative and alias specifiers: both may name a module of the project. */
export function isProjectSpecifier(specifier: string): boolean {
  return isRelativeSpecifier(specifier) || aliasPath(specifier) !== undefined;
}

/**
 * The module (a moduleKeyOf key) an alias names, among `modules`: the one whose key is the alias's
 * path or ends with `/` and it; when several do, the one sharing the longest directory prefix with
 * the importing file (its own package in a monorepo), and none when that still leaves a tie.
 */
export function aliasTarget(fromFile: string, aliasKey: string, modules: Iterable<string>): string | undefined {
  const fromDir = path.posix.dirname(fromFile.replace(/\\/g, '/'));
  let best: string | undefined;
  let bestShared = -1;
  let tie = false;
  for (const key of modules) {
    if (key !== aliasKey && !key.endsWith(`/${aliasKey}`)) continue;
    const shared = sharedSegments(fromDir, key);
    if (shared > bestShared) {
      [best, bestShared, tie] = [key, shared, false];
    } else if (shared === bestShared) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

function sharedSegments(dir: string, key: string): number {
  const a = dir.split('/');
  const b = key.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return i;
}

/**
 * Module keys grouped by their last path segment, so that an alias is matched against the few
 * modules whose name it ends with, not every module of the project.
 */
export class ModulesByName {
  private readonly byName = new Map<string, Set<string>>();

  add(key: string): void {
    const name = lastSegment(key);
    let keys = this.byName.get(name);
    if (!keys) this.byName.set(name, (keys = new Set()));
    keys.add(key);
  }

  /** The modules an alias key may name (see aliasTarget). */
  candidates(aliasKey: string): Iterable<string> {
    return this.byName.get(lastSegment(aliasKey)) ?? [];
  }
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
