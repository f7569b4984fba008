/**
 * `files.exclude` / `search.exclude` as VS Code stores them — `{ glob: true | false | { when } }` —
 * turned into rules we can match, plus the one exclude pattern `workspace.findFiles` takes.
 */
import { globMatchesPathOrParent, parentFolders, settingsGlob } from './fileScope';

export interface ExcludeRule {
  glob: string;
  /** `$(basename).ts`: exclude only when that sibling exists (e.g. `*.js` next to its `.ts`). */
  when?: string;
}

/** Enabled entries of one or more exclude settings; unknown shapes are ignored like VS Code does. */
export function excludeRules(...settings: unknown[]): ExcludeRule[] {
  const rules: ExcludeRule[] = [];
  for (const setting of settings) {
    if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) continue;
    for (const [glob, value] of Object.entries(setting as Record<string, unknown>)) {
      if (value === true) rules.push({ glob });
      else if (typeof value === 'object' && value !== null && typeof (value as { when?: unknown }).when === 'string') {
        rules.push({ glob, when: (value as { when: string }).when });
      }
    }
  }
  return rules;
}

/** The sibling a `when` clause names for `relPath` (`$(basename)` is the name without extension). */
export function siblingFor(relPath: string, when: string): string {
  const slash = relPath.lastIndexOf('/');
  const name = relPath.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const basename = dot > 0 ? name.slice(0, dot) : name;
  return relPath.slice(0, slash + 1) + when.replace(/\$\(basename\)/g, basename);
}

/**
 * True when a rule excludes `relPath` (relative to its workspace folder). `exists` answers for
 * `when` clauses, which test a sibling of the matched file or folder.
 */
export function isExcludedBy(relPath: string, rules: readonly ExcludeRule[], exists: (relPath: string) => boolean): boolean {
  const candidates = [...parentFolders(relPath), relPath];
  return rules.some((rule) => {
    if (!rule.when) return globMatchesPathOrParent(relPath, rule.glob);
    const [re, when] = [settingsGlob(rule.glob), rule.when];
    return candidates.some((candidate) => re.test(candidate) && exists(siblingFor(candidate, when)));
  });
}

/**
 * One brace pattern for `workspace.findFiles`' exclude: always node_modules (never walk it), plus
 * the unconditional globs that can sit inside braces (VS Code globs do not nest `{}`). The rest is
 * filtered afterwards with `isExcludedBy`, so this only saves work.
 */
export function findFilesExclude(rules: readonly ExcludeRule[]): string {
  const globs = new Set(['**/node_modules/**']);
  for (const rule of rules) if (!rule.when && !/[{},]/.test(rule.glob)) globs.add(rule.glob);
  return `{${[...globs].join(',')}}`;
}
