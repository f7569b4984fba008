/** The files of one workspace folder that "Analyze Workspace" reads, from what `findFiles` returned. */
import { type ExcludeRule, isExcludedBy } from './excludeSettings';
import { type ScopeGlobs, isAnalyzableFile, isIgnoredWithParents, isInScope } from './fileScope';

export interface FolderFilter {
  /** `files.exclude` + `search.exclude` of the folder. */
  excludes: readonly ExcludeRule[];
  /** Our include/exclude settings. */
  scope: ScopeGlobs;
  /** `.gitignore` answer for a folder-relative path, when the folder has ignore files. */
  ignored?: (relPath: string, isDir: boolean) => boolean;
}

/** Keeps analysable files (folder-relative, `/`-separated) that no setting or `.gitignore` excludes. */
export function selectFiles(relPaths: readonly string[], filter: FolderFilter): string[] {
  const present = new Set(relPaths);
  const exists = (relPath: string): boolean => present.has(relPath);
  const ignored = filter.ignored;
  return relPaths.filter(
    (relPath) =>
      isAnalyzableFile(relPath) &&
      isInScope(relPath, filter.scope) &&
      !isExcludedBy(relPath, filter.excludes, exists) &&
      !(ignored && isIgnoredWithParents(relPath, ignored)),
  );
}
