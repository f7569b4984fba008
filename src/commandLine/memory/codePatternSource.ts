import type { CodePattern } from '../../core/memory/memoryReportBuilder';
import { readCodePatterns } from '../patterns/readCodePatterns';

export interface CodePatternResult {
  patterns: CodePattern[];
  /** What the report should say about where its patterns come from. */
  note: string;
  /** Lines for stderr (files skipped, patterns read). */
  messages: string[];
}

/**
 * The key patterns the code under `paths` builds, with their call sites (the analyzer's own
 * parse, shared with the `patterns` subcommand). Keys no code pattern matches are grouped by
 * patterns inferred from their names. Throws the lint command's MissingPathError for a path
 * that does not exist.
 */
export async function codePatternsFor(paths: readonly string[], cwd: string = process.cwd()): Promise<CodePatternResult> {
  if (paths.length === 0) return { patterns: [], note: 'Key patterns are inferred from the key names (give source paths to group keys by the patterns the code builds).', messages: [] };
  const code = await readCodePatterns(paths, cwd);
  // The analyzer counts lines from 0; the report names them as editors do, from 1.
  const patterns = code.patterns.map((p) => ({ template: p.pattern, sites: p.sites.map((s) => ({ file: s.file, line: s.line + 1 })) }));
  return {
    patterns,
    note: `Keys are grouped by the ${patterns.length} key pattern(s) the code under ${paths.join(', ')} builds (with their call sites); other keys by patterns inferred from their names.`,
    messages: [...code.skipped, `Read ${patterns.length} key pattern(s) from ${code.files} file(s).`],
  };
}
