/**
 * The key patterns the code under some paths builds: every JS/TS file analysed once, imported
 * files first (helpers and constants resolve across files), the key sites of each analysis merged
 * into the pattern index. Shared by `patterns` and `memory` (which groups keys by these patterns).
 */
import * as path from 'node:path';
import { Analyzer, inImportOrder, toPosixPath, type WasmLocation } from '../../core/analysis';
import { PatternIndex, type CodePattern } from '../../core/patterns/patternIndex';
import { findFiles } from '../lint/findFiles';
import { readSource, type SourceRead } from '../lint/readSource';
import { defaultWasmLocation } from '../lint/runCli';

export interface CodePatterns {
  patterns: CodePattern[];
  /** Files analysed. */
  files: number;
  /** One line per file skipped (unreadable, too large, the analyzer failed), for stderr. */
  skipped: string[];
}

/** Throws the lint command's MissingPathError for a path that does not exist. */
export async function readCodePatterns(paths: readonly string[], cwd: string, wasm: WasmLocation = defaultWasmLocation()): Promise<CodePatterns> {
  const index = new PatternIndex();
  if (paths.length === 0) return { patterns: [], files: 0, skipped: [] };
  const found = await findFiles(paths, cwd, []);
  const skipped = found.skipped.map((s) => `${relativeTo(cwd, s.path)}: Skipped: ${s.reason}.`);
  const analyzer = new Analyzer({ wasm });
  let files = 0;
  try {
    // Each file is read once: for the import order, then for its analysis (then dropped).
    const sources = new Map<string, SourceRead>();
    const read = async (file: string): Promise<SourceRead> => {
      let source = sources.get(file);
      if (!source) sources.set(file, (source = await readSource(file, analyzer.options.maxFileSize)));
      return source;
    };
    const ordered = await inImportOrder(found.files, (f) => relativeTo(cwd, f), async (f) => {
      const source = await read(f);
      return source.ok ? source.text : '';
    });
    for (const file of ordered) {
      const name = relativeTo(cwd, file);
      const source = await read(file);
      sources.delete(file);
      if (!source.ok) {
        skipped.push(`${name}: Skipped: ${source.reason}.`);
        continue;
      }
      try {
        const result = await analyzer.analyzeText(name, source.text);
        index.setFile(name, result.keySites ?? []);
        files++;
      } catch (err) {
        skipped.push(`${name}: Skipped: the analyzer failed on it (${err instanceof Error ? err.message : String(err)}); please report this.`);
      }
    }
  } finally {
    analyzer.dispose();
  }
  return { patterns: index.patterns(), files, skipped };
}

function relativeTo(cwd: string, file: string): string {
  return toPosixPath(path.relative(cwd, file)) || path.basename(file);
}
