/**
 * A share of a parallel lint run: a contiguous run of the files in import order, linted by one thread
 * with its own analyzer. A file this share imports from another share is analysed first and not
 * reported (its own imports before it), so that its exports resolve here as they would in one thread;
 * the run's last pass then settles every file with what all shares published (FileSettlement).
 */
import { type AnalysisOptions, type Analyzer, type FileSettlement, type ImportClosureOptions, SourceFiles, type WasmLocation, indexImportClosure, resolveOptions } from '../../core/analysis';
import type { LintArgs } from './cliArgs';
import { type LintedFile, OptionsSwitch, lintFile } from './lintFile';
import { type SourceRead, readSourceSync } from './readSource';

export interface ChunkFile {
  file: string;
  /** The name findings use (relative to the working directory). */
  relative: string;
  options: AnalysisOptions;
}

export interface ChunkRequest {
  wasm: WasmLocation;
  args: LintArgs;
  /** Every file of the run (imports resolve between them). */
  all: ChunkFile[];
  /** This share: indexes into `all`, in import order, with each file's source as the run read it. */
  owned: Array<{ index: number; source: SourceRead }>;
}

export interface ChunkResult {
  files: LintedFile[];
  settlements: FileSettlement[];
}

export async function lintChunk(request: ChunkRequest, analyzer: Analyzer): Promise<ChunkResult> {
  const { all, owned, args } = request;
  const options = new OptionsSwitch(analyzer);
  const byRelative = new Map(all.map((f) => [f.relative, f]));
  const ownedNames = new Set(owned.map((o) => all[o.index].relative));
  const files = new SourceFiles(all.map((f) => f.relative));
  const limits = new Map<AnalysisOptions, number>();
  const limitOf = (o: AnalysisOptions): number => limits.get(o) ?? limits.set(o, resolveOptions(o).maxFileSize).get(o)!;

  // Another share's file this one imports: analysed (its imports first) for its exports only, with its own options.
  const closure: ImportClosureOptions = {
    read: (name) => {
      const planned = byRelative.get(name);
      const source = planned && readSourceSync(planned.file, limitOf(planned.options));
      return Promise.resolve(source?.ok ? source.text : undefined);
    },
    skip: (name) => ownedNames.has(name),
    maxFiles: all.length,
    beforeAnalysis: (name) => options.use(byRelative.get(name)?.options ?? {}),
  };
  const indexImports = async (name: string, text: string): Promise<void> => {
    // A file the analyzer fails on is reported by the share that owns it; here it only leaves its exports unknown.
    await indexImportClosure(analyzer, name, text, files, closure).catch(() => undefined);
  };

  // As one thread notes each file's re-exports when it reads it, before the files it imports (a barrel in a cycle).
  for (const { index, source } of owned) if (source.ok) analyzer.noteReexports(all[index].relative, source.text);
  const linted: LintedFile[] = [];
  for (const { index, source } of owned) {
    const { file, relative } = all[index];
    if (source.ok) await indexImports(relative, source.text);
    options.use(all[index].options);
    linted.push(await lintFile(analyzer, file, relative, source, args));
  }
  const settlements = owned.map((o) => analyzer.settlementOf(all[o.index].relative));
  return { files: linted, settlements };
}
