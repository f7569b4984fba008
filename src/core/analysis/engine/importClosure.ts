/**
 * The editor's way to resolve an opened file's imports when the files it imports are not open: they
 * are read from disk and analysed once, their own imports first, so that their exports are in the
 * project index (the CLI reads every file anyway: see projectAnalysis.ts).
 */
import { moduleKeyOf } from '../clients/projectIndex';
import { ModulesByName, moduleTarget } from '../clients/specifiers';
import type { Analyzer } from './analyzer';
import { importSpecifiers } from './projectAnalysis';

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** A folder's source files by module, to find the file an import names. */
export class SourceFiles {
  private readonly byKey = new Map<string, string>();
  private readonly byName = new ModulesByName();

  /** `names`: the folder's source files, relative and `/`-separated (the names the analyzer sees). */
  constructor(names: Iterable<string>) {
    for (const name of names) {
      const key = moduleKeyOf(name);
      const known = this.byKey.get(key);
      // `src/db.ts` beside its compiled `src/db.js`: the source is the module.
      if (known === undefined || (TYPESCRIPT.test(name) && !TYPESCRIPT.test(known))) this.byKey.set(key, name);
      this.byName.add(key, name);
    }
  }

  /** The file `specifier` names from `fromFile`, if it is one of these. */
  resolve(fromFile: string, specifier: string): string | undefined {
    const key = moduleTarget(fromFile, specifier, this.byName, moduleKeyOf);
    return key === undefined ? undefined : this.byKey.get(key);
  }
}

export interface ImportClosureOptions {
  /** Reads a file of the folder (undefined when it cannot be read). */
  read(name: string): Promise<string | undefined>;
  /** Files to leave alone: open documents publish their own exports. */
  skip(name: string): boolean;
  /** At most this many files are read for one opened file (a bound for huge import graphs). */
  maxFiles: number;
  /** Awaited between files, so that a long closure does not hold the thread. */
  pause?(): Promise<void>;
  /** Called just before a file is analysed (the CLI applies that file's own options). */
  beforeAnalysis?(name: string): void;
}

/**
 * Analyses the files `fileName` imports, directly or not, that the project index does not have yet
 * (dependencies before the files that import them); returns their names.
 */
export async function indexImportClosure(analyzer: Analyzer, fileName: string, text: string, files: SourceFiles, options: ImportClosureOptions): Promise<string[]> {
  const seen = new Set([fileName]);
  const analysed: string[] = [];
  const visit = async (name: string, source: string): Promise<void> => {
    for (const specifier of importSpecifiers(source)) {
      const dependency = files.resolve(name, specifier);
      if (dependency === undefined || seen.has(dependency) || seen.size > options.maxFiles) continue;
      seen.add(dependency);
      if (options.skip(dependency) || analyzer.project.has(dependency)) continue;
      const dependencyText = await options.read(dependency);
      if (dependencyText === undefined) continue;
      analyzer.noteReexports(dependency, dependencyText);
      await visit(dependency, dependencyText);
      options.beforeAnalysis?.(dependency);
      await analyzer.analyzeText(dependency, dependencyText);
      analysed.push(dependency);
      await options.pause?.();
    }
  };
  await visit(fileName, text);
  return analysed;
}
