import { RdbError } from '../../core/rdb';
import { analyzeDumpFile, type DumpAnalysis } from './analyzeDumpFile';
import { formatJson } from './formatters/json';
import { reportToMarkdown } from '../../core/memory/reportExport';
import { formatTable } from './formatters/text';
import { MEMORY_USAGE, MemoryUsageError, parseMemoryArgs } from './memoryArgs';

export interface MemoryCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

/** `memory …` (argv after the word `memory`) → exit code. Only the report goes to stdout. */
export function runMemoryCli(argv: readonly string[], io: MemoryCliIo): number {
  let parsed;
  try {
    parsed = parseMemoryArgs(argv);
  } catch (err) {
    if (!(err instanceof MemoryUsageError)) throw err;
    io.stderr(`${err.message}\n\n${MEMORY_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (parsed.kind === 'help') {
    io.stdout(`${MEMORY_USAGE}\n`);
    return EXIT_OK;
  }
  const { rdb, top, format } = parsed.args;
  let analysis: DumpAnalysis;
  try {
    analysis = analyzeDumpFile(rdb, top, (read, total) => io.stderr(`Reading ${rdb}: ${Math.floor((100 * read) / total)}%\n`));
  } catch (err) {
    if (err instanceof RdbError) {
      io.stderr(`${rdb}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') {
      io.stderr(`${rdb}: cannot read the file (${code}: ${(err as Error).message}).\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  io.stderr(`Read ${analysis.report.totalKeys.toLocaleString('en-US')} keys from ${rdb}.\n`);
  io.stdout(format === 'json' ? formatJson(analysis, rdb) : format === 'markdown' ? reportToMarkdown(analysis.report, markdownTitle(rdb, analysis)) : formatTable(analysis, rdb));
  return EXIT_OK;
}

/** The Markdown title names the file and the server that wrote it (the exporter is shared with the editor's report). */
function markdownTitle(rdb: string, analysis: DumpAnalysis): string {
  const redis = analysis.info.aux['redis-ver'];
  return `${rdb} (RDB ${analysis.info.version}${redis ? `, Redis ${redis}` : ''})`;
}
