/**
 * One file of a lint run, as the run reports it: what goes to stderr (in order), the fix diff, and the
 * findings before the run's last pass settles them (Analyzer.workspaceFindings). The one-thread loop
 * and the threads of a parallel run (lintChunk.ts) share it, so both report alike.
 */
import type { AnalysisOptions, Analyzer, Finding } from '../../core/analysis';
import type { LintArgs } from './cliArgs';
import { lintSource } from './lintSource';
import type { SourceRead } from './readSource';

export interface LintedFile {
  relative: string;
  /** Undefined when the file was skipped (the reason is in `stderr`). */
  findings?: Finding[];
  /** --fix-dry-run: the file's diff ('' when nothing would change). */
  diff: string;
  /** Lines for stderr, each ending in a newline. */
  stderr: string[];
}

export function skippedLine(relative: string, reason: string): string {
  return `${relative}: Skipped: ${reason}.\n`;
}

/** Applies a file's options only when they differ from the last file's (resolving them costs). */
export class OptionsSwitch {
  private key = '{}';

  constructor(private readonly analyzer: Analyzer) {}

  use(options: AnalysisOptions): void {
    const key = JSON.stringify(options);
    if (key !== this.key) this.analyzer.setOptions(options);
    this.key = key;
  }
}

export async function lintFile(analyzer: Analyzer, file: string, relative: string, source: SourceRead, args: LintArgs): Promise<LintedFile> {
  if (!source.ok) return { relative, diff: '', stderr: [skippedLine(relative, source.reason)] };
  let linted;
  try {
    linted = await lintSource(analyzer, file, relative, source.text, args);
  } catch (err) {
    // Our bug, not the user's: say so in one line and lint the other files.
    const reason = `the analyzer failed on it (${err instanceof Error ? err.message : String(err)}); please report this`;
    return { relative, diff: '', stderr: [skippedLine(relative, reason)] };
  }
  const { result } = linted;
  const stderr = linted.messages.map((m) => `${m}\n`);
  for (const note of result.notes) stderr.push(`${relative}: ${note.message}\n`);
  return { relative, findings: result.findings, diff: linted.diff, stderr };
}
