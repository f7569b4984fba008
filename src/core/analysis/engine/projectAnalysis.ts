/**
 * Analyses a set of files so that imports between them resolve: a file's relative imports that are
 * in the set are analysed before it (each file is still parsed once), and their exports are in the
 * analyzer's project index when it is. Import cycles are cut where they close. Results are given
 * once all files were analysed (in dependency order).
 */
import * as path from 'node:path';
import { moduleKeyOf } from '../clients/projectIndex';
import { ModulesByName, moduleTarget } from '../clients/specifiers';
import type { AnalysisResult } from '../types';
import type { Analyzer } from './analyzer';

/** Relative specifiers of imports, re-exports and requires (a text scan; the tree confirms later). */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"`](\.{1,2}(?:\/[^'"`\n]*)?)['"`]/gm;
/** Every specifier, relative or not (path aliases, the monorepo's packages; see specifiers.ts), scanned the same way. */
const ANY_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"`]([^'"`\n]+)['"`]/gm;

export interface ProjectFile {
  /** The name findings use (relative, `/`-separated); imports are resolved between these names. */
  name: string;
  read(): Promise<string>;
}

/**
 * `items` reordered so that each comes after the files it imports (relative imports within the set);
 * `text` gives an item's source. Use it when files must be analysed in a loop of one's own.
 */
export async function inImportOrder<T>(items: readonly T[], nameOf: (item: T) => string, text: (item: T) => Promise<string>): Promise<T[]> {
  const byModule = new Map(items.map((item) => [moduleKeyOf(nameOf(item)), item]));
  const byName = lazyNames(items.map(nameOf));
  const seen = new Set<T>();
  const ordered: T[] = [];
  const visit = async (item: T): Promise<void> => {
    if (seen.has(item)) return;
    seen.add(item);
    for (const dependency of importedFrom(nameOf(item), await text(item), byModule, byName)) await visit(dependency);
    ordered.push(item);
  };
  for (const item of items) await visit(item);
  return ordered;
}

/**
 * Calls `handle` for each item after the items it imports (relative imports within the set), like
 * `inImportOrder`, but reads each item once: `read` gives its source, handed to `handle` with it,
 * and a source is only held while its file waits for the files it imports.
 */
export async function eachInImportOrder<T, S>(
  items: readonly T[],
  nameOf: (item: T) => string,
  read: (item: T) => S | Promise<S>,
  textOf: (source: S) => string,
  handle: (item: T, source: S) => Promise<void>,
  /** Called as each item is read, before the items it imports are handled (Analyzer.noteReexports). */
  onRead?: (item: T, text: string) => void,
): Promise<void> {
  const byModule = new Map(items.map((item) => [moduleKeyOf(nameOf(item)), item]));
  const byName = lazyNames(items.map(nameOf));
  const seen = new Set<T>();
  const visit = async (item: T): Promise<void> => {
    if (seen.has(item)) return;
    seen.add(item);
    const source = await read(item);
    onRead?.(item, textOf(source));
    for (const dependency of importedFrom(nameOf(item), textOf(source), byModule, byName)) await visit(dependency);
    await handle(item, source);
  };
  for (const item of items) await visit(item);
}

/** Every specifier `text` imports, re-exports or requires (a text scan; relative, alias and package ones). */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(ANY_IMPORT)].map((m) => m[1]);
}

/** The modules (moduleKeyOf) `name`'s text imports, re-exports or requires by a relative specifier. */
export function importedModules(name: string, text: string): string[] {
  const dir = path.posix.dirname(name);
  return [...text.matchAll(RELATIVE_IMPORT)].map((match) => moduleKeyOf(path.posix.join(dir, match[1])));
}

function importedFrom<T>(name: string, text: string, byModule: ReadonlyMap<string, T>, byName: () => ModulesByName): T[] {
  const out: T[] = [];
  for (const match of text.matchAll(ANY_IMPORT)) {
    const target = moduleTarget(name, match[1], byName, moduleKeyOf);
    const dependency = target === undefined ? undefined : byModule.get(target);
    if (dependency !== undefined) out.push(dependency);
  }
  return out;
}

/** The items' module keys by last segment (built on first use: most sets have no alias imports). */
function lazyNames(names: readonly string[]): () => ModulesByName {
  let built: ModulesByName | undefined;
  return () => {
    if (!built) {
      built = new ModulesByName();
      for (const name of names) built.add(moduleKeyOf(name), name);
    }
    return built;
  };
}

export async function analyzeFiles(
  analyzer: Analyzer,
  files: readonly ProjectFile[],
  onResult: (file: ProjectFile, result: AnalysisResult) => void,
): Promise<void> {
  const byModule = new Map(files.map((f) => [moduleKeyOf(f.name), f]));
  const byName = lazyNames(files.map((f) => f.name));
  const seen = new Set<ProjectFile>();
  const done: Array<[ProjectFile, AnalysisResult]> = [];
  const visit = async (file: ProjectFile): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = await file.read();
    // A barrel in an import cycle is analysed after files that import it: its re-exports are known before.
    analyzer.noteReexports(file.name, text);
    for (const dependency of importedFrom(file.name, text, byModule, byName)) await visit(dependency);
    done.push([file, await analyzer.analyzeText(file.name, text)]);
  };
  for (const file of files) await visit(file);
  // Results go out once every file was read: a collection one file grows may be consumed by a later one.
  for (const [file, result] of done) onResult(file, { ...result, findings: analyzer.workspaceFindings(file.name, result.findings) });
}
