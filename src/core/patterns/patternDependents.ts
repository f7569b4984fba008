/**
 * Which indexed files import which, so that an edit of a key helper file (`keys.ts` exporting key
 * builders) re-indexes the files whose templates go through it. Only as far as it matters: an
 * importer is followed further when its own exports changed, or when it re-exports the module (a
 * barrel's exports look the same when the module behind them changes).
 */
import * as path from 'node:path';
import { moduleKeyOf } from '../analysis/clients/projectIndex';
import { importedModules } from '../analysis/engine/projectAnalysis';

/** `export * from './x'`, `export { a } from './x'`: the specifier. */
const RE_EXPORT = /^\s*export\s*(?:type\s*)?(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"](\.{1,2}(?:\/[^'"\n]*)?)['"]/gm;

interface FileImports {
  imports: ReadonlySet<string>;
  reExports: ReadonlySet<string>;
}

export class ImportersIndex {
  private readonly files = new Map<string, FileImports>();

  /** Records what `name` (a workspace-relative path) imports, from its text. */
  setFile(name: string, text: string): void {
    const dir = path.posix.dirname(name);
    const reExports = new Set([...text.matchAll(RE_EXPORT)].map((m) => moduleKeyOf(path.posix.join(dir, m[1]))));
    this.files.set(name, { imports: new Set(importedModules(name, text)), reExports });
  }

  removeFile(name: string): void {
    this.files.delete(name);
  }

  clear(): void {
    this.files.clear();
  }

  /** Files that import `name` directly, sorted. */
  importersOf(name: string): string[] {
    const module = moduleKeyOf(name);
    return [...this.files].filter(([file, f]) => file !== name && f.imports.has(module)).map(([file]) => file).sort();
  }

  /** True when `file` re-exports the module `name` (a barrel). */
  reExports(file: string, name: string): boolean {
    return this.files.get(file)?.reExports.has(moduleKeyOf(name)) ?? false;
  }
}

/**
 * Re-indexes the importers of `name` (already re-indexed, its exports changed), breadth first, each at
 * most once; `reindex` analyses one file and tells whether its exports changed (undefined: skipped).
 * Returns the files re-indexed, in order.
 */
export async function reindexImporters(
  name: string,
  importers: ImportersIndex,
  reindex: (file: string) => Promise<{ exportsChanged?: boolean } | undefined>,
  signal?: AbortSignal,
): Promise<string[]> {
  const done: string[] = [];
  const seen = new Set([name]);
  let frontier = [name];
  while (frontier.length > 0 && !signal?.aborted) {
    const next: string[] = [];
    for (const changed of frontier) {
      for (const file of importers.importersOf(changed)) {
        if (seen.has(file) || signal?.aborted) continue;
        seen.add(file);
        const result = await reindex(file);
        done.push(file);
        if (result?.exportsChanged || importers.reExports(file, changed)) next.push(file);
      }
    }
    frontier = next;
  }
  return done;
}
