/**
 * Which workspace files the analyzer reads: VS Code-style globs relative to a workspace folder
 * (`files.exclude`, `search.exclude`, our include/exclude settings), where a pattern that matches
 * a folder excludes everything below it.
 */
import { globToRegExp } from '../analysis/glob';
import { ANALYZED_EXTENSIONS, grammarForFile } from '../analysis/parser/wasmLocation';
import { isLuaFile } from '../analysis/lua/luaFile';

/** `**∕*.{ts,tsx,…,lua}` — every file the analyzer reads (findFiles' include): sources it has a grammar for, and Lua scripts. */
export function sourceFilesGlob(): string {
  return `**/*.{${[...ANALYZED_EXTENSIONS, '.lua'].map((ext) => ext.slice(1)).join(',')}}`;
}

/** True for analysable source files (not `.d.ts`) and Lua scripts. */
export function isAnalyzableFile(fileName: string): boolean {
  return grammarForFile(fileName) !== undefined || isLuaFile(fileName);
}

/** `a/b/c.ts` → `['a', 'a/b']`: the folders a path lies in, outermost first. */
export function parentFolders(relPath: string): string[] {
  const parts = relPath.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** A settings glob as a RegExp over folder-relative paths (a leading `./` is allowed). */
export function settingsGlob(glob: string): RegExp {
  return globToRegExp(glob.startsWith('./') ? glob.slice(2) : glob);
}

/** True when the glob matches the path itself or one of its folders. */
export function globMatchesPathOrParent(relPath: string, glob: string): boolean {
  const re = settingsGlob(glob);
  return re.test(relPath) || parentFolders(relPath).some((folder) => re.test(folder));
}

export interface ScopeGlobs {
  /** Empty = everything. */
  include: readonly string[];
  exclude: readonly string[];
}

/** Our include/exclude settings applied to a path relative to its workspace folder. */
export function isInScope(relPath: string, scope: ScopeGlobs): boolean {
  if (scope.include.length > 0 && !scope.include.some((glob) => globMatchesPathOrParent(relPath, glob))) return false;
  return !scope.exclude.some((glob) => globMatchesPathOrParent(relPath, glob));
}

/** A `.gitignore`-style check applied to the path and each of its folders (an ignored folder hides its files). */
export function isIgnoredWithParents(relPath: string, ignored: (relPath: string, isDir: boolean) => boolean): boolean {
  return parentFolders(relPath).some((folder) => ignored(folder, true)) || ignored(relPath, false);
}
