import { RdbError } from '../../core/rdb';
import type { MemoryReport } from '../../core/memory';
import { reportToMarkdown } from '../../core/memory/reportExport';
import { analyzeDumpFile, type DumpAnalysis } from './analyzeDumpFile';
import { analyzeRedisTarget, type RedisAnalysis } from './analyzeRedis';
import { MissingPathError } from '../lint/findFiles';
import { targetLabel, TargetConnectError } from '../openRedisTarget';
import type { RedisTarget } from '../redisTargetArgs';
import { codePatternsFor, type CodePatternResult } from './codePatternSource';
import { dumpJsonSource, dumpSummary, dumpTitle } from './dumpSource';
import { formatJson } from './formatters/json';
import { formatTable } from './formatters/text';
import { liveJsonSource, liveSummary, liveTitle } from './liveSource';
import { MEMORY_USAGE, MemoryUsageError, parseMemoryArgs, type MemoryArgs } from './memoryArgs';
import { budgetFor } from '../scanCeilingFlags';
import { snapshotDumpFile } from './snapshotSource';

export interface MemoryCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

/** What the formatters need from either source. */
interface Rendered {
  report: MemoryReport;
  jsonSource: Record<string, unknown>;
  summary: string[];
  title: string;
  /** The analysis completed (a live one may have lost a node part way). */
  complete: boolean;
}

/** `memory …` (argv after the word `memory`) → exit code. Only the report goes to stdout. */
export async function runMemoryCli(argv: readonly string[], io: MemoryCliIo): Promise<number> {
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
  const { args } = parsed;
  let code: CodePatternResult;
  try {
    code = await codePatternsFor(args.paths);
  } catch (err) {
    if (!(err instanceof MissingPathError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT_USAGE;
  }
  for (const line of code.messages) io.stderr(`${line}\n`);
  const rendered = args.source.kind === 'rdb' ? fromDump(args, args.source.file, code, io) : args.bgsave ? await fromSnapshot(args, args.source.target, code, io) : await fromRedis(args, args.source.target, code, io);
  if (typeof rendered === 'number') return rendered;
  const { report } = rendered;
  io.stdout(args.format === 'json' ? formatJson(report, rendered.jsonSource) : args.format === 'markdown' ? reportToMarkdown(report, rendered.title) : formatTable(report, rendered.summary));
  return rendered.complete ? EXIT_OK : EXIT_USAGE;
}

function fromDump(args: MemoryArgs, rdb: string, code: CodePatternResult, io: MemoryCliIo): Rendered | number {
  let analysis: DumpAnalysis;
  try {
    analysis = analyzeDumpFile(rdb, args.top, (read, total) => io.stderr(`Reading ${rdb}: ${Math.floor((100 * read) / total)}%\n`), code.patterns);
  } catch (err) {
    if (err instanceof RdbError) {
      io.stderr(`${rdb}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const errno = (err as NodeJS.ErrnoException).code;
    if (typeof errno === 'string') {
      io.stderr(`${rdb}: cannot read the file (${errno}: ${(err as Error).message}).\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  analysis.report.notes.push(code.note);
  io.stderr(`Read ${analysis.report.totalKeys.toLocaleString('en-US')} keys from ${rdb}.\n`);
  return { report: analysis.report, jsonSource: dumpJsonSource(analysis, rdb), summary: dumpSummary(analysis, rdb), title: dumpTitle(analysis, rdb), complete: true };
}

/** `--redis URL --bgsave`: the dump file the server just wrote, analysed as `--rdb` does. */
async function fromSnapshot(args: MemoryArgs, target: RedisTarget, code: CodePatternResult, io: MemoryCliIo): Promise<Rendered | number> {
  const saved = await snapshotDumpFile(target, io);
  if (typeof saved === 'number') return saved;
  const rendered = fromDump(args, saved.file, code, io);
  if (typeof rendered === 'number') return rendered;
  return { ...rendered, jsonSource: { ...rendered.jsonSource, savedBy: `BGSAVE on ${targetLabel(target)}` } };
}

/** Progress on stderr at most about once a second. */
const PROGRESS_EVERY_MS = 1000;

async function fromRedis(args: MemoryArgs, target: RedisTarget, code: CodePatternResult, io: MemoryCliIo): Promise<Rendered | number> {
  let analysis: RedisAnalysis;
  let last = 0;
  try {
    analysis = await analyzeRedisTarget(target, {
      replica: args.replica,
      onReadFrom: (sentence) => io.stderr(`${sentence}\n`),
      top: args.top,
      budget: budgetFor(args.ceilings),
      ...(args.sample !== null ? { sample: args.sample } : {}),
      codePatterns: code.patterns,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const percent = p.keysExpected > 0 ? ` (${Math.min(100, Math.floor((100 * p.keysScanned) / p.keysExpected))}%)` : '';
        io.stderr(`Scanned ${p.keysScanned.toLocaleString('en-US')} of ${p.keysExpected.toLocaleString('en-US')} keys${percent}, measured ${p.keysMeasured.toLocaleString('en-US')}${p.budget ? `; ${p.budget}` : ''}\n`);
      },
    });
  } catch (err) {
    if (!(err instanceof TargetConnectError)) throw err;
    io.stderr(`${err.message}\n`);
    return EXIT_USAGE;
  }
  analysis.report.notes.push(code.note);
  for (const f of analysis.readFallbacks) io.stderr(`Could not open the analysis' own connection to ${f.node} (${f.reason}); read through the main connection instead (slower, same figures).\n`);
  const failed = analysis.nodes.filter((n) => n.state !== 'done');
  if (failed.length > 0) io.stderr(`The analysis did not complete: ${failed.map((n) => `${n.node} ${n.state}${n.error ? ` (${n.error})` : ''}`).join('; ')}. The partial report follows.\n`);
  else io.stderr(`Analysed ${analysis.report.totalKeys.toLocaleString('en-US')} keys.\n`);
  return { report: analysis.report, jsonSource: liveJsonSource(analysis), summary: liveSummary(analysis), title: liveTitle(analysis), complete: analysis.complete };
}
