/** The CI linter: `lint [--format …] [--max-warnings N] [--config file] [--fix | --fix-dry-run] [--jobs N|auto] <paths…>` → exit code. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { type AnalysisOptions, Analyzer, ProjectConfigError, eachInImportOrder, inImportOrder, resolveOptions, type WasmLocation, toPosixPath, wasmLocationFromNodeModules, wasmLocationInDir } from '../../core/analysis';
import { USAGE, UsageError, parseArgs } from './cliArgs';
import { type PlannedFile, planFiles } from './fileOptions';
import { type FoundFiles, MissingPathError, findFiles } from './findFiles';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { FileFindings } from './formatters/types';
import { ConfigError, loadLintConfig } from './lintConfig';
import { type LintedFile, OptionsSwitch, lintFile, skippedLine } from './lintFile';
import { lintInShares, threadCount } from './lintShares';
import { type SourceRead, readSourceSync } from './readSource';

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where the .wasm files are; defaults to next to the bundle, else node_modules. */
  wasm?: WasmLocation;
  version?: string;
  /** The script a worker thread runs to lint a share of a large run (the CLI bundle itself); without it, one thread. */
  workerEntry?: string;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** The bundle (dist/cli.js) ships the .wasm files beside it; `tsx` runs read them from node_modules. */
export function defaultWasmLocation(dir: string = __dirname): WasmLocation {
  return existsSync(path.join(dir, 'tree-sitter.wasm')) ? wasmLocationInDir(dir) : wasmLocationFromNodeModules();
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${err.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (parsed.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const { args } = parsed;
  let found: FoundFiles;
  let planned: PlannedFile[];
  try {
    const config = await loadLintConfig(args.config ? path.resolve(io.cwd, args.config) : null);
    found = await findFiles(args.paths, io.cwd, config.exclude);
    planned = await planFiles(found.files, config.options);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MissingPathError || err instanceof ProjectConfigError) {
      io.stderr(`${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  const wasm = io.wasm ?? defaultWasmLocation();
  const analyzer = new Analyzer({ wasm });
  const results: FileFindings[] = [];
  const diffs: string[] = [];
  const relativeName = (file: string): string => toPosixPath(path.relative(io.cwd, file)) || path.basename(file);
  // One odd file (a device, a FIFO, a huge or unreadable file) is reported and skipped; the run goes on.
  for (const { path: skippedPath, reason } of found.skipped) io.stderr(skippedLine(relativeName(skippedPath), reason));
  // Imported files first, so that clients they export resolve where they are imported; output keeps the given order.
  const order = new Map(planned.map((p, i) => [relativeName(p.file), i]));
  const report = (linted: LintedFile): void => {
    for (const line of linted.stderr) io.stderr(line);
    if (!linted.findings) return;
    diffs.push(linted.diff);
    results.push({ file: linted.relative, findings: linted.findings });
  };
  try {
    const maxFileSize = new Map<AnalysisOptions, number>();
    const limitOf = (options: AnalysisOptions): number => maxFileSize.get(options) ?? maxFileSize.set(options, resolveOptions(options).maxFileSize).get(options)!;
    const read = (p: PlannedFile): SourceRead => readSourceSync(p.file, limitOf(p.options));
    const threads = threadCount(args.jobs, planned.length, io.workerEntry);
    if (threads > 1 && io.workerEntry) {
      // Every file is read here first, to put the run in import order and cut it into shares.
      const sources = planned.map(read);
      const indexes = await inImportOrder(planned.map((_, i) => i), (i) => relativeName(planned[i].file), (i) => Promise.resolve(sources[i].ok ? sources[i].text : ''));
      const all = planned.map((p) => ({ file: p.file, relative: relativeName(p.file), options: p.options }));
      for (const linted of await lintInShares(analyzer, { wasm, args, all }, sources, indexes, threads, io.workerEntry)) report(linted);
    } else {
      // Each file is read once: its imports are linted first, then it, with the text read for ordering.
      const options = new OptionsSwitch(analyzer);
      await eachInImportOrder(planned, (p) => relativeName(p.file), read, (source) => (source.ok ? source.text : ''), async ({ file, options: fileOptions }, source) => {
        options.use(fileOptions);
        report(await lintFile(analyzer, file, relativeName(file), source, args));
      }, (p, text) => analyzer.noteReexports(relativeName(p.file), text));
    }
    // A queue pushed in one file and consumed in another: judged once every file was read.
    for (const r of results) r.findings = analyzer.workspaceFindings(r.file, r.findings);
  } finally {
    analyzer.dispose();
  }
  results.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  if (args.fix === 'diff') {
    // The dry run's report is the diff; the exit code still follows what would remain.
    io.stdout(diffs.join(''));
  } else {
    const output =
      args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, io.version ?? '0.0.0') : formatStylish(results);
    io.stdout(`${output}\n`);
  }
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    io.stderr(`Too many warnings (${warnings}, maximum allowed is ${args.maxWarnings}).\n`);
  }
  return errors > 0 || (args.maxWarnings >= 0 && warnings > args.maxWarnings) ? EXIT_PROBLEMS : EXIT_OK;
}
